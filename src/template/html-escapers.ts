/**
 * The sanitizing functions html/template inserts into actions (HTML text, attribute values,
 * URLs, CSS, JavaScript), and the typed safe strings (template.HTML, template.URL, ...) that
 * tell them a value is already safe for its context.
 */
import { sprint } from './fmt.js';
import type { GoObject } from './values.js';
import { attrContentType, decodeCSS, stripTags } from './html-context.js';

import type { ContentType } from './html-context.js';

export type { ContentType };

/** A value of one of html/template's safe string types (template.HTML, template.URL, ...). */
export class SafeContent implements GoObject {
  constructor(readonly kind: Exclude<ContentType, 'plain'>, readonly text: string) {}

  get goType(): string {
    return `template.${this.kind}`;
  }

  goFormat(): string {
    return this.text;
  }
}

/** The word sanitizers print in place of a value that is unsafe in its context. */
export const FILTER_FAILSAFE = 'ZgotmplZ';

/** An action's value as text, with its content type (nil arguments are skipped, as Go does). */
export function stringify(args: readonly unknown[]): [string, ContentType] {
  if (args.length === 1) {
    const v = args[0];
    if (typeof v === 'string') return [v, 'plain'];
    if (v instanceof SafeContent) return [v.text, v.kind];
  }
  return [sprint(args.filter((a) => a !== null && a !== undefined)), 'plain'];
}

type Table = ReadonlyMap<number, string>;

function table(entries: Record<string, string>): Table {
  return new Map(Object.entries(entries).map(([k, v]) => [k.codePointAt(0) as number, v]));
}

const HTML_TABLE = table({ '\0': '\uFFFD', '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;' });
const HTML_NORM_TABLE = table({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;' });
const NOSPACE_ENTRIES: Record<string, string> = {
  '\0': '&#xfffd;', '\t': '&#9;', '\n': '&#10;', '\v': '&#11;', '\f': '&#12;', '\r': '&#13;', ' ': '&#32;',
  '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '=': '&#61;', '>': '&gt;', '`': '&#96;',
};
const HTML_NOSPACE_TABLE = table(NOSPACE_ENTRIES);
const HTML_NOSPACE_NORM_TABLE = table(Object.fromEntries(Object.entries(NOSPACE_ENTRIES).filter(([k]) => k !== '&')));

function htmlReplacer(s: string, repl: Table, badRunes: boolean): string {
  let out = '';
  let written = 0;
  for (let i = 0; i < s.length;) {
    const r = s.codePointAt(i) as number;
    const w = r > 0xffff ? 2 : 1;
    const rep = repl.get(r);
    if (rep !== undefined) {
      out += s.slice(written, i) + rep;
      written = i + w;
    } else if (!badRunes && r >= 0x80 && ((r >= 0xfdd0 && r <= 0xfdef) || (r >= 0xfff0 && r <= 0xffff))) {
      out += `${s.slice(written, i)}&#x${r.toString(16)};`;
      written = i + w;
    }
    i += w;
  }
  return written === 0 ? s : out + s.slice(written);
}

/** Escapes for HTML text; template.HTML passes unchanged. */
export function htmlEscaper(...args: unknown[]): string {
  const [s, t] = stringify(args);
  if (t === 'HTML') return s;
  return htmlReplacer(s, HTML_TABLE, true);
}

/** Escapes for the body of <title> or <textarea>. */
export function rcdataEscaper(...args: unknown[]): string {
  const [s, t] = stringify(args);
  return htmlReplacer(s, t === 'HTML' ? HTML_NORM_TABLE : HTML_TABLE, true);
}

/** Escapes for a quoted attribute value; template.HTML loses its tags. */
export function attrEscaper(...args: unknown[]): string {
  const [s, t] = stringify(args);
  if (t === 'HTML') return htmlReplacer(stripTags(s), HTML_NORM_TABLE, true);
  return htmlReplacer(s, HTML_TABLE, true);
}

/** Escapes for an unquoted attribute value (as Go 1.19, which Alertmanager 0.25 was built with: "" stays ""). */
export function htmlNospaceEscaper(...args: unknown[]): string {
  const [s, t] = stringify(args);
  if (t === 'HTML') return htmlReplacer(stripTags(s), HTML_NOSPACE_NORM_TABLE, false);
  return htmlReplacer(s, HTML_NOSPACE_TABLE, false);
}

/** Actions inside comments print nothing. */
export function commentEscaper(): string {
  return '';
}

/** An attribute name from an action: lower-case letters and digits, and not a special attribute. */
export function htmlNameFilter(...args: unknown[]): string {
  const [raw, t] = stringify(args);
  if (t === 'HTMLAttr') return raw;
  if (raw === '') return FILTER_FAILSAFE;
  const s = raw.toLowerCase();
  if (attrContentType(s) !== 'plain') return FILTER_FAILSAFE;
  return /^[0-9a-z]*$/.test(s) ? s : FILTER_FAILSAFE;
}

// ---- URLs ----

/** True for a relative URL or one whose scheme is http, https or mailto. */
export function isSafeURL(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon >= 0 && !s.slice(0, colon).includes('/')) {
    const scheme = s.slice(0, colon).toLowerCase();
    return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
  }
  return true;
}

/** Defangs a URL with an unsafe scheme (`#ZgotmplZ`); template.URL passes. */
export function urlFilter(...args: unknown[]): string {
  const [s, t] = stringify(args);
  if (t === 'URL') return s;
  return isSafeURL(s) ? s : `#${FILTER_FAILSAFE}`;
}

const URL_RESERVED = new Set('!#$&*+,/:;=?@[]');
const URL_UNRESERVED = /[A-Za-z0-9\-._~]/;

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/** Percent-encodes the UTF-8 bytes of `s` that are not allowed (keeping reserved ones when normalizing). */
export function processURL(s: string, norm: boolean): string {
  let out = '';
  const bytes = new TextEncoder().encode(s);
  let changed = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const c = String.fromCharCode(b);
    let keep = false;
    if (b < 0x80) {
      if (URL_RESERVED.has(c)) keep = norm;
      else if (URL_UNRESERVED.test(c)) keep = true;
      else if (c === '%') {
        keep = norm && i + 2 < bytes.length && isHex(String.fromCharCode(bytes[i + 1] as number)) && isHex(String.fromCharCode(bytes[i + 2] as number));
      }
    }
    if (keep) {
      out += c;
    } else {
      out += `%${b.toString(16).padStart(2, '0')}`;
      changed = true;
    }
  }
  return changed ? out : s;
}

/** Escapes a value for a URL's query or fragment. */
export function urlEscaper(...args: unknown[]): string {
  const [s, t] = stringify(args);
  return processURL(s, t === 'URL');
}

/** Normalizes a value for a URL before its query (keeps reserved characters and valid escapes). */
export function urlNormalizer(...args: unknown[]): string {
  const [s] = stringify(args);
  return processURL(s, true);
}

function isHTMLSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

function filterSrcsetElement(s: string): string {
  let start = 0;
  while (start < s.length && isHTMLSpace(s[start] as string)) start++;
  let end = s.length;
  for (let i = start; i < s.length; i++) {
    if (isHTMLSpace(s[i] as string)) {
      end = i;
      break;
    }
  }
  const url = s.slice(start, end);
  if (isSafeURL(url) && /^[\t\n\f\r A-Za-z0-9]*$/.test(s.slice(end))) {
    return s.slice(0, start) + processURL(url, true) + s.slice(end);
  }
  return `#${FILTER_FAILSAFE}`;
}

/** Filters and normalizes a srcset value (comma-separated URLs with metadata). */
export function srcsetEscaper(...args: unknown[]): string {
  const [s, t] = stringify(args);
  if (t === 'Srcset') return s;
  if (t === 'URL') return processURL(s, true).replace(/,/g, '%2c');
  return s.split(',').map(filterSrcsetElement).join(',');
}

// ---- JavaScript and CSS ----

const JS_STR_ENTRIES: Record<string, string> = {
  '\0': '\\u0000', '\t': '\\t', '\n': '\\n', '\v': '\\u000b', '\f': '\\f', '\r': '\\r', '"': '\\u0022', '`': '\\u0060',
  '&': '\\u0026', "'": '\\u0027', '+': '\\u002b', '/': '\\/', '<': '\\u003c', '>': '\\u003e', '\\': '\\\\',
  '\u2028': '\\u2028', '\u2029': '\\u2029',
};
const JS_STR_TABLE = table(JS_STR_ENTRIES);
const JS_STR_NORM_TABLE = table(Object.fromEntries(Object.entries(JS_STR_ENTRIES).filter(([k]) => k !== '\\')));
const JS_REGEXP_TABLE = table({
  ...JS_STR_ENTRIES, '$': '\\$', '(': '\\(', ')': '\\)', '*': '\\*', '-': '\\-', '.': '\\.', '?': '\\?', '[': '\\[',
  ']': '\\]', '^': '\\^', '{': '\\{', '|': '\\|', '}': '\\}',
});

function replaceRunes(s: string, repl: Table): string {
  let out = '';
  for (const ch of s) out += repl.get(ch.codePointAt(0) as number) ?? ch;
  return out;
}

/** Escapes for the inside of a JavaScript string literal. */
export function jsStrEscaper(...args: unknown[]): string {
  const [s, t] = stringify(args);
  return replaceRunes(s, t === 'JSStr' ? JS_STR_NORM_TABLE : JS_STR_TABLE);
}

/** Escapes for the inside of a JavaScript regular expression literal. */
export function jsRegexpEscaper(...args: unknown[]): string {
  const [s] = stringify(args);
  const out = replaceRunes(s, JS_REGEXP_TABLE);
  return out === '' ? '(?:)' : out;
}

function hasToJSON(v: object): v is { toJSON(): unknown } {
  return typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * Go's json.Marshal of a template value, for jsValEscaper: maps with sorted keys, structs
 * (values with a toJSON method) in their field order, other Go values by their printed form.
 */
function goJSON(v: unknown, ordered = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v !== 'object') return 'null';
  if (v instanceof SafeContent) return JSON.stringify(v.text);
  if (Array.isArray(v)) return `[${v.map((x) => goJSON(x, ordered)).join(',')}]`;
  let entries: [string, unknown][];
  if (v instanceof Map) {
    entries = [...v.entries()].map(([k, x]) => [String(k), x]);
  } else if (hasToJSON(v)) {
    return goJSON(v.toJSON(), true);
  } else if (typeof (v as { goFormat?: unknown }).goFormat === 'function') {
    return JSON.stringify((v as GoObject).goFormat());
  } else {
    entries = Object.entries(v);
  }
  if (!ordered || v instanceof Map) entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${goJSON(x, ordered && !(v instanceof Map))}`).join(',')}}`;
}

/** A value as a JavaScript expression (JSON, padded so it cannot merge with keywords). */
export function jsValEscaper(...args: unknown[]): string {
  let v: unknown;
  if (args.length === 1) {
    v = args[0];
    if (v instanceof SafeContent && v.kind === 'JS') return v.text;
    if (v instanceof SafeContent && v.kind === 'JSStr') return `"${v.text}"`;
  } else {
    v = stringify(args)[0];
  }
  const json = goJSON(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const pad = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]|[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]$/u.test(json);
  return pad ? ` ${json} ` : json;
}

const CSS_TABLE = table({
  '\0': '\\0', '\t': '\\9', '\n': '\\a', '\f': '\\c', '\r': '\\d', '"': '\\22', '&': '\\26', "'": '\\27', '(': '\\28',
  ')': '\\29', '+': '\\2b', '/': '\\2f', ':': '\\3a', ';': '\\3b', '<': '\\3c', '>': '\\3e', '\\': '\\\\', '{': '\\7b',
  '}': '\\7d',
});

/** Escapes for a CSS string or quoted url(). */
export function cssEscaper(...args: unknown[]): string {
  const [s] = stringify(args);
  let out = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const rep = CSS_TABLE.get(ch.codePointAt(0) as number);
    if (rep === undefined) {
      out += ch;
      continue;
    }
    out += rep;
    const next = chars[i + 1];
    if (rep !== '\\\\' && (next === undefined || /^[0-9A-Fa-f \t\n\f\r]$/.test(next))) out += ' ';
  }
  return out;
}

/** Lets through CSS values that cannot break out of their property (else ZgotmplZ). */
export function cssValueFilter(...args: unknown[]): string {
  const [s, t] = stringify(args);
  if (t === 'CSS') return s;
  const b = decodeCSS(s);
  let id = '';
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as string;
    if ('\0"\'()/;@[\\]`{}<>'.includes(c)) return FILTER_FAILSAFE;
    if (c === '-' && i !== 0 && b[i - 1] === '-') return FILTER_FAILSAFE;
    if (/[-_a-zA-Z0-9]/.test(c)) id += c;
  }
  id = id.toLowerCase();
  if (id.includes('expression') || id.includes('mozbinding')) return FILTER_FAILSAFE;
  return b;
}

/** fmt.Sprint of an action's arguments (html/template's _eval_args_). */
export function evalArgs(...args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

/** The functions html/template inserts into pipelines, by the names it gives them. */
export const HTML_ESCAPERS: Readonly<Record<string, (...args: unknown[]) => string>> = {
  _html_template_attrescaper: attrEscaper,
  _html_template_commentescaper: commentEscaper,
  _html_template_cssescaper: cssEscaper,
  _html_template_cssvaluefilter: cssValueFilter,
  _html_template_htmlnamefilter: htmlNameFilter,
  _html_template_htmlescaper: htmlEscaper,
  _html_template_jsregexpescaper: jsRegexpEscaper,
  _html_template_jsstrescaper: jsStrEscaper,
  _html_template_jsvalescaper: jsValEscaper,
  _html_template_nospaceescaper: htmlNospaceEscaper,
  _html_template_rcdataescaper: rcdataEscaper,
  _html_template_srcsetescaper: srcsetEscaper,
  _html_template_urlescaper: urlEscaper,
  _html_template_urlfilter: urlFilter,
  _html_template_urlnormalizer: urlNormalizer,
  _eval_args_: evalArgs,
};
