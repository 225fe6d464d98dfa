/**
 * A parser for Go's RE2 regexp syntax (regexp/syntax with the Perl flags), producing a
 * Re2Node tree. It accepts and rejects what Go accepts and rejects, with Go's error texts.
 */
import { ErrorCode, syntaxError, type Re2Node, type Re2Regexp } from './re2-ast.js';
import { parseEscape } from './re2-escape.js';
import { checkLimits, MAX_REPEAT, repeatIsValid } from './re2-limits.js';
import {
  cleanRanges,
  foldOrbit,
  foldRanges,
  negateRanges,
  PERL_GROUPS,
  posixGroup,
  unicodeTable,
  type RuneRanges,
} from './re2-charclass.js';

const FOLD = 1;
const DOT_NL = 2;
const MULTI_LINE = 4;
const UNGREEDY = 8;


interface Frame {
  alts: Re2Node[];
  items: Re2Node[];
  /** Flags in force before the group opened, restored at its ')'. */
  savedFlags: number;
  capture: { index: number; name: string } | null;
}

/**
 * Parses `src` as Go does with syntax.Perl (plus DotNL when `dotNL`: Prometheus wraps
 * matcher regexes in `(?s:...)`). Throws RegexError with Go's message on bad syntax.
 */
export function parseRe2(src: string, dotNL: boolean): Re2Regexp {
  return new Re2Parser(src, dotNL ? DOT_NL : 0).parse();
}




class Re2Parser {
  private readonly src: string;
  private pos = 0;
  private flags: number;
  private readonly stack: Frame[];
  private readonly names: string[] = [''];
  /** Start of the repetition operator parsed just before, or -1. */
  private lastRepeat = -1;

  constructor(src: string, flags: number) {
    this.src = src;
    this.flags = flags;
    this.stack = [{ alts: [], items: [], savedFlags: flags, capture: null }];
  }

  parse(): Re2Regexp {
    const s = this.src;
    while (this.pos < s.length) {
      const repeatStart = this.step();
      this.lastRepeat = repeatStart;
    }
    if (this.stack.length !== 1) throw syntaxError(ErrorCode.MissingParen, s);
    const root = finishFrame(this.stack[0] as Frame);
    checkLimits(root, s);
    return { root, groupNames: this.names };
  }

  /** Parses one token; returns the start of a repetition operator if it was one, else -1. */
  private step(): number {
    const s = this.src;
    const c = s.charCodeAt(this.pos);
    switch (c) {
      case 0x28: // (
        this.openParen();
        return -1;
      case 0x7c: // |
        this.verticalBar();
        this.pos++;
        return -1;
      case 0x29: // )
        this.closeParen();
        this.pos++;
        return -1;
      case 0x5e: // ^
        this.push({ op: this.flags & MULTI_LINE ? 'beginLine' : 'beginText' });
        this.pos++;
        return -1;
      case 0x24: // $
        this.push({ op: this.flags & MULTI_LINE ? 'endLine' : 'endText' });
        this.pos++;
        return -1;
      case 0x2e: // .
        this.push({ op: this.flags & DOT_NL ? 'anyChar' : 'anyCharNotNL' });
        this.pos++;
        return -1;
      case 0x5b: // [
        this.parseClass();
        return -1;
      case 0x2a: // *
      case 0x2b: // +
      case 0x3f: {
        // ?
        const start = this.pos;
        const [min, max] = c === 0x2a ? [0, -1] : c === 0x2b ? [1, -1] : [0, 1];
        this.repeat(min, max, false, start, start + 1);
        return start;
      }
      case 0x7b: {
        // {
        const start = this.pos;
        const r = this.parseRepeat(start);
        if (r === null) {
          this.literal(0x7b);
          this.pos++;
          return -1;
        }
        const [min, max, end] = r;
        if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
          throw syntaxError(ErrorCode.InvalidRepeatSize, s.slice(start, end));
        }
        this.repeat(min, max, true, start, end);
        return start;
      }
      case 0x5c: // \
        this.backslash();
        return -1;
      default: {
        const cp = s.codePointAt(this.pos) as number;
        this.literal(cp);
        this.pos += cp > 0xffff ? 2 : 1;
        return -1;
      }
    }
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  private push(node: Re2Node): void {
    this.top().items.push(node);
  }

  private literal(c: number): void {
    const fold = (this.flags & FOLD) !== 0 && foldOrbit(c).length > 1;
    this.push({ op: 'literal', runes: [c], fold });
  }

  /** Applies a repetition to the last item; [opStart, opEnd) is the operator text. */
  private repeat(min: number, max: number, braces: boolean, opStart: number, opEnd: number): void {
    const s = this.src;
    let greedy = (this.flags & UNGREEDY) === 0;
    let end = opEnd;
    if (s.charCodeAt(end) === 0x3f) {
      end++;
      greedy = !greedy;
    }
    if (this.lastRepeat >= 0) throw syntaxError(ErrorCode.InvalidRepeatOp, s.slice(this.lastRepeat, end));
    const items = this.top().items;
    const sub = items.pop();
    if (sub === undefined) throw syntaxError(ErrorCode.MissingRepeatArgument, s.slice(opStart, end));
    const node: Re2Node = { op: 'repeat', min, max, greedy, braces, sub };
    items.push(node);
    if (braces && (min >= 2 || max >= 2) && !repeatIsValid(node, MAX_REPEAT)) {
      throw syntaxError(ErrorCode.InvalidRepeatSize, s.slice(opStart, end));
    }
    this.pos = end;
  }

  /** {n}, {n,} or {n,m} at `start` -> [min, max, end], or null if not of that form. */
  private parseRepeat(start: number): [number, number, number] | null {
    let t = start + 1;
    const a = this.parseInt(t);
    if (a === null) return null;
    let min = a[0];
    let max: number;
    t = a[1];
    if (t >= this.src.length) return null;
    if (this.src.charCodeAt(t) !== 0x2c) {
      max = min;
    } else {
      t++;
      if (t >= this.src.length) return null;
      if (this.src.charCodeAt(t) === 0x7d) {
        max = -1;
      } else {
        const b = this.parseInt(t);
        if (b === null) return null;
        max = b[0];
        t = b[1];
        if (max < 0) min = -1;
      }
    }
    if (t >= this.src.length || this.src.charCodeAt(t) !== 0x7d) return null;
    return [min, max, t + 1];
  }

  /** A decimal integer without leading zeros; -1 if too big. */
  private parseInt(t: number): [number, number] | null {
    const s = this.src;
    const isDigit = (i: number): boolean => {
      const c = s.charCodeAt(i);
      return c >= 0x30 && c <= 0x39;
    };
    if (t >= s.length || !isDigit(t)) return null;
    if (s.charCodeAt(t) === 0x30 && isDigit(t + 1)) return null;
    let n = 0;
    let i = t;
    for (; i < s.length && isDigit(i); i++) {
      if (n >= 1e8) n = -1;
      else if (n >= 0) n = n * 10 + (s.charCodeAt(i) - 0x30);
    }
    return [n, i];
  }

  private openParen(): void {
    const s = this.src;
    if (s.charCodeAt(this.pos + 1) === 0x3f) {
      this.parsePerlFlags();
      return;
    }
    const index = this.names.length;
    this.names.push('');
    this.stack.push({ alts: [], items: [], savedFlags: this.flags, capture: { index, name: '' } });
    this.pos++;
  }

  private parsePerlFlags(): void {
    const s = this.src;
    const p = this.pos;
    const rest = s.length - p;
    const startsWithP = rest > 4 && s[p + 2] === 'P' && s[p + 3] === '<';
    const startsWithName = rest > 3 && s[p + 2] === '<';
    if (startsWithP || startsWithName) {
      const nameStart = p + (startsWithP ? 4 : 3);
      const end = s.indexOf('>', p);
      if (end < 0) throw syntaxError(ErrorCode.InvalidNamedCapture, s.slice(p));
      const name = s.slice(nameStart, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw syntaxError(ErrorCode.InvalidNamedCapture, s.slice(p, end + 1));
      const index = this.names.length;
      this.names.push(name);
      this.stack.push({ alts: [], items: [], savedFlags: this.flags, capture: { index, name } });
      this.pos = end + 1;
      return;
    }
    let t = p + 2;
    let flags = this.flags;
    let negate = false;
    let sawFlag = false;
    while (t < s.length) {
      const c = s.codePointAt(t) as number;
      t += c > 0xffff ? 2 : 1;
      const bit = c === 0x69 ? FOLD : c === 0x6d ? MULTI_LINE : c === 0x73 ? DOT_NL : c === 0x55 ? UNGREEDY : 0;
      if (bit !== 0) {
        flags = negate ? flags & ~bit : flags | bit;
        sawFlag = true;
        continue;
      }
      if (c === 0x2d) {
        // -
        if (negate) break;
        negate = true;
        sawFlag = false;
        continue;
      }
      if (c === 0x3a || c === 0x29) {
        // : or )
        if (negate && !sawFlag) break;
        if (c === 0x3a) this.stack.push({ alts: [], items: [], savedFlags: this.flags, capture: null });
        this.flags = flags;
        this.pos = t;
        return;
      }
      break;
    }
    throw syntaxError(ErrorCode.InvalidPerlOp, s.slice(p, t));
  }

  private verticalBar(): void {
    const f = this.top();
    f.alts.push(concatOf(f.items));
    f.items = [];
  }

  private closeParen(): void {
    if (this.stack.length < 2) throw syntaxError(ErrorCode.UnexpectedParen, this.src);
    const f = this.stack.pop() as Frame;
    let node = finishFrame(f);
    this.flags = f.savedFlags;
    if (f.capture !== null) node = { op: 'capture', index: f.capture.index, name: f.capture.name, sub: node };
    this.push(node);
  }

  private backslash(): void {
    const s = this.src;
    const p = this.pos;
    if (p + 1 < s.length) {
      switch (s[p + 1]) {
        case 'A':
          this.push({ op: 'beginText' });
          this.pos += 2;
          return;
        case 'b':
          this.push({ op: 'wordBoundary' });
          this.pos += 2;
          return;
        case 'B':
          this.push({ op: 'noWordBoundary' });
          this.pos += 2;
          return;
        case 'C':
          throw syntaxError(ErrorCode.InvalidEscape, '\\C');
        case 'Q': {
          const e = s.indexOf('\\E', p + 2);
          const lit = e < 0 ? s.slice(p + 2) : s.slice(p + 2, e);
          for (const ch of lit) this.literal(ch.codePointAt(0) as number);
          this.pos = e < 0 ? s.length : e + 2;
          return;
        }
        case 'z':
          this.push({ op: 'endText' });
          this.pos += 2;
          return;
      }
      if (s[p + 1] === 'p' || s[p + 1] === 'P') {
        const [ranges, end] = this.parseUnicodeClass(p);
        this.push({ op: 'class', ranges });
        this.pos = end;
        return;
      }
      const perl = this.perlClass(p);
      if (perl !== null) {
        this.push({ op: 'class', ranges: perl });
        this.pos = p + 2;
        return;
      }
    }
    const [c, end] = parseEscape(this.src, p);
    this.literal(c);
    this.pos = end;
  }

  /** The class of a Perl escape (\d \s \w and negations) at p, or null. */
  private perlClass(p: number): RuneRanges | null {
    const g = PERL_GROUPS[this.src.slice(p, p + 2)];
    if (g === undefined || !Object.prototype.hasOwnProperty.call(PERL_GROUPS, this.src.slice(p, p + 2))) return null;
    return this.group(g.sign, g.ranges);
  }

  private group(sign: 1 | -1, ranges: RuneRanges): RuneRanges {
    const r = this.flags & FOLD ? foldRanges(ranges) : ranges;
    return sign < 0 ? negateRanges(r) : r;
  }

  /** \pX, \p{Name}, \PX, \P{^Name} at p -> [class, end]. */
  private parseUnicodeClass(p: number): [RuneRanges, number] {
    const s = this.src;
    let sign: 1 | -1 = s[p + 1] === 'P' ? -1 : 1;
    let t = p + 2;
    let seq: string;
    let name: string;
    if (s[t] !== '{') {
      if (t < s.length) t += (s.codePointAt(t) as number) > 0xffff ? 2 : 1;
      seq = s.slice(p, t);
      name = seq.slice(2);
    } else {
      const end = s.indexOf('}', p);
      if (end < 0) throw syntaxError(ErrorCode.InvalidCharRange, s.slice(p));
      seq = s.slice(p, end + 1);
      name = s.slice(p + 3, end);
      t = end + 1;
    }
    if (name.startsWith('^')) {
      sign = sign > 0 ? -1 : 1;
      name = name.slice(1);
    }
    const tab = unicodeTable(name);
    if (tab === undefined) throw syntaxError(ErrorCode.InvalidCharRange, seq);
    return [this.group(sign, tab), t];
  }

  private parseClass(): void {
    const s = this.src;
    const start = this.pos;
    let t = start + 1;
    let negated = false;
    if (s[t] === '^') {
      negated = true;
      t++;
    }
    const raw: number[] = [];
    const fold = (this.flags & FOLD) !== 0;
    let first = true;
    while (t >= s.length || s[t] !== ']' || first) {
      first = false;
      if (s.length - t > 2 && s[t] === '[' && s[t + 1] === ':') {
        const i = s.indexOf(':]', t + 2);
        if (i >= 0) {
          const name = s.slice(t, i + 2);
          const g = posixGroup(name);
          if (g === undefined) throw syntaxError(ErrorCode.InvalidCharRange, name);
          raw.push(...this.group(g.sign, g.ranges));
          t = i + 2;
          continue;
        }
      }
      if (s[t] === '\\' && (s[t + 1] === 'p' || s[t + 1] === 'P')) {
        const [r, end] = this.parseUnicodeClass(t);
        raw.push(...r);
        t = end;
        continue;
      }
      if (s[t] === '\\') {
        const perl = this.perlClass(t);
        if (perl !== null) {
          raw.push(...perl);
          t += 2;
          continue;
        }
      }
      const rangeStart = t;
      let lo: number;
      [lo, t] = this.classChar(t, start);
      let hi = lo;
      if (s.length - t >= 2 && s[t] === '-' && s[t + 1] !== ']') {
        [hi, t] = this.classChar(t + 1, start);
        if (hi < lo) throw syntaxError(ErrorCode.InvalidCharRange, s.slice(rangeStart, t));
      }
      if (fold) raw.push(...foldRanges([lo, hi]));
      else raw.push(lo, hi);
    }
    const ranges = cleanRanges(raw);
    this.push({ op: 'class', ranges: negated ? negateRanges(ranges) : ranges });
    this.pos = t + 1;
  }

  private classChar(t: number, classStart: number): [number, number] {
    const s = this.src;
    if (t >= s.length) throw syntaxError(ErrorCode.MissingBracket, s.slice(classStart));
    if (s[t] === '\\') return parseEscape(this.src, t);
    const c = s.codePointAt(t) as number;
    return [c, t + (c > 0xffff ? 2 : 1)];
  }
}

/** Concatenation of items, with adjacent literal runes of the same folding merged. */
function concatOf(items: Re2Node[]): Re2Node {
  const out: Re2Node[] = [];
  for (const it of items) {
    const last = out[out.length - 1];
    if (it.op === 'literal' && last !== undefined && last.op === 'literal' && last.fold === it.fold) {
      out[out.length - 1] = { op: 'literal', runes: [...last.runes, ...it.runes], fold: it.fold };
      continue;
    }
    out.push(it);
  }
  if (out.length === 0) return { op: 'empty' };
  if (out.length === 1) return out[0] as Re2Node;
  return { op: 'concat', subs: out };
}

function finishFrame(f: Frame): Re2Node {
  const last = concatOf(f.items);
  if (f.alts.length === 0) return last;
  return { op: 'alternate', subs: [...f.alts, last] };
}
