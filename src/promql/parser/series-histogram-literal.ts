/** Native histogram literals `{{schema:1 sum:2 count:3 buckets:[1 2] ...}}` of series descriptions. */
import { CounterResetHint, FloatHistogram, type Span } from '../../model/value/index.js';
import { numberLiteral } from './duration-parser.js';
import type { ParserState } from './parser-state.js';
import { parseSignedNumber, parseUint, SERIES_VALUES } from './series-values.js';
import { T } from './token.js';

export interface HistogramLiteral {
  h: FloatHistogram;
  /** counter_reset_hint was written explicitly. */
  hintSet: boolean;
}

type DescValue = number | number[] | CounterResetHint;

const DESCRIPTOR_KEYS: Partial<Record<T, string>> = {
  [T.SCHEMA_DESC]: 'schema', [T.SUM_DESC]: 'sum', [T.COUNT_DESC]: 'count', [T.ZERO_BUCKET_DESC]: 'z_bucket',
  [T.ZERO_BUCKET_WIDTH_DESC]: 'z_bucket_w', [T.CUSTOM_VALUES_DESC]: 'custom_values', [T.BUCKETS_DESC]: 'buckets',
  [T.OFFSET_DESC]: 'offset', [T.NEGATIVE_BUCKETS_DESC]: 'n_buckets', [T.NEGATIVE_OFFSET_DESC]: 'n_offset',
  [T.COUNTER_RESET_HINT_DESC]: 'counter_reset_hint',
};

const HINTS: Partial<Record<T, CounterResetHint>> = {
  [T.UNKNOWN_COUNTER_RESET]: CounterResetHint.Unknown,
  [T.COUNTER_RESET]: CounterResetHint.CounterReset,
  [T.NOT_COUNTER_RESET]: CounterResetHint.NotCounterReset,
  [T.GAUGE_TYPE]: CounterResetHint.Gauge,
};

interface Ctx {
  context: string;
  expected: string;
}
const FIRST: Ctx = { context: SERIES_VALUES, expected: '' };
const LATER: Ctx = { context: 'histogram description', expected: 'histogram description key, e.g. buckets:[5 10 7]' };

function parseInt64(p: ParserState, ctx: Ctx): number {
  let sign = 1;
  if (p.peekType() === T.SUB) {
    p.next();
    sign = -1;
  }
  return sign * parseUint(p, ctx.context, ctx.expected);
}

/** `[v v v]` of buckets, n_buckets or custom_values. */
function parseBucketSet(p: ParserState, ctx: Ctx): number[] {
  p.expect(T.LEFT_BRACKET, ctx.context, ctx.expected);
  const out: number[] = [parseSignedNumber(p, ctx.context, ctx.expected)];
  for (;;) {
    const t = p.peekType();
    if (t === T.RIGHT_BRACKET) break;
    p.expect(T.SPACE, ctx.context, ctx.expected);
    if (p.peekType() === T.RIGHT_BRACKET) break;
    out.push(parseSignedNumber(p, ctx.context, ctx.expected));
  }
  p.next();
  return out;
}

function parseDescValue(p: ParserState, key: string, ctx: Ctx): DescValue {
  switch (key) {
    case 'schema':
    case 'offset':
    case 'n_offset':
      return parseInt64(p, ctx);
    case 'z_bucket_w': {
      const t = p.peekType();
      if (t !== T.NUMBER && t !== T.DURATION) p.unexpected(ctx.context, ctx.expected);
      return numberLiteral(p, p.next()).val;
    }
    case 'buckets':
    case 'n_buckets':
    case 'custom_values':
      return parseBucketSet(p, ctx);
    case 'counter_reset_hint': {
      const hint = HINTS[p.peekType()];
      if (hint === undefined) p.unexpected(ctx.context, ctx.expected);
      p.next();
      return hint as CounterResetHint;
    }
    default:
      return parseSignedNumber(p, ctx.context, ctx.expected);
  }
}

function spansFor(buckets: number[] | undefined, offset: number | undefined): Span[] {
  if (buckets === undefined || buckets.length === 0) return [];
  return [{ offset: offset ?? 0, length: buckets.length }];
}

function buildHistogram(desc: Map<string, DescValue>): FloatHistogram {
  const h = new FloatHistogram();
  const num = (k: string): number | undefined => desc.get(k) as number | undefined;
  const list = (k: string): number[] | undefined => desc.get(k) as number[] | undefined;
  h.schema = num('schema') ?? 0;
  h.sum = num('sum') ?? 0;
  h.count = num('count') ?? 0;
  h.zeroCount = num('z_bucket') ?? 0;
  h.zeroThreshold = num('z_bucket_w') ?? 0;
  h.customValues = list('custom_values') ?? [];
  h.counterResetHint = (desc.get('counter_reset_hint') as CounterResetHint | undefined) ?? CounterResetHint.Unknown;
  h.positiveBuckets = list('buckets') ?? [];
  h.positiveSpans = spansFor(list('buckets'), num('offset'));
  h.negativeBuckets = list('n_buckets') ?? [];
  h.negativeSpans = spansFor(list('n_buckets'), num('n_offset'));
  return h;
}

/** `{{ ... }}`; the "{{" is the next token. */
export function parseHistogramLiteral(p: ParserState): HistogramLiteral {
  p.next();
  const desc = new Map<string, DescValue>();
  let ctx = FIRST;
  for (;;) {
    const tok = p.peek();
    if (tok.type === T.CLOSE_HIST) break;
    if (tok.type === T.SPACE) {
      p.next();
      if (p.peekType() === T.CLOSE_HIST) break;
      if (desc.size === 0 && ctx === FIRST) p.unexpected(ctx.context, ctx.expected);
    }
    const keyTok = p.peek();
    const key = DESCRIPTOR_KEYS[keyTok.type];
    if (key === undefined) p.unexpected(ctx.context, ctx.expected);
    p.next();
    p.expect(T.COLON, ctx.context, ctx.expected);
    const value = parseDescValue(p, key as string, ctx);
    if (desc.has(key as string)) p.addError({ start: 0, end: 0 }, `duplicate key "${key as string}" in histogram`);
    else desc.set(key as string, value);
    ctx = LATER;
    const after = p.peekType();
    if (after !== T.SPACE && after !== T.CLOSE_HIST) p.unexpected(ctx.context, ctx.expected);
  }
  p.next();
  return { h: buildHistogram(desc), hintSet: desc.has('counter_reset_hint') };
}
