/**
 * html/template's contextual autoescaping over text/template trees: walks a template (and
 * every template it calls) tracking the HTML context of each action, appends the sanitizer
 * that context needs to the action's pipeline, strips comments from the template text, and
 * derives a copy of a called template for each context it is called from.
 */
import { goQuote } from '../model/strconv/index.js';
import { TemplateError } from './errors.js';
import {
  contextAfterText, contextEq, contextString, ctx, errorContext, isComment, mangle, nudge, TEXT_CONTEXT, type HtmlContext,
} from './html-context.js';
import type {
  ActionNode, BranchFields, CommandNode, IdentifierNode, ListNode, Node, PipeNode, TemplateNode, TextNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import type { Tree } from './parser.js';

interface RangeContext {
  outer: RangeContext | null;
  breaks: HtmlContext[];
  continues: HtmlContext[];
}

type Filter = (e: Escaper, c: HtmlContext) => boolean;

/** Predefined text/template escapers and the contextual escapers each one can stand for. */
const EQUIV_ESCAPERS: Record<string, string> = {
  _html_template_attrescaper: 'html',
  _html_template_htmlescaper: 'html',
  _html_template_rcdataescaper: 'html',
  _html_template_urlescaper: 'urlquery',
  _html_template_urlnormalizer: 'urlquery',
};

function normalizeEsc(name: string): string {
  return EQUIV_ESCAPERS[name] ?? name;
}

/** redundant[a] holds b when b(a(x)) == a(x). */
const REDUNDANT: Record<string, ReadonlySet<string>> = {
  _html_template_commentescaper: new Set(['_html_template_attrescaper', '_html_template_htmlescaper']),
  _html_template_cssescaper: new Set(['_html_template_attrescaper']),
  _html_template_jsregexpescaper: new Set(['_html_template_attrescaper']),
  _html_template_jsstrescaper: new Set(['_html_template_attrescaper']),
  _html_template_urlescaper: new Set(['_html_template_urlnormalizer']),
};

function identOf(cmd: CommandNode): string | undefined {
  const a = cmd.args[0];
  return a?.type === 'identifier' ? a.name : undefined;
}

function identCmd(name: string, pos: number): CommandNode {
  const ident: IdentifierNode = { type: 'identifier', pos, name };
  return { type: 'command', pos, args: [ident] };
}

function appendCmd(cmds: CommandNode[], cmd: CommandNode): void {
  const last = cmds.length > 0 ? identOf(cmds[cmds.length - 1] as CommandNode) : undefined;
  const next = identOf(cmd);
  if (last !== undefined && next !== undefined && REDUNDANT[last]?.has(next) === true) return;
  cmds.push(cmd);
}

/** Makes the pipeline end with the escapers `names`, merging a trailing `html` or `urlquery`. */
function ensurePipelineContains(p: PipeNode, names: readonly string[]): void {
  if (names.length === 0) return;
  const s = [...names];
  let len = p.cmds.length;
  const lastCmd = p.cmds[len - 1];
  const esc = lastCmd === undefined ? undefined : identOf(lastCmd);
  if (lastCmd !== undefined && (esc === 'html' || esc === 'urlquery')) {
    if (p.cmds.length === 1 && lastCmd.args.length > 1) {
      lastCmd.args[0] = { type: 'identifier', pos: (lastCmd.args[0] as Node).pos, name: '_eval_args_' };
      appendCmd(p.cmds, identCmd(esc, p.pos));
      len = p.cmds.length;
    }
    let dup = false;
    for (let i = 0; i < s.length; i++) {
      if (normalizeEsc(esc) === normalizeEsc(s[i] as string)) {
        s[i] = esc;
        dup = true;
      }
    }
    if (dup) len--;
  }
  const cmds = p.cmds.slice(0, len);
  const present = new Set(cmds.map(identOf).filter((n): n is string => n !== undefined).map(normalizeEsc));
  for (const name of s) if (!present.has(normalizeEsc(name))) appendCmd(cmds, identCmd(name, p.pos));
  p.cmds = cmds;
}

function cloneTree(t: Tree, name: string = t.name): Tree {
  return { name, root: structuredClone(t.root), text: t.text, parseName: t.parseName };
}

/** Line and column (0-based bytes, as Go) of a position in a template's text. */
function location(tree: Tree | null, pos: number): string {
  if (tree === null) return '';
  const before = tree.text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1));
  const line = 1 + (before.match(/\n/g)?.length ?? 0);
  return `${tree.parseName}:${line}:${col}: `;
}

class Escaper {
  readonly output = new Map<string, HtmlContext>();
  readonly derived = new Map<string, Tree>();
  readonly called = new Set<string>();
  readonly actionEdits = new Map<ActionNode, string[]>();
  readonly templateEdits = new Map<TemplateNode, string>();
  readonly textEdits = new Map<TextNode, string>();
  rangeContext: RangeContext | null = null;
  /** The tree being escaped, for error positions. */
  tree: Tree | null = null;

  /** `working` holds copies of the source trees, made on first use and shared by child escapers. */
  constructor(readonly source: ReadonlyMap<string, Tree>, readonly working: Map<string, Tree>) {}

  lookup(name: string): Tree | undefined {
    let t = this.working.get(name);
    if (t === undefined) {
      const src = this.source.get(name);
      if (src !== undefined) {
        t = cloneTree(src);
        this.working.set(name, t);
      }
    }
    return t ?? this.derived.get(name);
  }

  private err(pos: number, msg: string): HtmlContext {
    return errorContext(`${location(this.tree, pos)}${msg}`);
  }

  escape(c: HtmlContext, n: Node): HtmlContext {
    switch (n.type) {
      case 'action': return this.escapeAction(c, n);
      case 'break':
        this.rangeContext?.breaks.push(c);
        return ctx({ state: 'stateDead' });
      case 'continue':
        this.rangeContext?.continues.push(c);
        return ctx({ state: 'stateDead' });
      case 'if':
      case 'range':
      case 'with':
        return this.escapeBranch(c, n, n.type);
      case 'list': return this.escapeList(c, n);
      case 'template': return this.escapeTemplate(c, n);
      case 'text': return this.escapeText(c, n);
      default: return c;
    }
  }

  private escapeAction(c0: HtmlContext, n: ActionNode): HtmlContext {
    if (n.pipe.decl.length > 0) return c0;
    let c = nudge(c0);
    const cmds = n.pipe.cmds;
    for (let pos = 0; pos < cmds.length; pos++) {
      const ident = identOf(cmds[pos] as CommandNode);
      if (ident !== 'html' && ident !== 'urlquery') continue;
      if (pos < cmds.length - 1 || (c.state === 'stateAttr' && c.delim === 'delimSpaceOrTagEnd' && ident === 'html')) {
        return this.err(n.pos, `predefined escaper ${goQuote(ident)} disallowed in template`);
      }
    }
    const s: string[] = [];
    switch (c.state) {
      case 'stateError': return c;
      case 'stateURL': case 'stateCSSDqStr': case 'stateCSSSqStr': case 'stateCSSDqURL': case 'stateCSSSqURL': case 'stateCSSURL':
        if (c.urlPart === 'urlPartUnknown') return this.err(n.pos, `${nodeString(n)} appears in an ambiguous context within a URL`);
        if (c.urlPart === 'urlPartNone') s.push('_html_template_urlfilter');
        if (c.urlPart === 'urlPartQueryOrFrag') s.push('_html_template_urlescaper');
        else if (c.state === 'stateCSSDqStr' || c.state === 'stateCSSSqStr') s.push('_html_template_cssescaper');
        else s.push('_html_template_urlnormalizer');
        break;
      case 'stateJS':
        s.push('_html_template_jsvalescaper');
        c = { ...c, jsCtx: 'jsCtxDivOp' };
        break;
      case 'stateJSDqStr': case 'stateJSSqStr': s.push('_html_template_jsstrescaper'); break;
      case 'stateJSBqStr': return this.err(n.pos, `${nodeString(n)} appears in a JS template literal`);
      case 'stateJSRegexp': s.push('_html_template_jsregexpescaper'); break;
      case 'stateCSS': s.push('_html_template_cssvaluefilter'); break;
      case 'stateText': s.push('_html_template_htmlescaper'); break;
      case 'stateRCDATA': s.push('_html_template_rcdataescaper'); break;
      case 'stateAttr': break;
      case 'stateAttrName': case 'stateTag':
        c = { ...c, state: 'stateAttrName' };
        s.push('_html_template_htmlnamefilter');
        break;
      case 'stateSrcset': s.push('_html_template_srcsetescaper'); break;
      default:
        if (!isComment(c.state)) return this.err(n.pos, `unexpected state ${c.state}`);
        s.push('_html_template_commentescaper');
    }
    if (c.delim === 'delimSpaceOrTagEnd') s.push('_html_template_nospaceescaper');
    else if (c.delim !== 'delimNone') s.push('_html_template_attrescaper');
    this.actionEdits.set(n, s);
    return c;
  }

  private escapeBranch(c: HtmlContext, n: BranchFields, kind: 'if' | 'range' | 'with'): HtmlContext {
    if (kind === 'range') this.rangeContext = { outer: this.rangeContext, breaks: [], continues: [] };
    let c0 = this.escapeList(c, n.list);
    if (kind === 'range') {
      const rc = this.rangeContext as RangeContext;
      if (c0.state !== 'stateError') c0 = this.joinRange(c0, rc, n.pos);
      this.rangeContext = rc.outer;
      if (c0.state === 'stateError') return c0;
      // The body may run again: escaping it from its own end context must end the same way.
      this.rangeContext = { outer: this.rangeContext, breaks: [], continues: [] };
      const [c1] = this.escapeListConditionally(c0, n.list, null);
      c0 = this.join(c0, c1, 'range', n.pos);
      const rc2 = this.rangeContext;
      if (c0.state === 'stateError') {
        this.rangeContext = rc2.outer;
        return errorContext(`on range loop re-entry: ${c0.err ?? ''}`);
      }
      c0 = this.joinRange(c0, rc2, n.pos);
      this.rangeContext = rc2.outer;
      if (c0.state === 'stateError') return c0;
    }
    const c1 = this.escapeList(c, n.elseList);
    return this.join(c0, c1, kind, n.pos);
  }

  private joinRange(c0: HtmlContext, rc: RangeContext, pos: number): HtmlContext {
    let c = c0;
    for (const b of rc.breaks) {
      c = this.join(c, b, 'range', pos);
      if (c.state === 'stateError') return errorContext(`at range loop break: ${c.err ?? ''}`);
    }
    for (const b of rc.continues) {
      c = this.join(c, b, 'range', pos);
      if (c.state === 'stateError') return errorContext(`at range loop continue: ${c.err ?? ''}`);
    }
    return c;
  }

  /** The context after a branch whose arms end in `a` and `b`. */
  join(a: HtmlContext, b: HtmlContext, kind: string, pos: number): HtmlContext {
    if (a.state === 'stateError') return a;
    if (b.state === 'stateError') return b;
    if (a.state === 'stateDead') return b;
    if (b.state === 'stateDead') return a;
    if (contextEq(a, b)) return a;
    if (contextEq({ ...a, urlPart: b.urlPart }, b)) return { ...a, urlPart: 'urlPartUnknown' };
    if (contextEq({ ...a, jsCtx: b.jsCtx }, b)) return { ...a, jsCtx: 'jsCtxUnknown' };
    const na = nudge(a);
    const nb = nudge(b);
    if (!(contextEq(na, a) && contextEq(nb, b))) {
      const e = this.join(na, nb, kind, pos);
      if (e.state !== 'stateError') return e;
    }
    return this.err(pos, `{{${kind}}} branches end in different contexts: ${contextString(a)}, ${contextString(b)}`);
  }

  escapeList(c: HtmlContext, n: ListNode | null): HtmlContext {
    if (n === null) return c;
    let cur = c;
    for (const m of n.nodes) {
      cur = this.escape(cur, m);
      if (cur.state === 'stateDead') break;
    }
    return cur;
  }

  /** Escapes `n` in a child escaper; keeps its edits only when `filter` accepts the result. */
  escapeListConditionally(c: HtmlContext, n: ListNode, filter: Filter | null): [HtmlContext, boolean] {
    const e1 = new Escaper(this.source, this.working);
    e1.rangeContext = this.rangeContext;
    e1.tree = this.tree;
    for (const [k, v] of this.output) e1.output.set(k, v);
    const c1 = e1.escapeList(c, n);
    const ok = filter !== null && filter(e1, c1);
    if (ok) {
      for (const [k, v] of e1.output) this.output.set(k, v);
      for (const [k, v] of e1.derived) this.derived.set(k, v);
      for (const k of e1.called) this.called.add(k);
      for (const [k, v] of e1.actionEdits) this.actionEdits.set(k, v);
      for (const [k, v] of e1.templateEdits) this.templateEdits.set(k, v);
      for (const [k, v] of e1.textEdits) this.textEdits.set(k, v);
    }
    return [c1, ok];
  }

  private escapeTemplate(c: HtmlContext, n: TemplateNode): HtmlContext {
    const [c1, name] = this.escapeTree(c, n.name, n.pos);
    if (name !== n.name) this.templateEdits.set(n, name);
    return c1;
  }

  /** Escapes the named template from context `c`: its end context and the (derived) name to call. */
  escapeTree(c: HtmlContext, name: string, pos: number): [HtmlContext, string] {
    const dname = mangle(c, name);
    this.called.add(dname);
    const out = this.output.get(dname);
    if (out !== undefined) return [out, dname];
    const t = this.lookup(name);
    if (t === undefined) return [this.err(pos, `no such template ${goQuote(name)}`), dname];
    let tree = t;
    if (dname !== name) {
      let dt = this.lookup(dname);
      if (dt === undefined) {
        dt = cloneTree(this.source.get(name) ?? t, dname);
        this.derived.set(dname, dt);
      }
      tree = dt;
    }
    return [this.computeOutCtx(c, tree), dname];
  }

  private computeOutCtx(c: HtmlContext, t: Tree): HtmlContext {
    let [c1, ok] = this.escapeTemplateBody(c, t);
    if (!ok) {
      const [c2, ok2] = this.escapeTemplateBody(c1, t);
      if (ok2) {
        c1 = c2;
        ok = true;
      }
    }
    if (!ok && c1.state !== 'stateError') return errorContext(`cannot compute output context for template ${t.name}`);
    return c1;
  }

  private escapeTemplateBody(c: HtmlContext, t: Tree): [HtmlContext, boolean] {
    const filter: Filter = (e1, c1) => {
      if (c1.state === 'stateError') return false;
      if (!e1.called.has(t.name)) return true;
      return contextEq(c, c1);
    };
    this.output.set(t.name, c);
    const outer = this.tree;
    this.tree = t;
    try {
      return this.escapeListConditionally(c, t.root, filter);
    } finally {
      this.tree = outer;
    }
  }

  private escapeText(c0: HtmlContext, n: TextNode): HtmlContext {
    const s = n.text;
    let c = c0;
    let written = 0;
    let i = 0;
    let b = '';
    while (i !== s.length) {
      const [c1, nread] = contextAfterText(c, s.slice(i));
      const i1 = i + nread;
      if (c.state === 'stateText' || c.state === 'stateRCDATA') {
        let end = i1;
        if (c1.state !== c.state) {
          const lt = s.lastIndexOf('<', end - 1);
          if (lt >= i) end = lt;
        }
        for (let j = i; j < end; j++) {
          if (s[j] === '<' && !s.slice(j, j + 9).toUpperCase().startsWith('<!DOCTYPE')) {
            b += `${s.slice(written, j)}&lt;`;
            written = j + 1;
          }
        }
      } else if (isComment(c.state) && c.delim === 'delimNone') {
        if (c.state === 'stateJSBlockCmt') b += /[\n\r\u2028\u2029]/.test(s.slice(written, i1)) ? '\n' : ' ';
        else if (c.state === 'stateCSSBlockCmt') b += ' ';
        written = i1;
      }
      if (c.state !== c1.state && isComment(c1.state) && c1.delim === 'delimNone') {
        let cs = i1 - 2;
        if (c1.state === 'stateHTMLCmt' || c1.state === 'stateJSHTMLOpenCmt') cs -= 2;
        else if (c1.state === 'stateJSHTMLCloseCmt') cs -= 1;
        b += s.slice(written, cs);
        written = i1;
      }
      if (i === i1 && c.state === c1.state) {
        return this.err(n.pos, `internal error: no progress escaping text in ${contextString(c)}`);
      }
      c = c1;
      i = i1;
    }
    if (written !== 0 && c.state !== 'stateError') {
      if (!isComment(c.state) || c.delim !== 'delimNone') b += s.slice(written);
      this.textEdits.set(n, b);
    }
    return c;
  }

  /** Applies the recorded edits to the working trees. */
  commit(): void {
    for (const [n, s] of this.actionEdits) ensurePipelineContains(n.pipe, s);
    for (const [n, name] of this.templateEdits) n.name = name;
    for (const [n, text] of this.textEdits) n.text = text;
  }
}

function errorPrefix(name: string): string {
  return name === '' ? 'html/template: ' : `html/template:${name}: `;
}

/**
 * html/template's escaping of template `name` of a set: returns the set's trees with `name`
 * and every template it calls rewritten for contextual escaping, plus the templates derived
 * for other contexts. The input trees are not modified. Throws TemplateError when the
 * template cannot be escaped (ambiguous or broken HTML, a non-text end context).
 */
export function escapeHTMLTrees(trees: ReadonlyMap<string, Tree>, name: string): Map<string, Tree> {
  const e = new Escaper(trees, new Map());
  const [c] = e.escapeTree(TEXT_CONTEXT, name, 0);
  if (c.state === 'stateError') {
    const msg = c.err ?? 'error';
    throw new TemplateError(/^\S*:\d+:\d+: /.test(msg) ? `html/template:${msg}` : `${errorPrefix(name)}${msg}`);
  }
  if (c.state !== 'stateText') throw new TemplateError(`${errorPrefix(name)}ends in a non-text context: ${contextString(c)}`);
  e.commit();
  const out = new Map(trees);
  for (const [k, t] of e.working) out.set(k, t);
  for (const [k, t] of e.derived) out.set(k, t);
  return out;
}
