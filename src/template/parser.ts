/**
 * The text/template parser: tokens -> a set of named trees (the main template plus every
 * {{define}} and {{block}}), with Go's error texts (`template: NAME:LINE: MSG`).
 */
import { goQuote, parseGoFloat, parseGoInt, unquote } from '../model/strconv/index.js';
import { TemplateError } from './errors.js';
import { lex, type Token } from './lexer.js';
import type {
  CommandNode, ListNode, Node, NumberNode, PipeNode, TemplateNode,
} from './nodes.js';

/** A parsed template body plus the text it came from (for error positions). */
export interface Tree {
  name: string;
  root: ListNode;
  text: string;
  parseName: string;
}

interface EndNode { type: 'end'; pos: number }
interface ElseNode { type: 'else'; pos: number; line: number }
type ListItem = Node | EndNode | ElseNode;

function tokenString(t: Token): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'error') return t.val;
  if (t.kind === 'keyword') return `<${t.val}>`;
  if (t.val.length > 10) return `${goQuote([...t.val].slice(0, 10).join(''))}...`;
  return goQuote(t.val);
}

function itemString(n: ListItem): string {
  if (n.type === 'end') return '{{end}}';
  if (n.type === 'else') return '{{else}}';
  return n.type;
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  private lastLine = 1;
  readonly trees = new Map<string, Tree>();

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly parseName: string,
    private readonly hasFunc: (name: string) => boolean,
  ) {}

  errorf(msg: string): never {
    throw new TemplateError(`template: ${this.parseName}:${this.lastLine}: ${msg}`);
  }

  private next(): Token {
    const t = this.tokens[this.i] ?? (this.tokens[this.tokens.length - 1] as Token);
    if (this.i < this.tokens.length) this.i++;
    this.lastLine = t.line;
    return t;
  }

  private backup(n = 1): void {
    this.i -= n;
  }

  private peek(): Token {
    return this.tokens[this.i] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private nextNonSpace(): Token {
    let t = this.next();
    while (t.kind === 'space') t = this.next();
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  private unexpected(t: Token, context: string): never {
    if (t.kind === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  private expect(kind: Token['kind'], context: string): Token {
    const t = this.nextNonSpace();
    if (t.kind !== kind) this.unexpected(t, context);
    return t;
  }

  parse(name: string): void {
    const root: ListNode = { type: 'list', pos: 0, nodes: [] };
    while (this.peek().kind !== 'eof') {
      if (this.peek().kind === 'leftDelim') {
        const save = this.i;
        this.next();
        const kw = this.nextNonSpace();
        if (kw.kind === 'keyword' && kw.val === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${itemString(n)}`);
      root.nodes.push(n);
    }
    this.addTree(name, root);
  }

  private addTree(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (existing !== undefined && !isEmptyList(existing.root)) {
      if (isEmptyList(root)) return;
      this.errorf(`template: multiple definition of template ${goQuote(name)}`);
    }
    this.trees.set(name, { name, root, text: this.text, parseName: this.parseName });
  }

  private templateName(t: Token, context: string): string {
    if (t.kind !== 'string' && t.kind !== 'rawString') this.unexpected(t, context);
    try {
      return unquote(t.val);
    } catch {
      this.errorf(`invalid syntax`);
    }
  }

  private withNewScope<T>(f: () => T): T {
    const saveVars = this.vars;
    const saveDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      return f();
    } finally {
      this.vars = saveVars;
      this.rangeDepth = saveDepth;
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.templateName(this.nextNonSpace(), context);
    this.expect('rightDelim', context);
    this.withNewScope(() => {
      const [list, end] = this.itemList();
      if (end.type !== 'end') this.errorf(`unexpected ${itemString(end)} in ${context}`);
      this.addTree(name, list);
    });
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().kind !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): ListItem {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case 'text':
        return { type: 'text', pos: t.pos, text: t.val };
      case 'leftDelim': {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
    }
    this.unexpected(t, 'input');
  }

  private action(): ListItem {
    const t = this.nextNonSpace();
    if (t.kind === 'keyword') {
      switch (t.val) {
        case 'block': return this.blockControl();
        case 'break': return this.loopControl('break', t);
        case 'continue': return this.loopControl('continue', t);
        case 'else': return this.elseControl();
        case 'end': return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
        case 'if': return { type: 'if', ...this.parseControl(true, 'if') };
        case 'range': return { type: 'range', ...this.parseControl(false, 'range') };
        case 'template': return this.templateControl();
        case 'with': return { type: 'with', ...this.parseControl(true, 'with') };
      }
    }
    this.backup();
    const p = this.peek();
    return { type: 'action', pos: p.pos, line: p.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(kind: 'break' | 'continue', t: Token): ListItem {
    const n = this.nextNonSpace();
    if (n.kind !== 'rightDelim') this.unexpected(n, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: t.pos, line: t.line };
  }

  private elseControl(): ElseNode {
    const p = this.peekNonSpace();
    if (p.kind === 'keyword' && (p.val === 'if' || p.val === 'with')) return { type: 'else', pos: p.pos, line: p.line };
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private parseControl(allowElse: boolean, context: 'if' | 'range' | 'with'):
    { pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null } {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        const p = this.peekNonSpace();
        if (allowElse && p.kind === 'keyword' && p.val === context) {
          this.nextNonSpace();
          const inner = { type: context, ...this.parseControl(allowElse, context) } as Node;
          elseList = { type: 'list', pos: next.pos, nodes: [inner] };
        } else {
          const [l, end] = this.itemList();
          if (end.type !== 'end') this.errorf(`expected end; found ${itemString(end)}`);
          elseList = l;
        }
      }
      return { pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().kind !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.withNewScope(() => {
      const [list, end] = this.itemList();
      if (end.type !== 'end') this.errorf(`unexpected ${itemString(end)} in ${context}`);
      this.addTree(name, list);
    });
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      if (t.kind === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.kind) {
        case 'bool': case 'char': case 'dot': case 'field': case 'identifier': case 'number':
        case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.kind !== 'variable') return;
      const save = this.i;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.kind === 'assign' || next.kind === 'declare') {
        pipe.isAssign = next.kind === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        return;
      }
      if (next.kind === 'comma') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const k = this.peekNonSpace().kind;
          if (k === 'variable' || k === 'rightDelim' || k === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = save;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const a = (pipe.cmds[i] as CommandNode).args[0];
      if (a !== undefined && ['bool', 'dot', 'nil', 'number', 'string'].includes(a.type)) {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op !== null) cmd.args.push(op);
      const t = this.next();
      if (t.kind === 'space') continue;
      if (t.kind === 'rightDelim' || t.kind === 'rightParen') this.backup();
      else if (t.kind !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    const node = this.term();
    if (node === null) return null;
    if (this.peek().kind !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().kind === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field': return { type: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable': return { type: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeText(node))}`);
    }
    return { type: 'chain', pos, node, field: fields };
  }

  private term(): Node | null {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case 'identifier':
        if (!this.hasFunc(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, name: t.val };
      case 'dot': return { type: 'dot', pos: t.pos };
      case 'nil': return { type: 'nil', pos: t.pos };
      case 'variable':
        if (!this.vars.includes(t.val)) this.errorf(`undefined variable ${goQuote(t.val)}`);
        return { type: 'variable', pos: t.pos, ident: [t.val] };
      case 'field': return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool': return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'char': case 'number': return this.number(t);
      case 'leftParen': return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string': case 'rawString':
        try {
          return { type: 'string', pos: t.pos, quoted: t.val, text: unquote(t.val) };
        } catch {
          this.errorf('invalid syntax');
        }
    }
    this.backup();
    return null;
  }

  private number(t: Token): NumberNode {
    if (t.kind === 'char') {
      let s: string;
      try {
        s = unquote(t.val);
      } catch {
        this.errorf(`malformed character constant: ${t.val}`);
      }
      const cp = s.codePointAt(0) ?? 0;
      return { type: 'number', pos: t.pos, text: t.val, value: BigInt(cp) };
    }
    const value = idealConstant(t.val);
    if (value === null) this.errorf(`illegal number syntax: ${goQuote(t.val)}`);
    return { type: 'number', pos: t.pos, text: t.val, value };
  }
}

function nodeText(n: Node): string {
  switch (n.type) {
    case 'bool': return String(n.value);
    case 'string': return n.quoted;
    case 'number': return n.text;
    case 'nil': return 'nil';
    default: return '.';
  }
}

function isEmptyList(l: ListNode): boolean {
  return l.nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}

/** The value a number literal has when executed: int (bigint) or float64; null when illegal. */
function idealConstant(text: string): bigint | number | null {
  let asInt: number | null = null;
  try {
    asInt = parseGoInt(text);
  } catch {
    asInt = null;
  }
  let asFloat: number | null = null;
  if (!/^[+-]?0[xX][0-9a-fA-F_]*$/.test(text)) {
    try {
      asFloat = parseGoFloat(text);
    } catch {
      asFloat = null;
    }
  }
  if (asFloat !== null && /[.eEpP]/.test(text) && !/^[+-]?0[xX][^pP.]*$/.test(text)) return asFloat;
  if (asInt !== null) return exactInt(text);
  if (asFloat !== null && Number.isInteger(asFloat) && Math.abs(asFloat) < 2 ** 63) return BigInt(asFloat);
  return null;
}

function exactInt(text: string): bigint {
  let body = text.replace(/_/g, '');
  const neg = body.startsWith('-');
  if (neg || body.startsWith('+')) body = body.slice(1);
  if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  const v = BigInt(body);
  return neg ? -v : v;
}

/** Parses a template text into its named trees (`name` is the main one). */
export function parseTrees(text: string, name: string, hasFunc: (name: string) => boolean): Map<string, Tree> {
  const p = new Parser(lex(text), text, name, hasFunc);
  p.parse(name);
  return p.trees;
}
