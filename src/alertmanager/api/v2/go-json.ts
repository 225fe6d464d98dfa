/**
 * Reading a request body as Go's json.Decoder does (go-swagger's JSON consumer): the first
 * JSON value of the body is scanned byte by byte and a malformed one fails with the
 * encoding/json scanner's texts ("invalid character 'x' looking for beginning of value",
 * "unexpected EOF"); anything after that first value is ignored.
 */

export class GoJSONSyntaxError extends Error {
  override readonly name = 'GoJSONSyntaxError';
}

/** The body held no JSON value at all (Go's io.EOF). */
export class GoJSONEOFError extends Error {
  override readonly name = 'GoJSONEOFError';
  constructor() {
    super('EOF');
  }
}

/** encoding/json's quoteChar: 'x', '\'', '"' or a Go-quoted escape such as '\n'. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const ch = String.fromCharCode(c);
  let q: string;
  if (c === 0x07) q = '\\a';
  else if (c === 0x08) q = '\\b';
  else if (c === 0x0c) q = '\\f';
  else if (c === 0x0a) q = '\\n';
  else if (c === 0x0d) q = '\\r';
  else if (c === 0x09) q = '\\t';
  else if (c === 0x0b) q = '\\v';
  else if (c === 0x5c) q = '\\\\';
  else if (c < 0x20 || c === 0x7f) q = `\\x${c.toString(16).padStart(2, '0')}`;
  else if (c >= 0x80 && c < 0xa0) q = `\\u00${c.toString(16)}`;
  else q = ch;
  return `'${q}'`;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** encoding/json's maxNestingDepth. */
const MAX_DEPTH = 10000;

class Scanner {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}

  fail(c: number, context: string): never {
    throw new GoJSONSyntaxError(`invalid character ${quoteChar(c)} ${context}`);
  }

  /** The next byte, or throws "unexpected EOF". */
  next(): number {
    const c = this.b[this.pos];
    if (c === undefined) throw new GoJSONSyntaxError('unexpected EOF');
    this.pos++;
    return c;
  }

  skipSpace(): number {
    let c = this.next();
    while (isSpace(c)) c = this.next();
    return c;
  }

  /** Scans one value starting with byte c; iterative, so deep nesting cannot overflow the stack. */
  value(first: number): void {
    const open: number[] = [];
    let c = first;
    for (;;) {
      if (c === 0x7b || c === 0x5b) {
        if (open.length >= MAX_DEPTH) this.fail(c, 'exceeded max depth');
        open.push(c);
        c = this.skipSpace();
        if (c === 0x7d && open[open.length - 1] === 0x7b) open.pop();
        else if (c === 0x5d && open[open.length - 1] === 0x5b) open.pop();
        else {
          if (open[open.length - 1] === 0x7b) c = this.key(c);
          continue;
        }
      } else {
        this.scalar(c);
      }
      // After a complete value: close containers or move to the next element.
      for (;;) {
        const top = open[open.length - 1];
        if (top === undefined) return;
        c = this.skipSpace();
        if (c === (top === 0x7b ? 0x7d : 0x5d)) {
          open.pop();
          continue;
        }
        if (c !== 0x2c) this.fail(c, top === 0x7b ? 'after object key:value pair' : 'after array element');
        c = this.skipSpace();
        if (top === 0x7b) c = this.key(c);
        break;
      }
    }
  }

  /** An object key starting at c and its colon; returns the first byte of the value. */
  private key(c: number): number {
    if (c !== 0x22) this.fail(c, 'looking for beginning of object key string');
    this.string();
    const colon = this.skipSpace();
    if (colon !== 0x3a) this.fail(colon, 'after object key');
    return this.skipSpace();
  }

  private scalar(c: number): void {
    if (c === 0x22) return this.string();
    if (c === 0x2d || isDigit(c)) return this.number(c);
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    this.fail(c, 'looking for beginning of value');
  }

  string(): void {
    for (;;) {
      const c = this.next();
      if (c === 0x22) return;
      if (c < 0x20) this.fail(c, 'in string literal');
      if (c !== 0x5c) continue;
      const e = this.next();
      if (e === 0x75) {
        for (let i = 0; i < 4; i++) {
          const h = this.next();
          if (!isHex(h)) this.fail(h, 'in \\u hexadecimal character escape');
        }
      } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) {
        this.fail(e, 'in string escape code');
      }
    }
  }

  /** Numbers end at the first byte that cannot continue them (not consumed); EOF ends one too. */
  number(first: number): void {
    const peek = (): number | undefined => this.b[this.pos];
    let c: number | undefined = first;
    if (c === 0x2d) {
      c = this.next();
      if (!isDigit(c)) this.fail(c, 'in numeric literal');
    }
    if (c !== 0x30) while (peek() !== undefined && isDigit(peek() as number)) this.pos++;
    if (peek() === 0x2e) {
      this.pos++;
      const d = this.next();
      if (!isDigit(d)) this.fail(d, 'after decimal point in numeric literal');
      while (peek() !== undefined && isDigit(peek() as number)) this.pos++;
    }
    const e = peek();
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      let d = this.next();
      if (d === 0x2b || d === 0x2d) d = this.next();
      if (!isDigit(d)) this.fail(d, 'in exponent of numeric literal');
      while (peek() !== undefined && isDigit(peek() as number)) this.pos++;
    }
  }

  literal(word: string): void {
    for (let i = 1; i < word.length; i++) {
      const c = this.next();
      if (c !== word.charCodeAt(i)) this.fail(c, `in literal ${word} (expecting '${word[i] ?? ''}')`);
    }
  }
}

/**
 * Decodes the first JSON value of body as json.Decoder.Decode would see it. Throws
 * GoJSONEOFError when the body holds only white space and GoJSONSyntaxError (Go's text)
 * when the value is malformed.
 */
export function decodeFirstValue(body: Uint8Array): unknown {
  const s = new Scanner(body);
  let start = 0;
  while (start < body.length && isSpace(body[start] as number)) start++;
  if (start === body.length) throw new GoJSONEOFError();
  s.pos = start;
  s.value(s.next());
  const text = Buffer.from(body.buffer, body.byteOffset + start, s.pos - start).toString('utf8');
  return JSON.parse(text) as unknown;
}

/** Go's UnmarshalTypeError text for a JSON value of the wrong kind. */
export function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

/** "json: cannot unmarshal <kind> into Go struct field <struct>.<field> of type <type>". */
export function fieldTypeError(v: unknown, struct: string, field: string, type: string): string {
  return `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${field} of type ${type}`;
}

/** "json: cannot unmarshal <kind> into Go value of type <type>". */
export function valueTypeError(v: unknown, type: string): string {
  return `json: cannot unmarshal ${jsonKind(v)} into Go value of type ${type}`;
}

/**
 * The members of a JSON object as Go's decoder assigns them to a struct: in document order,
 * a key matching a field exactly or else case-insensitively. JSON.parse keeps only the last of
 * duplicate keys, which is also the one Go leaves in place.
 */
export function structFields(o: Record<string, unknown>, fields: readonly string[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(o)) {
    const f = fields.includes(k) ? k : fields.find((x) => x.toLowerCase() === k.toLowerCase());
    if (f !== undefined) out.push([f, v]);
  }
  return out;
}
