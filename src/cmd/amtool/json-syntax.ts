/**
 * The syntax error Go's encoding/json reports for malformed JSON (`unexpected end of JSON
 * input`, `invalid character 'x' looking for beginning of value`, ...), for the inputs amtool
 * decodes (--template.data, silence import).
 */

class Scan {
  i = 0;
  constructor(readonly s: string) {}

  space(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i] as string)) this.i++;
  }

  fail(context: string): never {
    if (this.i >= this.s.length) throw new Error('unexpected end of JSON input');
    const c = this.s[this.i] as string;
    const shown = c === "'" ? "'\\''" : c === '"' ? "'\"'" : c < ' ' ? `'\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}'` : `'${c}'`;
    throw new Error(`invalid character ${shown} ${context}`);
  }

  string(): void {
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      if (this.s[this.i] === '\\') this.i++;
      else if ((this.s[this.i] as string) < ' ') this.fail('in string literal');
      this.i++;
    }
    if (this.i >= this.s.length) this.fail('');
    this.i++;
  }

  value(): void {
    this.space();
    const c = this.s[this.i];
    if (c === '"') return this.string();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (m === null || m[0] === '') this.fail('looking for beginning of value');
    this.i += m[0].length;
  }

  object(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.space();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.value();
      this.space();
      if (this.s[this.i] === '}') {
        this.i++;
        return;
      }
      if (this.s[this.i] !== ',') this.fail('after object key:value pair');
      this.i++;
    }
  }

  array(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      if (this.s[this.i] === ']') {
        this.i++;
        return;
      }
      if (this.s[this.i] !== ',') this.fail('after array element');
      this.i++;
    }
  }
}

/** JSON.parse with Go's json.Unmarshal syntax error texts. */
export function parseGoJSON(text: string): unknown {
  const sc = new Scan(text);
  sc.value();
  sc.space();
  if (sc.i < text.length) sc.fail('after top-level value');
  return JSON.parse(text) as unknown;
}
