/**
 * Braces and label lists: vector selector matchers `{a="b", c=~"d"}`, label sets of series
 * descriptions `{a="b"}`, and grouping label lists `by (a, "b.c")`.
 */
import { Labels, MatchType, Matcher, MetricName } from '../../model/labels/index.js';
import { goQuote, unquoteLiteral, UnquoteError } from '../../model/strconv/index.js';
import type { PositionRange, VectorSelector } from './ast.js';
import { type ParserState, tokenRange } from './parser-state.js';
import { T, type Token } from './token.js';

const MATCH_OPS: Partial<Record<T, MatchType>> = {
  [T.EQL]: MatchType.Equal,
  [T.NEQ]: MatchType.NotEqual,
  [T.EQL_REGEX]: MatchType.Regexp,
  [T.NEQ_REGEX]: MatchType.NotRegexp,
};

/** Tokens that may name a label in a grouping list (keywords are lexed as such outside braces). */
const GROUPING_LABEL_TOKENS = new Set<T>([
  T.AVG, T.BOOL, T.BOTTOMK, T.BY, T.COUNT, T.COUNT_VALUES, T.GROUP, T.GROUP_LEFT, T.GROUP_RIGHT,
  T.FILL, T.FILL_LEFT, T.FILL_RIGHT, T.IDENTIFIER, T.IGNORING, T.LAND, T.LOR, T.LUNLESS, T.MAX,
  T.METRIC_IDENTIFIER, T.MIN, T.OFFSET, T.ON, T.QUANTILE, T.STDDEV, T.STDVAR, T.SUM, T.TOPK,
  T.START, T.END, T.ATAN2, T.LIMITK, T.LIMIT_RATIO, T.STEP, T.RANGE, T.ANCHORED, T.SMOOTHED,
  T.MAX_OF, T.MIN_OF,
]);

/** Tokens that may be a metric name in front of braces. */
export const METRIC_IDENTIFIER_TOKENS = new Set<T>([
  T.AVG, T.BOTTOMK, T.BY, T.COUNT, T.COUNT_VALUES, T.FILL, T.FILL_LEFT, T.FILL_RIGHT, T.GROUP,
  T.IDENTIFIER, T.LAND, T.LOR, T.LUNLESS, T.MAX, T.METRIC_IDENTIFIER, T.MIN, T.OFFSET, T.QUANTILE,
  T.STDDEV, T.STDVAR, T.SUM, T.TOPK, T.WITHOUT, T.START, T.END, T.LIMITK, T.LIMIT_RATIO, T.STEP,
  T.RANGE, T.ANCHORED, T.SMOOTHED, T.MAX_OF, T.MIN_OF,
]);

/** Unquotes a string token, recording upstream's error if that fails. */
export function unquoteToken(p: ParserState, tok: Token): string {
  try {
    return unquoteLiteral(tok.val);
  } catch (e) {
    if (!(e instanceof UnquoteError)) throw e;
    p.addError(tokenRange(tok), `error unquoting string ${goQuote(tok.val)}: ${e.message}`);
    return '';
  }
}

function newMatcher(p: ParserState, type: MatchType, name: string, value: string, range: PositionRange): Matcher | null {
  try {
    return new Matcher(type, name, value);
  } catch (e) {
    p.addError(range, e instanceof Error ? e.message : String(e));
    return null;
  }
}

/** One matcher inside braces; the next token is known not to be "}". */
function parseLabelMatcher(p: ParserState): Matcher | null {
  const ctx = 'label matching';
  const tok = p.peek();
  if (tok.type !== T.IDENTIFIER && tok.type !== T.STRING) p.unexpected(ctx, 'identifier or "}"');
  p.next();
  const name = tok.type === T.STRING ? unquoteToken(p, tok) : tok.val;
  const matchType = MATCH_OPS[p.peekType()];
  if (matchType === undefined) {
    if (tok.type === T.IDENTIFIER) p.unexpected(ctx, 'label matching operator');
    return newMatcher(p, MatchType.Equal, MetricName, name, tokenRange(tok));
  }
  p.next();
  const valueTok = p.expect(T.STRING, ctx, 'string');
  const value = unquoteToken(p, valueTok);
  return newMatcher(p, matchType, name, value, { start: tok.pos, end: valueTok.pos + valueTok.val.length });
}

/** `{...}` of a vector selector; the "{" is the next token. */
export function parseLabelMatchers(p: ParserState): VectorSelector {
  const open = p.next();
  const matchers: Matcher[] = [];
  let close: Token;
  for (;;) {
    if (p.peekType() === T.RIGHT_BRACE) {
      close = p.next();
      break;
    }
    const m = parseLabelMatcher(p);
    if (m !== null) matchers.push(m);
    const sep = p.peekType();
    if (sep === T.COMMA) {
      p.next();
      continue;
    }
    if (sep === T.RIGHT_BRACE) {
      close = p.next();
      break;
    }
    p.unexpected('label matching', '"," or "}"');
  }
  return {
    kind: 'VectorSelector',
    name: '',
    originalOffset: 0,
    originalOffsetExpr: null,
    offset: 0,
    timestamp: null,
    startOrEnd: null,
    labelMatchers: matchers,
    bypassEmptyMatcherCheck: false,
    anchored: false,
    smoothed: false,
    skipHistogramBuckets: false,
    posRange: { start: open.pos, end: close.pos + 1 },
  };
}

/** A vector selector: `name`, `name{...}` or `{...}`. The next token starts it. */
export function parseVectorSelector(p: ParserState): VectorSelector {
  const tok = p.peek();
  if (tok.type === T.LEFT_BRACE) return parseLabelMatchers(p);
  if (!METRIC_IDENTIFIER_TOKENS.has(tok.type)) return p.unexpectedInExpr();
  p.next();
  let vs: VectorSelector;
  if (p.peekType() === T.LEFT_BRACE) {
    vs = parseLabelMatchers(p);
    vs.posRange = { start: tok.pos, end: vs.posRange.end };
  } else {
    vs = parseLabelMatchersEmpty(tokenRange(tok));
  }
  vs.name = tok.val;
  vs.labelMatchers.push(new Matcher(MatchType.Equal, MetricName, tok.val));
  return vs;
}

function parseLabelMatchersEmpty(posRange: PositionRange): VectorSelector {
  return {
    kind: 'VectorSelector', name: '', originalOffset: 0, originalOffsetExpr: null, offset: 0,
    timestamp: null, startOrEnd: null, labelMatchers: [], bypassEmptyMatcherCheck: false,
    anchored: false, smoothed: false, skipHistogramBuckets: false, posRange,
  };
}

/** One `name="value"` (or bare quoted metric name) of a label set. */
function parseLabelSetItem(p: ParserState, pairs: string[]): void {
  const ctx = 'label set';
  const tok = p.peek();
  if (tok.type !== T.IDENTIFIER && tok.type !== T.STRING) p.unexpected(ctx, 'identifier or "}"');
  p.next();
  const name = tok.type === T.STRING ? unquoteToken(p, tok) : tok.val;
  if (p.peekType() !== T.EQL) {
    if (tok.type === T.IDENTIFIER) p.unexpected(ctx, '"="');
    pairs.push(MetricName, name);
    return;
  }
  p.next();
  const valueTok = p.expect(T.STRING, ctx, 'string');
  pairs.push(name, unquoteToken(p, valueTok));
}

/** `{a="b", ...}` of a metric or series description; empty input gives no labels. */
export function parseLabelSet(p: ParserState): string[] {
  const pairs: string[] = [];
  if (p.peekType() !== T.LEFT_BRACE) return pairs;
  p.next();
  for (;;) {
    if (p.peekType() === T.RIGHT_BRACE) break;
    parseLabelSetItem(p, pairs);
    const sep = p.peekType();
    if (sep === T.COMMA) {
      p.next();
      continue;
    }
    if (sep === T.RIGHT_BRACE) break;
    p.unexpected('label set', '"," or "}"');
  }
  p.next();
  return pairs;
}

/** A metric (`name{labels}` or `{labels}`), as ParseMetric and series descriptions read it. */
export function parseMetricLabels(p: ParserState): Labels {
  const tok = p.peek();
  if (METRIC_IDENTIFIER_TOKENS.has(tok.type)) {
    p.next();
    const pairs = parseLabelSet(p);
    const withoutName: string[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] !== MetricName) withoutName.push(pairs[i] as string, pairs[i + 1] as string);
    }
    return Labels.fromPairs([...withoutName, MetricName, tok.val]);
  }
  return Labels.fromPairs(parseLabelSet(p));
}

/** `( label, ... )` after by/without/on/ignoring/group_x; the next token should be "(". */
export function parseGroupingLabels(p: ParserState): string[] {
  const ctx = 'grouping opts';
  p.expect(T.LEFT_PAREN, ctx, '"("');
  const out: string[] = [];
  if (p.peekType() === T.RIGHT_PAREN) {
    p.next();
    return out;
  }
  for (;;) {
    const tok = p.peek();
    let name: string;
    if (tok.type === T.STRING) {
      name = unquoteToken(p, tok);
      if (name === '') p.addError(tokenRange(tok), `invalid label name for grouping: ${goQuote(name)}`);
    } else if (GROUPING_LABEL_TOKENS.has(tok.type)) {
      name = tok.val;
    } else {
      return p.unexpected(ctx, 'label');
    }
    p.next();
    out.push(name);
    const sep = p.peekType();
    if (sep === T.COMMA) {
      p.next();
      if (p.peekType() === T.RIGHT_PAREN) {
        p.next();
        return out;
      }
      continue;
    }
    if (sep === T.RIGHT_PAREN) {
      p.next();
      return out;
    }
    p.unexpected(ctx, '"," or ")"');
  }
}
