/**
 * The message-format pieces of the email integration, byte for byte as Go's standard library
 * writes them for Alertmanager 0.25: mail.ParseAddressList (the addresses of `from` and `to`),
 * mime.QEncoding.Encode (header values), mime/quotedprintable's Writer (the parts' bodies) and
 * mime/multipart's part framing.
 */
import { randomBytes } from 'node:crypto';

/** One address of an address list: the display name (may be empty) and user@domain. */
export interface MailAddress {
  name: string;
  address: string;
}

/** A malformed address list; the message is Go's net/mail text ("mail: missing @ in addr-spec"). */
export class MailAddressError extends Error {
  override name = 'MailAddressError';
}

const fail = (msg: string): never => {
  throw new MailAddressError(msg);
};

function isVchar(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return (cp >= 0x21 && cp <= 0x7e) || cp >= 0x80;
}

function isAtext(c: string, dot: boolean, permissive: boolean): boolean {
  if (c === '.') return dot;
  if ('()[];@\\,'.includes(c)) return permissive;
  if ('<>":'.includes(c)) return false;
  return isVchar(c);
}

const isWSP = (c: string): boolean => c === ' ' || c === '\t';

/** Go's net/mail addrParser over a string (code points; lone surrogates count as invalid UTF-8). */
class AddrParser {
  constructor(private s: string) {}

  private empty(): boolean {
    return this.s.length === 0;
  }

  private peek(): string {
    return this.s[0] ?? '';
  }

  private consume(c: string): boolean {
    if (this.peek() !== c) return false;
    this.s = this.s.slice(1);
    return true;
  }

  private skipSpace(): void {
    this.s = this.s.replace(/^[ \t]+/, '');
  }

  private skipCFWS(): boolean {
    this.skipSpace();
    while (this.consume('(')) {
      if (!this.consumeComment()[1]) return false;
      this.skipSpace();
    }
    return true;
  }

  private consumeComment(): [string, boolean] {
    let depth = 1;
    let comment = '';
    while (!this.empty() && depth > 0) {
      if (this.peek() === '\\' && this.s.length > 1) this.s = this.s.slice(1);
      else if (this.peek() === '(') depth++;
      else if (this.peek() === ')') depth--;
      if (depth > 0) comment += this.s[0];
      this.s = this.s.slice(1);
    }
    return [comment, depth === 0];
  }

  parseAddressList(): MailAddress[] {
    const list: MailAddress[] = [];
    for (;;) {
      this.skipSpace();
      list.push(...this.parseAddress(true));
      if (!this.skipCFWS()) fail('mail: misformatted parenthetical comment');
      if (this.empty()) break;
      if (!this.consume(',')) fail('mail: expected comma');
    }
    return list;
  }

  private parseAddress(handleGroup: boolean): MailAddress[] {
    this.skipSpace();
    if (this.empty()) fail('mail: no address');
    let spec: string | null = null;
    try {
      spec = this.consumeAddrSpec();
    } catch (e) {
      if (!(e instanceof MailAddressError)) throw e;
    }
    if (spec !== null) {
      this.skipSpace();
      const comment = this.peek() === '(' ? this.consumeDisplayNameComment() : '';
      return [{ name: comment, address: spec }];
    }
    let name = '';
    if (this.peek() !== '<') name = this.consumePhrase();
    this.skipSpace();
    if (handleGroup && this.consume(':')) return this.consumeGroupList();
    if (!this.consume('<')) fail('mail: no angle-addr');
    const angle = this.consumeAddrSpec();
    if (!this.consume('>')) fail('mail: unclosed angle-addr');
    return [{ name, address: angle }];
  }

  private consumeGroupList(): MailAddress[] {
    const group: MailAddress[] = [];
    this.skipSpace();
    if (this.consume(';')) {
      this.skipCFWS();
      return group;
    }
    for (;;) {
      this.skipSpace();
      group.push(...this.parseAddress(false));
      if (!this.skipCFWS()) fail('mail: misformatted parenthetical comment');
      if (this.consume(';')) {
        this.skipCFWS();
        return group;
      }
      if (!this.consume(',')) fail('mail: expected comma');
    }
  }

  private consumeAddrSpec(): string {
    const orig = this.s;
    try {
      this.skipSpace();
      if (this.empty()) fail('mail: no addr-spec');
      let local: string;
      if (this.peek() === '"') {
        local = this.consumeQuotedString();
        if (local === '') fail('mail: empty quoted string in addr-spec');
      } else {
        local = this.consumeAtom(true, false);
      }
      if (!this.consume('@')) fail('mail: missing @ in addr-spec');
      this.skipSpace();
      if (this.empty()) fail('mail: no domain in addr-spec');
      const domain = this.consumeAtom(true, false);
      return `${local}@${domain}`;
    } catch (e) {
      this.s = orig;
      throw e;
    }
  }

  private consumePhrase(): string {
    const words: string[] = [];
    let err: MailAddressError | null = null;
    for (;;) {
      this.skipSpace();
      if (this.empty()) break;
      try {
        words.push(this.peek() === '"' ? this.consumeQuotedString() : this.consumeAtom(true, true));
      } catch (e) {
        if (!(e instanceof MailAddressError)) throw e;
        err = e;
        break;
      }
    }
    if (err !== null && words.length === 0) fail(`mail: missing word in phrase: ${err.message}`);
    return words.join(' ');
  }

  private consumeQuotedString(): string {
    let i = 1;
    let out = '';
    let escaped = false;
    for (;;) {
      const cp = this.s.codePointAt(i);
      if (cp === undefined) fail('mail: unclosed quoted-string');
      const c = String.fromCodePoint(cp as number);
      if (cp !== undefined && cp >= 0xd800 && cp <= 0xdfff) fail(`mail: invalid utf-8 in quoted-string: ${JSON.stringify(this.s)}`);
      if (escaped) {
        if (!isVchar(c) && !isWSP(c)) fail(`mail: bad character in quoted-string: ${goRuneQuote(c)}`);
        out += c;
        escaped = false;
      } else if ((isVchar(c) && c !== '\\' && c !== '"') || isWSP(c)) {
        out += c;
      } else if (c === '"') {
        break;
      } else if (c === '\\') {
        escaped = true;
      } else {
        fail(`mail: bad character in quoted-string: ${goRuneQuote(c)}`);
      }
      i += c.length;
    }
    this.s = this.s.slice(i + 1);
    return out;
  }

  private consumeAtom(dot: boolean, permissive: boolean): string {
    let i = 0;
    for (;;) {
      const cp = this.s.codePointAt(i);
      if (cp === undefined) break;
      if (cp >= 0xd800 && cp <= 0xdfff) fail(`mail: invalid utf-8 in address: ${JSON.stringify(this.s)}`);
      const c = String.fromCodePoint(cp);
      if (!isAtext(c, dot, permissive)) break;
      i += c.length;
    }
    if (i === 0) fail('mail: invalid string');
    const atom = this.s.slice(0, i);
    this.s = this.s.slice(i);
    if (!permissive) {
      if (atom.startsWith('.')) fail('mail: leading dot in atom');
      if (atom.includes('..')) fail('mail: double dot in atom');
      if (atom.endsWith('.')) fail('mail: trailing dot in atom');
    }
    return atom;
  }

  private consumeDisplayNameComment(): string {
    if (!this.consume('(')) fail('mail: comment does not start with (');
    const [comment, ok] = this.consumeComment();
    if (!ok) fail('mail: misformatted parenthetical comment');
    return comment.split(/[ \t]+/).filter((w) => w !== '').join(' ');
  }
}

/** Go's %q of a rune. */
function goRuneQuote(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  if (c === "'") return "'\\''";
  if (c === '\\') return "'\\\\'";
  if (cp >= 0x20 && cp < 0x7f) return `'${c}'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  if (named[cp] !== undefined) return `'${named[cp]}'`;
  if (cp < 0x80 || (cp >= 0x80 && cp < 0xa0)) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

/** Parses an RFC 5322 address list as Go's mail.ParseAddressList does. */
export function parseAddressList(list: string): MailAddress[] {
  return new AddrParser(list).parseAddressList();
}

const UPPER_HEX = '0123456789ABCDEF';
/** An encoded word's longest text: 75 minus "=?UTF-8?q?" and "?=". */
const MAX_Q_CONTENT = 75 - '=?UTF-8?q?'.length - '?='.length;

/** Go's mime.QEncoding.Encode("utf-8", s): s unchanged when printable ASCII, else encoded words. */
export function qEncodeHeader(s: string): string {
  let needs = false;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if ((cp < 0x20 || cp > 0x7e) && cp !== 0x09) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  const open = '=?utf-8?q?';
  let out = open;
  let current = 0;
  for (const ch of s) {
    const bytes = Buffer.from(ch, 'utf8');
    const b = bytes[0] ?? 0;
    const plain = bytes.length === 1 && b >= 0x20 && b <= 0x7e && b !== 0x3d && b !== 0x3f && b !== 0x5f;
    const encLen = plain ? 1 : 3 * bytes.length;
    if (current + encLen > MAX_Q_CONTENT) {
      out += `?= ${open}`;
      current = 0;
    }
    for (const x of bytes) {
      if (x === 0x20) out += '_';
      else if (x >= 0x21 && x <= 0x7e && x !== 0x3d && x !== 0x3f && x !== 0x5f) out += String.fromCharCode(x);
      else out += `=${UPPER_HEX[x >> 4] ?? ''}${UPPER_HEX[x & 15] ?? ''}`;
    }
    current += encLen;
  }
  return `${out}?=`;
}

const QP_LINE_MAX = 76;

/** Go's mime/quotedprintable Writer (text mode): encodes a whole body, CRLF line ends. */
export function quotedPrintable(body: Buffer): Buffer {
  const out: number[] = [];
  const line: number[] = [];
  let cr = false;
  const flush = (): void => {
    for (const b of line) out.push(b);
    line.length = 0;
  };
  const insertCRLF = (): void => {
    line.push(0x0d, 0x0a);
    flush();
  };
  const softBreak = (): void => {
    line.push(0x3d);
    insertCRLF();
  };
  const encode = (b: number): void => {
    if (QP_LINE_MAX - 1 - line.length < 3) softBreak();
    line.push(0x3d, UPPER_HEX.charCodeAt(b >> 4), UPPER_HEX.charCodeAt(b & 15));
  };
  const checkLastByte = (): void => {
    const last = line[line.length - 1];
    if (last === 0x20 || last === 0x09) {
      line.pop();
      encode(last);
    }
  };
  for (const b of body) {
    const literal = (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
    if (!literal) {
      encode(b);
      continue;
    }
    if (b === 0x0a || b === 0x0d) {
      if (cr && b === 0x0a) {
        cr = false;
        continue;
      }
      if (b === 0x0d) cr = true;
      checkLastByte();
      insertCRLF();
      continue;
    }
    if (line.length === QP_LINE_MAX - 1) softBreak();
    line.push(b);
    cr = false;
  }
  checkLastByte();
  flush();
  return Buffer.from(out);
}

/** A multipart boundary as Go's multipart.Writer makes one: 30 random bytes in hex. */
export function randomBoundary(): string {
  return randomBytes(30).toString('hex');
}

/** One part of a multipart body: its headers (written sorted by name) and encoded body. */
export interface MimePart {
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** A multipart body framed as Go's multipart.Writer frames it (CreatePart ... Close). */
export function multipartBody(boundary: string, parts: readonly MimePart[]): Buffer {
  const chunks: Buffer[] = [];
  parts.forEach((p, i) => {
    let head = i === 0 ? `--${boundary}\r\n` : `\r\n--${boundary}\r\n`;
    for (const k of Object.keys(p.headers).sort()) head += `${k}: ${p.headers[k] ?? ''}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), p.body);
  });
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return Buffer.concat(chunks);
}
