/** Numbers and repetition counts in series description values. */
import { goQuote } from '../../model/strconv/index.js';
import { numberLiteral } from './duration-parser.js';
import { type ParserState, tokenRange } from './parser-state.js';
import { T } from './token.js';

export const SERIES_VALUES = 'series values';

/** A repetition count (uint): a plain decimal NUMBER. */
export function parseUint(p: ParserState, context = SERIES_VALUES, expected = ''): number {
  const tok = p.peek();
  if (tok.type !== T.NUMBER) p.unexpected(context, expected);
  p.next();
  if (!/^[0-9]+$/.test(tok.val)) {
    p.addError(tokenRange(tok), `invalid repetition in series values: strconv.ParseUint: parsing ${goQuote(tok.val)}: invalid syntax`);
    return 0;
  }
  const v = BigInt(tok.val);
  if (v > (1n << 64n) - 1n) {
    p.addError(tokenRange(tok), `invalid repetition in series values: strconv.ParseUint: parsing ${goQuote(tok.val)}: value out of range`);
    return 0;
  }
  return Number(v);
}

/** number | +number | -number; `context` names where a bad token is reported. */
export function parseSignedNumber(p: ParserState, context: string, expected: string): number {
  let sign = 1;
  const t = p.peekType();
  if (t === T.ADD || t === T.SUB) {
    p.next();
    if (t === T.SUB) sign = -1;
  }
  const nt = p.peekType();
  if (nt !== T.NUMBER && nt !== T.DURATION) p.unexpected(context, expected);
  return sign * numberLiteral(p, p.next()).val;
}

