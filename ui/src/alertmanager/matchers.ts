/**
 * Label matchers as Alertmanager's UI writes them: `{alertname="Foo", job=~"api|web"}`.
 * The parser is lenient as the filter box needs (braces optional, values quoted or bare,
 * spaces anywhere); the formatter quotes values with the escapes Alertmanager's matcher parser
 * understands (\" \\ \n), so a formatted filter reads back as the same matchers on the server.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

/** A matcher as API v2 models it. */
export interface ApiMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export class MatcherSyntaxError extends Error {
  override name = 'MatcherSyntaxError';
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

const OPS: readonly MatchOp[] = ['=~', '!~', '!=', '='];
/** Characters that end a bare label name (as the upstream UI's parser reserves them). */
const NAME_STOP = /[\s{}!=~,\\"'`]/;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  peek(): string | undefined {
    return this.text[this.pos];
  }
  skipSpaces(): void {
    while (isSpace(this.peek())) this.pos++;
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
  fail(what: string): never {
    const at = this.done() ? 'end of input' : `"${this.text.slice(this.pos, this.pos + 10)}"`;
    throw new MatcherSyntaxError(`${what} at position ${this.pos + 1} (found ${at})`, this.pos);
  }
}

function readName(c: Cursor): string {
  const start = c.pos;
  while (!c.done() && !NAME_STOP.test(c.peek() ?? '')) c.pos++;
  if (c.pos === start) c.fail('expected a label name');
  return c.text.slice(start, c.pos);
}

function readOp(c: Cursor): MatchOp {
  c.skipSpaces();
  for (const op of OPS) {
    if (c.text.startsWith(op, c.pos)) {
      c.pos += op.length;
      return op;
    }
  }
  return c.fail('expected one of =, !=, =~, !~');
}

function readQuoted(c: Cursor): string {
  const open = c.pos;
  c.pos++;
  let out = '';
  while (!c.done()) {
    const ch = c.peek() as string;
    c.pos++;
    if (ch === '"') return out;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = c.peek();
    if (next === undefined) break;
    c.pos++;
    if (next === 'n') out += '\n';
    else if (next === 't') out += '\t';
    else if (next === '"' || next === '\\') out += next;
    else out += `\\${next}`;
  }
  c.pos = open;
  return c.fail('unterminated quoted value');
}

function readValue(c: Cursor): string {
  c.skipSpaces();
  if (c.peek() === '"') return readQuoted(c);
  const start = c.pos;
  while (!c.done() && c.peek() !== ',' && c.peek() !== '}') {
    if (c.peek() === '"') c.fail('unexpected double quote in a value (quote the whole value)');
    c.pos++;
  }
  return c.text.slice(start, c.pos).trim();
}

/**
 * Parses `{a="b", c=~"d"}`, `a="b", c!=d` or a single `a=b`. Throws MatcherSyntaxError with
 * the position of the problem. An empty or `{}` text gives no matchers.
 */
export function parseMatchers(text: string): Matcher[] {
  const c = new Cursor(text);
  const out: Matcher[] = [];
  c.skipSpaces();
  const braced = c.peek() === '{';
  if (braced) c.pos++;
  for (;;) {
    c.skipSpaces();
    if (c.done() || (braced && c.peek() === '}')) break;
    const name = readName(c);
    const op = readOp(c);
    const value = readValue(c);
    out.push({ name, op, value });
    c.skipSpaces();
    if (c.peek() === ',') {
      c.pos++;
      continue;
    }
    break;
  }
  c.skipSpaces();
  if (braced) {
    if (c.peek() !== '}') c.fail('expected "," or "}"');
    c.pos++;
    c.skipSpaces();
  }
  if (!c.done()) c.fail('expected "," between matchers');
  return out;
}

/** A value in double quotes with \\, \" and newlines escaped. */
export function quoteValue(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}${quoteValue(m.value)}`;
}

/** `{a="b", c=~"d"}`, or '' for no matchers (as the upstream UI's URL state). */
export function formatMatchers(ms: readonly Matcher[]): string {
  return ms.length === 0 ? '' : `{${ms.map(formatMatcher).join(', ')}}`;
}

export function toApiMatcher(m: Matcher): ApiMatcher {
  return {
    name: m.name,
    value: m.value,
    isRegex: m.op === '=~' || m.op === '!~',
    isEqual: m.op === '=' || m.op === '=~',
  };
}

export function fromApiMatcher(m: ApiMatcher): Matcher {
  const op: MatchOp = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return { name: m.name, op, value: m.value };
}

/** Equality matchers for every label (the new-silence form from an alert). */
export function matchersFromLabels(labels: Readonly<Record<string, string>>): Matcher[] {
  return Object.keys(labels)
    .sort()
    .map((name) => ({ name, op: '=' as const, value: labels[name] ?? '' }));
}

export function sameMatcher(a: Matcher, b: Matcher): boolean {
  return a.name === b.name && a.op === b.op && a.value === b.value;
}

/** Matchers from a URL's `filter` parameter; unparsable text gives none (as upstream). */
export function matchersFromParam(param: string | null): Matcher[] {
  if (param === null || param.trim() === '') return [];
  try {
    return parseMatchers(param);
  } catch {
    return [];
  }
}

/** Why a URL's `filter` parameter does not parse, or null when it does (or is absent). */
export function filterParamError(param: string | null): string | null {
  if (param === null) return null;
  try {
    parseMatchers(param);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Escapes a literal for use inside a regular expression (a receiver name as a receiver filter). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
