/**
 * html/template's model of where an action sits in an HTML document (its context) and the
 * transitions that move it over template text: HTML text, tags, attribute names and values,
 * URLs, comments, and the raw text of <script>, <style>, <title> and <textarea>.
 */

/** The kind of a typed safe string (html/template's content types), or plain text. */
export type ContentType = 'plain' | 'CSS' | 'HTML' | 'HTMLAttr' | 'JS' | 'JSStr' | 'URL' | 'Srcset';

export type State =
  | 'stateText' | 'stateTag' | 'stateAttrName' | 'stateAfterName' | 'stateBeforeValue' | 'stateHTMLCmt'
  | 'stateRCDATA' | 'stateAttr' | 'stateURL' | 'stateSrcset' | 'stateJS' | 'stateJSDqStr' | 'stateJSSqStr'
  | 'stateJSBqStr' | 'stateJSRegexp' | 'stateJSBlockCmt' | 'stateJSLineCmt' | 'stateJSHTMLOpenCmt'
  | 'stateJSHTMLCloseCmt' | 'stateCSS' | 'stateCSSDqStr' | 'stateCSSSqStr' | 'stateCSSDqURL' | 'stateCSSSqURL'
  | 'stateCSSURL' | 'stateCSSBlockCmt' | 'stateCSSLineCmt' | 'stateError' | 'stateDead';
export type Delim = 'delimNone' | 'delimDoubleQuote' | 'delimSingleQuote' | 'delimSpaceOrTagEnd';
export type UrlPart = 'urlPartNone' | 'urlPartPreQuery' | 'urlPartQueryOrFrag' | 'urlPartUnknown';
export type JsCtx = 'jsCtxRegexp' | 'jsCtxDivOp' | 'jsCtxUnknown';
export type Attr = 'attrNone' | 'attrScript' | 'attrScriptType' | 'attrStyle' | 'attrURL' | 'attrSrcset';
export type Element = 'elementNone' | 'elementScript' | 'elementStyle' | 'elementTextarea' | 'elementTitle';

/** Where the escaper is: immutable, compared field by field. */
export interface HtmlContext {
  readonly state: State;
  readonly delim: Delim;
  readonly urlPart: UrlPart;
  readonly jsCtx: JsCtx;
  readonly attr: Attr;
  readonly element: Element;
  /** Why the context is stateError. */
  readonly err?: string;
}

export const TEXT_CONTEXT: HtmlContext = {
  state: 'stateText', delim: 'delimNone', urlPart: 'urlPartNone', jsCtx: 'jsCtxRegexp', attr: 'attrNone', element: 'elementNone',
};

export function ctx(fields: Partial<HtmlContext>): HtmlContext {
  return { ...TEXT_CONTEXT, ...fields };
}

export function errorContext(err: string): HtmlContext {
  return ctx({ state: 'stateError', err });
}

export function contextEq(a: HtmlContext, b: HtmlContext): boolean {
  return a.state === b.state && a.delim === b.delim && a.urlPart === b.urlPart && a.jsCtx === b.jsCtx
    && a.attr === b.attr && a.element === b.element && a.err === b.err;
}

/** Go's context.String(). */
export function contextString(c: HtmlContext): string {
  return `{${c.state} ${c.delim} ${c.urlPart} ${c.jsCtx} ${c.attr} ${c.element} ${c.err ?? '<nil>'}}`;
}

/** The name of a template derived for a start context (the name itself for HTML text). */
export function mangle(c: HtmlContext, name: string): string {
  if (c.state === 'stateText') return name;
  let s = `${name}$htmltemplate_${c.state}`;
  if (c.delim !== 'delimNone') s += `_${c.delim}`;
  if (c.urlPart !== 'urlPartNone') s += `_${c.urlPart}`;
  if (c.jsCtx !== 'jsCtxRegexp') s += `_${c.jsCtx}`;
  if (c.attr !== 'attrNone') s += `_${c.attr}`;
  if (c.element !== 'elementNone') s += `_${c.element}`;
  return s;
}

export function isComment(s: State): boolean {
  return s === 'stateHTMLCmt' || s === 'stateJSBlockCmt' || s === 'stateJSLineCmt' || s === 'stateJSHTMLOpenCmt'
    || s === 'stateJSHTMLCloseCmt' || s === 'stateCSSBlockCmt' || s === 'stateCSSLineCmt';
}

function isInTag(s: State): boolean {
  return s === 'stateTag' || s === 'stateAttrName' || s === 'stateAfterName' || s === 'stateBeforeValue' || s === 'stateAttr';
}

const ATTR_START: Record<Attr, State> = {
  attrNone: 'stateAttr', attrScript: 'stateJS', attrScriptType: 'stateAttr', attrStyle: 'stateCSS', attrURL: 'stateURL',
  attrSrcset: 'stateSrcset',
};

/** The context after empty-string transitions (e.g. `<a href=` before its value starts). */
export function nudge(c: HtmlContext): HtmlContext {
  switch (c.state) {
    case 'stateTag': return { ...c, state: 'stateAttrName' };
    case 'stateBeforeValue': return { ...c, state: ATTR_START[c.attr], delim: 'delimSpaceOrTagEnd', attr: 'attrNone' };
    case 'stateAfterName': return { ...c, state: 'stateAttrName', attr: 'attrNone' };
    default: return c;
  }
}

const ELEMENT_CONTENT: Record<Element, State> = {
  elementNone: 'stateText', elementScript: 'stateJS', elementStyle: 'stateCSS', elementTextarea: 'stateRCDATA',
  elementTitle: 'stateRCDATA',
};
const ELEMENT_NAMES: Record<string, Element> = {
  script: 'elementScript', style: 'elementStyle', textarea: 'elementTextarea', title: 'elementTitle',
};
const ELEMENT_END: Record<Exclude<Element, 'elementNone'>, string> = {
  elementScript: 'script', elementStyle: 'style', elementTextarea: 'textarea', elementTitle: 'title',
};

type Transition = (c: HtmlContext, s: string) => [HtmlContext, number];

function isAlpha(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z]$/.test(c);
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z0-9]$/.test(c);
}

function eatWhiteSpace(s: string, i: number): number {
  let j = i;
  while (j < s.length && ' \t\n\f\r'.includes(s[j] as string)) j++;
  return j;
}

function eatTagName(s: string, i: number): [number, Element] {
  if (!isAlpha(s[i])) return [i, 'elementNone'];
  let j = i + 1;
  while (j < s.length) {
    const x = s[j];
    if (isAlnum(x)) {
      j++;
    } else if ((x === ':' || x === '-') && isAlnum(s[j + 1])) {
      j += 2;
    } else break;
  }
  return [j, ELEMENT_NAMES[s.slice(i, j).toLowerCase()] ?? 'elementNone'];
}

/** The end of an attribute name starting at i, or an error text. */
function eatAttrName(s: string, i: number): number | string {
  for (let j = i; j < s.length; j++) {
    const c = s[j] as string;
    if (' \t\n\f\r=>'.includes(c)) return j;
    if (c === "'" || c === '"' || c === '<') return `${JSON.stringify(c)} in attribute name: ${JSON.stringify(s.slice(0, 32))}`;
  }
  return s.length;
}

const tText: Transition = (c, s) => {
  let k = 0;
  for (;;) {
    let i = s.indexOf('<', k);
    if (i < 0 || i + 1 === s.length) return [c, s.length];
    if (s.startsWith('<!--', i)) return [ctx({ state: 'stateHTMLCmt' }), i + 4];
    i++;
    let end = false;
    if (s[i] === '/') {
      if (i + 1 === s.length) return [c, s.length];
      end = true;
      i++;
    }
    const [j, e] = eatTagName(s, i);
    if (j !== i) return [ctx({ state: 'stateTag', element: end ? 'elementNone' : e }), j];
    k = j;
  }
};

function attrFor(element: Element, name: string): Attr {
  if (element === 'elementScript' && name === 'type') return 'attrScriptType';
  switch (attrContentType(name)) {
    case 'URL': return 'attrURL';
    case 'CSS': return 'attrStyle';
    case 'JS': return 'attrScript';
    case 'Srcset': return 'attrSrcset';
    default: return 'attrNone';
  }
}

const tTag: Transition = (c, s) => {
  const i = eatWhiteSpace(s, 0);
  if (i === s.length) return [c, s.length];
  if (s[i] === '>') return [ctx({ state: ELEMENT_CONTENT[c.element], element: c.element }), i + 1];
  const j = eatAttrName(s, i);
  if (typeof j === 'string') return [errorContext(j), s.length];
  if (i === j) return [errorContext(`expected space, attr name, or end of tag, but got ${JSON.stringify(s.slice(i))}`), s.length];
  const attr = attrFor(c.element, s.slice(i, j).toLowerCase());
  return [ctx({ state: j === s.length ? 'stateAttrName' : 'stateAfterName', element: c.element, attr }), j];
};

const tAttrName: Transition = (c, s) => {
  const i = eatAttrName(s, 0);
  if (typeof i === 'string') return [errorContext(i), s.length];
  return [i !== s.length ? { ...c, state: 'stateAfterName' } : c, i];
};

const tAfterName: Transition = (c, s) => {
  const i = eatWhiteSpace(s, 0);
  if (i === s.length) return [c, s.length];
  if (s[i] !== '=') return [{ ...c, state: 'stateTag' }, i];
  return [{ ...c, state: 'stateBeforeValue' }, i + 1];
};

const tBeforeValue: Transition = (c, s) => {
  let i = eatWhiteSpace(s, 0);
  if (i === s.length) return [c, s.length];
  let delim: Delim = 'delimSpaceOrTagEnd';
  if (s[i] === "'") {
    delim = 'delimSingleQuote';
    i++;
  } else if (s[i] === '"') {
    delim = 'delimDoubleQuote';
    i++;
  }
  return [{ ...c, state: ATTR_START[c.attr], delim }, i];
};

const tHTMLCmt: Transition = (c, s) => {
  const i = s.indexOf('-->');
  return i >= 0 ? [TEXT_CONTEXT, i + 3] : [c, s.length];
};

/** The index of `</tag` followed by a separator, case-insensitively, or -1. */
function indexTagEnd(s: string, tag: string): number {
  const lower = s.toLowerCase();
  let from = 0;
  for (;;) {
    const i = lower.indexOf('</', from);
    if (i < 0) return -1;
    const after = i + 2 + tag.length;
    if (lower.startsWith(tag, i + 2) && after < s.length && '> \t\n\f/'.includes(s[after] as string)) return i;
    from = i + 2;
  }
}

const tSpecialTagEnd: Transition = (c, s) => {
  if (c.element !== 'elementNone') {
    const i = indexTagEnd(s, ELEMENT_END[c.element]);
    if (i >= 0) return [TEXT_CONTEXT, i];
  }
  return [c, s.length];
};

const tAttr: Transition = (c, s) => [c, s.length];

const tURL: Transition = (c, s) => {
  if (/[#?]/.test(s)) return [{ ...c, urlPart: 'urlPartQueryOrFrag' }, s.length];
  if (eatWhiteSpace(s, 0) !== s.length && c.urlPart === 'urlPartNone') return [{ ...c, urlPart: 'urlPartPreQuery' }, s.length];
  return [c, s.length];
};

const REGEXP_PRECEDERS = new Set(['break', 'case', 'continue', 'delete', 'do', 'else', 'finally', 'in', 'instanceof', 'return', 'throw', 'try', 'typeof', 'void']);

/** Whether a `/` after JS text `s` starts a regexp or a division. */
export function nextJSCtx(text: string, preceding: JsCtx): JsCtx {
  const s = text.replace(/[\t\n\f\r \u2028\u2029]+$/, '');
  const n = s.length;
  if (n === 0) return preceding;
  const c = s[n - 1] as string;
  if (c === '+' || c === '-') {
    let start = n - 1;
    while (start > 0 && s[start - 1] === c) start--;
    return (n - start) % 2 === 1 ? 'jsCtxRegexp' : 'jsCtxDivOp';
  }
  if (c === '.') return n !== 1 && /[0-9]/.test(s[n - 2] as string) ? 'jsCtxDivOp' : 'jsCtxRegexp';
  if (',<>=*%&|^?!~([:;{}'.includes(c)) return 'jsCtxRegexp';
  const word = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*$/u.exec(s)?.[0] ?? '';
  return REGEXP_PRECEDERS.has(word) ? 'jsCtxRegexp' : 'jsCtxDivOp';
}

const tJS: Transition = (c, s) => {
  const m = /["`'/<\-#]/.exec(s);
  if (m === null) return [{ ...c, jsCtx: nextJSCtx(s, c.jsCtx) }, s.length];
  let i = m.index;
  let next: HtmlContext = { ...c, jsCtx: nextJSCtx(s.slice(0, i), c.jsCtx) };
  switch (s[i]) {
    case '"': next = { ...next, state: 'stateJSDqStr', jsCtx: 'jsCtxRegexp' }; break;
    case "'": next = { ...next, state: 'stateJSSqStr', jsCtx: 'jsCtxRegexp' }; break;
    case '`': next = { ...next, state: 'stateJSBqStr', jsCtx: 'jsCtxRegexp' }; break;
    case '/':
      if (s[i + 1] === '/') {
        next = { ...next, state: 'stateJSLineCmt' };
        i++;
      } else if (s[i + 1] === '*') {
        next = { ...next, state: 'stateJSBlockCmt' };
        i++;
      } else if (next.jsCtx === 'jsCtxRegexp') {
        next = { ...next, state: 'stateJSRegexp' };
      } else if (next.jsCtx === 'jsCtxDivOp') {
        next = { ...next, jsCtx: 'jsCtxRegexp' };
      } else {
        return [errorContext(`'/' could start a division or regexp: ${JSON.stringify(s.slice(i, i + 32))}`), s.length];
      }
      break;
    case '<':
      if (s.startsWith('<!--', i)) {
        next = { ...next, state: 'stateJSHTMLOpenCmt' };
        i += 3;
      }
      break;
    case '-':
      if (s.startsWith('-->', i)) {
        next = { ...next, state: 'stateJSHTMLCloseCmt' };
        i += 2;
      }
      break;
    default:
      if (s[i + 1] === '!') {
        next = { ...next, state: 'stateJSLineCmt' };
        i++;
      }
  }
  return [next, i + 1];
};

const tJSDelimited: Transition = (c, s) => {
  const specials = c.state === 'stateJSSqStr' ? "\\'" : c.state === 'stateJSBqStr' ? '`\\' : c.state === 'stateJSRegexp' ? '\\/[]' : '\\"';
  let inCharset = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (!specials.includes(ch)) continue;
    if (ch === '\\') {
      i++;
      if (i === s.length) return [errorContext(`unfinished escape sequence in JS string: ${JSON.stringify(s)}`), s.length];
    } else if (ch === '[') {
      inCharset = true;
    } else if (ch === ']') {
      inCharset = false;
    } else if (!inCharset) {
      return [{ ...c, state: 'stateJS', jsCtx: 'jsCtxDivOp' }, i + 1];
    }
  }
  if (inCharset) return [errorContext(`unfinished JS regexp charset: ${JSON.stringify(s)}`), s.length];
  return [c, s.length];
};

const tBlockCmt: Transition = (c, s) => {
  const i = s.indexOf('*/');
  if (i < 0) return [c, s.length];
  return [{ ...c, state: c.state === 'stateJSBlockCmt' ? 'stateJS' : 'stateCSS' }, i + 2];
};

const tLineCmt: Transition = (c, s) => {
  const css = c.state === 'stateCSSLineCmt';
  const m = (css ? /[\n\f\r]/ : /[\n\r\u2028\u2029]/).exec(s);
  if (m === null) return [c, s.length];
  return [{ ...c, state: css ? 'stateCSS' : 'stateJS' }, m.index];
};

function endsWithCSSKeyword(s: string, kw: string): boolean {
  if (!s.toLowerCase().endsWith(kw)) return false;
  const before = s[s.length - kw.length - 1];
  return before === undefined || !/[-_a-zA-Z0-9\u0080-\uffff]/.test(before);
}

const tCSS: Transition = (c, s) => {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '(') {
      if (endsWithCSSKeyword(s.slice(0, i).replace(/[\t\n\f\r ]+$/, ''), 'url')) {
        const j = eatWhiteSpace(s, i + 1);
        if (s[j] === '"') return [{ ...c, state: 'stateCSSDqURL' }, j + 1];
        if (s[j] === "'") return [{ ...c, state: 'stateCSSSqURL' }, j + 1];
        return [{ ...c, state: 'stateCSSURL' }, j];
      }
    } else if (ch === '/' && s[i + 1] === '/') {
      return [{ ...c, state: 'stateCSSLineCmt' }, i + 2];
    } else if (ch === '/' && s[i + 1] === '*') {
      return [{ ...c, state: 'stateCSSBlockCmt' }, i + 2];
    } else if (ch === '"') {
      return [{ ...c, state: 'stateCSSDqStr' }, i + 1];
    } else if (ch === "'") {
      return [{ ...c, state: 'stateCSSSqStr' }, i + 1];
    }
  }
  return [c, s.length];
};

/** Decodes CSS escapes (`\26 `, `\"`). */
export function decodeCSS(s: string): string {
  return s.replace(/\\([0-9A-Fa-f]{1,6})[ \t\n\f]?|\\\r\n?|\\([\s\S])/g, (m: string, hex: string | undefined, ch: string | undefined) => {
    if (hex !== undefined) {
      const cp = parseInt(hex, 16);
      return cp > 0x10ffff ? '\uFFFD' : String.fromCodePoint(cp);
    }
    return ch ?? '';
  });
}

const tCSSStr: Transition = (c, s) => {
  const ends = c.state === 'stateCSSDqStr' || c.state === 'stateCSSDqURL' ? '\\"'
    : c.state === 'stateCSSSqStr' || c.state === 'stateCSSSqURL' ? "\\'" : '\\\t\n\f\r )';
  let cur = c;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (!ends.includes(ch)) continue;
    if (ch === '\\') {
      i++;
      if (i === s.length) return [errorContext(`unfinished escape sequence in CSS string: ${JSON.stringify(s)}`), s.length];
      continue;
    }
    cur = tURL(cur, decodeCSS(s.slice(0, i)))[0];
    return [{ ...cur, state: 'stateCSS' }, i + 1];
  }
  return [tURL(cur, decodeCSS(s))[0], s.length];
};

const tError: Transition = (c, s) => [c, s.length];

const TRANSITIONS: Record<State, Transition> = {
  stateText: tText, stateTag: tTag, stateAttrName: tAttrName, stateAfterName: tAfterName, stateBeforeValue: tBeforeValue,
  stateHTMLCmt: tHTMLCmt, stateRCDATA: tSpecialTagEnd, stateAttr: tAttr, stateURL: tURL, stateSrcset: tURL, stateJS: tJS,
  stateJSDqStr: tJSDelimited, stateJSSqStr: tJSDelimited, stateJSBqStr: tJSDelimited, stateJSRegexp: tJSDelimited,
  stateJSBlockCmt: tBlockCmt, stateJSLineCmt: tLineCmt, stateJSHTMLOpenCmt: tLineCmt, stateJSHTMLCloseCmt: tLineCmt,
  stateCSS: tCSS, stateCSSDqStr: tCSSStr, stateCSSSqStr: tCSSStr, stateCSSDqURL: tCSSStr, stateCSSSqURL: tCSSStr,
  stateCSSURL: tCSSStr, stateCSSBlockCmt: tBlockCmt, stateCSSLineCmt: tLineCmt, stateError: tError, stateDead: tError,
};

export function transition(c: HtmlContext, s: string): [HtmlContext, number] {
  return TRANSITIONS[c.state](c, s);
}

const DELIM_ENDS: Record<Exclude<Delim, 'delimNone'>, RegExp> = {
  delimDoubleQuote: /"/, delimSingleQuote: /'/, delimSpaceOrTagEnd: /[ \t\n\f\r>]/,
};

/** Consumes a prefix of `s` from context `c`: the context after it and its length. */
export function contextAfterText(c: HtmlContext, s: string): [HtmlContext, number] {
  if (c.delim === 'delimNone') {
    const [c1, i] = tSpecialTagEnd(c, s);
    if (i === 0) return [c1, 0];
    return transition(c, s.slice(0, i));
  }
  const m = DELIM_ENDS[c.delim].exec(s);
  const i = m === null ? s.length : m.index;
  if (c.delim === 'delimSpaceOrTagEnd') {
    const bad = /["'<=`]/.exec(s.slice(0, i));
    if (bad !== null) return [errorContext(`${JSON.stringify(bad[0])} in unquoted attr: ${JSON.stringify(s.slice(0, i))}`), s.length];
  }
  if (i === s.length) {
    let cur = c;
    for (let u = unescapeHTML(s); u.length > 0;) {
      const [c1, n] = transition(cur, u);
      cur = c1;
      u = u.slice(n);
    }
    return [cur, s.length];
  }
  let element = c.element;
  if (c.state === 'stateAttr' && c.element === 'elementScript' && c.attr === 'attrScriptType' && !isJSType(s.slice(0, i))) {
    element = 'elementNone';
  }
  return [ctx({ state: 'stateTag', element }), c.delim === 'delimSpaceOrTagEnd' ? i : i + 1];
}

const JS_TYPES = new Set([
  'application/ecmascript', 'application/javascript', 'application/json', 'application/ld+json', 'application/x-ecmascript',
  'application/x-javascript', 'module', 'text/ecmascript', 'text/javascript', 'text/javascript1.0', 'text/javascript1.1',
  'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript',
  'text/x-ecmascript', 'text/x-javascript',
]);

function isJSType(mime: string): boolean {
  const t = (mime.split(';')[0] ?? '').trim().toLowerCase();
  return JS_TYPES.has(t);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** A subset of html.UnescapeString: numeric references and the common named ones. */
function unescapeHTML(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);?/g, (m: string, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return ENTITIES[ref] ?? m;
  });
}

/** The text content of an HTML fragment (html/template's stripTags, for HTML in attributes). */
export function stripTags(html: string): string {
  let out = '';
  let c = TEXT_CONTEXT;
  let i = 0;
  let allText = true;
  while (i !== html.length) {
    if (c.delim === 'delimNone') {
      let st = c.state;
      if (c.element !== 'elementNone' && !isInTag(st)) st = 'stateRCDATA';
      const [d, n] = TRANSITIONS[st](c, html.slice(i));
      const i1 = i + n;
      if (c.state === 'stateText' || c.state === 'stateRCDATA') {
        let j = i1;
        if (d.state !== c.state) {
          const lt = html.lastIndexOf('<', j - 1);
          if (lt >= i) j = lt;
        }
        out += html.slice(i, j);
      } else {
        allText = false;
      }
      const stuck = n === 0 && contextEq(c, d);
      c = d;
      i = i1;
      if (stuck) break;
      continue;
    }
    const m = DELIM_ENDS[c.delim].exec(html.slice(i));
    if (m === null) break;
    const i1 = i + m.index + (c.delim !== 'delimSpaceOrTagEnd' ? 1 : 0);
    c = ctx({ state: 'stateTag', element: c.element });
    i = i1;
  }
  if (allText) return html;
  if (c.state === 'stateText' || c.state === 'stateRCDATA') out += html.slice(i);
  return out;
}
// ---- attribute types (which attributes hold URLs, CSS or JavaScript) ----

const URL_ATTRS = new Set([
  'action', 'archive', 'background', 'cite', 'classid', 'codebase', 'data', 'formaction', 'href', 'icon', 'longdesc',
  'manifest', 'poster', 'profile', 'src', 'usemap', 'xmlns',
]);
const UNSAFE_ATTRS = new Set([
  'accept-charset', 'async', 'challenge', 'charset', 'content', 'crossorigin', 'defer', 'enctype', 'form', 'formenctype',
  'formmethod', 'formnovalidate', 'http-equiv', 'keytype', 'language', 'method', 'novalidate', 'pattern', 'rel', 'sandbox',
  'type', 'value',
]);
const PLAIN_ATTRS = new Set([
  'accept', 'alt', 'autocomplete', 'autofocus', 'autoplay', 'border', 'checked', 'class', 'cols', 'colspan',
  'contenteditable', 'contextmenu', 'controls', 'coords', 'datetime', 'default', 'dir', 'dirname', 'disabled', 'draggable',
  'dropzone', 'for', 'formtarget', 'headers', 'height', 'hidden', 'high', 'hreflang', 'id', 'ismap', 'kind', 'label', 'lang',
  'list', 'loop', 'low', 'max', 'maxlength', 'media', 'mediagroup', 'min', 'multiple', 'name', 'open', 'optimum',
  'placeholder', 'preload', 'pubdate', 'radiogroup', 'readonly', 'required', 'reversed', 'rows', 'rowspan', 'spellcheck',
  'scope', 'scoped', 'seamless', 'selected', 'shape', 'size', 'sizes', 'span', 'srclang', 'start', 'step', 'tabindex',
  'target', 'title', 'width', 'wrap',
]);

/** What an attribute's value holds, by its lower-case name (with Go's heuristics for unknown names). */
export function attrContentType(lowerName: string): ContentType | 'unsafe' {
  let name = lowerName;
  if (name.startsWith('data-')) {
    name = name.slice(5);
  } else {
    const colon = name.indexOf(':');
    if (colon >= 0) {
      if (name.slice(0, colon) === 'xmlns') return 'URL';
      name = name.slice(colon + 1);
    }
  }
  if (URL_ATTRS.has(name)) return 'URL';
  if (UNSAFE_ATTRS.has(name)) return 'unsafe';
  if (PLAIN_ATTRS.has(name)) return 'plain';
  if (name === 'style') return 'CSS';
  if (name === 'srcdoc') return 'HTML';
  if (name === 'srcset') return 'Srcset';
  if (name.startsWith('on')) return 'JS';
  if (name.includes('src') || name.includes('uri') || name.includes('url')) return 'URL';
  return 'plain';
}

