/**
 * Series descriptions of promqltest files: `metric{labels} values...` with the value
 * expansions `_`, `_xN`, `a`, `axN`, `a+bxN`, `a-bxN`, `stale`, and native histogram
 * literals `{{...}}` with `x`, `+` and `-` expansions (upstream ParseSeriesDesc).
 */
import type { Labels } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { StaleNaN, type FloatHistogram } from '../../model/value/index.js';
import { ParserState, tokenRange } from './parser-state.js';
import { runParse } from './parser.js';
import { combineHistograms, HistogramCombineError } from './series-histogram.js';
import { parseHistogramLiteral } from './series-histogram-literal.js';
import { parseSignedNumber, parseUint, SERIES_VALUES } from './series-values.js';
import { parseMetricLabels } from './selector-parser.js';
import { T, type Token } from './token.js';

export interface SeriesDescValue {
  omitted: boolean;
  value: number;
  histogram: FloatHistogram | null;
  /** The histogram literal gave counter_reset_hint explicitly (tests then compare the hint). */
  counterResetHintSet: boolean;
}

export interface SeriesDesc {
  labels: Labels;
  values: SeriesDescValue[];
}


function floatValue(value: number): SeriesDescValue {
  return { omitted: false, value, histogram: null, counterResetHintSet: false };
}
function omittedValue(): SeriesDescValue {
  return { omitted: true, value: 0, histogram: null, counterResetHintSet: false };
}

/** Upper bound on values one description may expand to (keeps `1x1e18` from exhausting memory). */
const MAX_EXPANSION = 10_000_000;

function checkExpansion(p: ParserState, tok: Token, n: number, out: SeriesDescValue[]): boolean {
  if (out.length + n <= MAX_EXPANSION) return true;
  p.addError(tokenRange(tok), `invalid repetition in series values: too many values (more than ${MAX_EXPANSION})`);
  return false;
}

function parseFloatItem(p: ParserState, out: SeriesDescValue[]): void {
  let value: number;
  const tok = p.peek();
  if (tok.type === T.IDENTIFIER) {
    p.next();
    if (tok.val !== 'stale') {
      const desc = `unexpected identifier ${goQuote(tok.val)} in series values, expected number or "stale"`;
      p.addError(tokenRange(tok), desc);
    }
    value = StaleNaN;
  } else {
    value = parseSignedNumber(p, SERIES_VALUES, '');
  }
  const t = p.peekType();
  if (t === T.TIMES) {
    p.next();
    const timesTok = p.peek();
    const n = parseUint(p);
    if (!checkExpansion(p, timesTok, n + 1, out)) return;
    for (let i = 0; i <= n; i++) out.push(floatValue(value));
    return;
  }
  if (t === T.ADD || t === T.SUB) {
    const inc = parseSignedNumber(p, SERIES_VALUES, '');
    if (p.peekType() !== T.TIMES) p.unexpected(SERIES_VALUES, '');
    p.next();
    const timesTok = p.peek();
    const n = parseUint(p);
    if (!checkExpansion(p, timesTok, n + 1, out)) return;
    let v = value;
    for (let i = 0; i <= n; i++) {
      out.push(floatValue(v));
      v += inc;
    }
    return;
  }
  out.push(floatValue(value));
}

function parseHistogramItem(p: ParserState, out: SeriesDescValue[]): void {
  const base = parseHistogramLiteral(p);
  const t = p.peekType();
  if (t === T.TIMES) {
    p.next();
    const timesTok = p.peek();
    const n = parseUint(p);
    if (!checkExpansion(p, timesTok, n + 1, out)) return;
    for (let i = 0; i <= n; i++) out.push(histValue(base.h.copy(), base.hintSet));
    return;
  }
  if (t !== T.ADD && t !== T.SUB) {
    out.push(histValue(base.h, base.hintSet));
    return;
  }
  p.next();
  if (p.peekType() !== T.OPEN_HIST) p.unexpected(SERIES_VALUES, '');
  const inc = parseHistogramLiteral(p);
  if (p.peekType() !== T.TIMES) p.unexpected(SERIES_VALUES, '');
  p.next();
  const timesTok = p.peek();
  const n = parseUint(p);
  if (!checkExpansion(p, timesTok, n + 1, out)) return;
  out.push(histValue(base.h, inc.hintSet));
  let cur = base.h;
  for (let i = 1; i <= n; i++) {
    if (cur.schema > inc.h.schema) {
      p.addError(tokenRange(timesTok), `error combining histograms: cannot merge from schema ${inc.h.schema} to ${cur.schema}`);
      return;
    }
    try {
      cur = combineHistograms(cur, inc.h, t === T.SUB);
    } catch (e) {
      if (!(e instanceof HistogramCombineError)) throw e;
      p.addError(tokenRange(timesTok), e.message);
      return;
    }
    out.push(histValue(cur, inc.hintSet));
  }
}

function histValue(h: FloatHistogram, hintSet: boolean): SeriesDescValue {
  return { omitted: false, value: 0, histogram: h, counterResetHintSet: hintSet };
}

function parseSeriesItem(p: ParserState, out: SeriesDescValue[]): void {
  const tok = p.peek();
  if (tok.type === T.BLANK) {
    p.next();
    if (p.peekType() !== T.TIMES) {
      out.push(omittedValue());
      return;
    }
    p.next();
    const timesTok = p.peek();
    const n = parseUint(p);
    if (!checkExpansion(p, timesTok, n, out)) return;
    for (let i = 0; i < n; i++) out.push(omittedValue());
    return;
  }
  if (tok.type === T.OPEN_HIST) {
    parseHistogramItem(p, out);
    return;
  }
  if (tok.type === T.IDENTIFIER || tok.type === T.NUMBER || tok.type === T.DURATION || tok.type === T.ADD || tok.type === T.SUB) {
    parseFloatItem(p, out);
    return;
  }
  p.unexpected(SERIES_VALUES, '');
}

/** Parses `metric{labels} v1 v2 ...`; values may be absent (as in `eval` expectation headers). */
export function parseSeriesDesc(input: string): SeriesDesc {
  const p = new ParserState(input);
  p.lexer.seriesDesc = true;
  return runParse(p, () => {
    const labels = parseMetricLabels(p);
    const values: SeriesDescValue[] = [];
    for (;;) {
      if (p.atEnd()) break;
      if (p.peekType() !== T.SPACE) p.unexpected(SERIES_VALUES, '');
      p.next();
      if (p.atEnd() || p.peekType() === T.SPACE) continue;
      parseSeriesItem(p, values);
    }
    return { labels, values };
  });
}
