/**
 * Native histogram sample records (types 7-10, and the V2 layouts 12-13 of Prometheus 3.x),
 * decoded into IntHistogram / FloatHistogram values. Histograms with a schema no Prometheus
 * version defines are skipped, with a warning, as upstream does. Schemas 9..52 (reserved for
 * higher resolutions) are passed through unreduced: the native-histogram work reduces them.
 */
import { CounterResetHint, FloatHistogram, type Span } from '../../model/value/index.js';
import { Decbuf } from '../encoding/index.js';
import { RecordDecodeError, readBE64, readBE64Int } from './record-decode.js';
import { RecordType, type IntHistogram, type RefFloatHistogramSample, type RefHistogramSample } from './record-types.js';
import type { WalLogger } from './segment.js';

const CUSTOM_BUCKETS_SCHEMA = -53;

function isKnownSchema(s: number): boolean {
  return (s >= -9 && s <= 52) || s === CUSTOM_BUCKETS_SCHEMA;
}

function readSpans(d: Decbuf): Span[] {
  const n = d.uvarint();
  if (n > d.remaining) {
    d.skip(d.remaining + 1);
    return [];
  }
  const spans: Span[] = [];
  for (let i = 0; i < n && !d.err; i++) spans.push({ offset: d.varint(), length: d.uvarint() });
  return spans;
}

function readList(d: Decbuf, read: () => number): number[] {
  const n = d.uvarint();
  if (n > d.remaining) {
    d.skip(d.remaining + 1);
    return [];
  }
  const out: number[] = [];
  for (let i = 0; i < n && !d.err; i++) out.push(read());
  return out;
}

export function decodeIntHistogram(d: Decbuf): IntHistogram {
  const counterResetHint = d.byte();
  const schema = d.varint();
  const zeroThreshold = d.be64Float();
  const zeroCount = d.uvarint();
  const count = d.uvarint();
  const sum = d.be64Float();
  const positiveSpans = readSpans(d);
  const negativeSpans = readSpans(d);
  const positiveBuckets = readList(d, () => d.varint());
  const negativeBuckets = readList(d, () => d.varint());
  const customValues = schema === CUSTOM_BUCKETS_SCHEMA ? readList(d, () => d.be64Float()) : [];
  return {
    counterResetHint,
    schema,
    zeroThreshold,
    zeroCount,
    count,
    sum,
    positiveSpans,
    negativeSpans,
    positiveBuckets,
    negativeBuckets,
    customValues,
  };
}

export function decodeFloatHistogram(d: Decbuf): FloatHistogram {
  const h = new FloatHistogram();
  h.counterResetHint = d.byte() as CounterResetHint;
  h.schema = d.varint();
  h.zeroThreshold = d.be64Float();
  h.zeroCount = d.be64Float();
  h.count = d.be64Float();
  h.sum = d.be64Float();
  h.positiveSpans = readSpans(d);
  h.negativeSpans = readSpans(d);
  h.positiveBuckets = readList(d, () => d.be64Float());
  h.negativeBuckets = readList(d, () => d.be64Float());
  if (h.schema === CUSTOM_BUCKETS_SCHEMA) h.customValues = readList(d, () => d.be64Float());
  return h;
}

/** Converts delta-encoded integer buckets into a FloatHistogram with absolute counts. */
export function intHistogramToFloat(h: IntHistogram): FloatHistogram {
  const f = new FloatHistogram();
  f.counterResetHint = h.counterResetHint as CounterResetHint;
  f.schema = h.schema;
  f.zeroThreshold = h.zeroThreshold;
  f.zeroCount = h.zeroCount;
  f.count = h.count;
  f.sum = h.sum;
  f.positiveSpans = h.positiveSpans.map((s) => ({ ...s }));
  f.negativeSpans = h.negativeSpans.map((s) => ({ ...s }));
  f.positiveBuckets = cumulate(h.positiveBuckets);
  f.negativeBuckets = cumulate(h.negativeBuckets);
  f.customValues = [...h.customValues];
  return f;
}

function cumulate(deltas: readonly number[]): number[] {
  let c = 0;
  return deltas.map((d) => (c += d));
}

interface Decoded<H> {
  ref: number;
  t: number;
  st: number;
  h: H;
}

/** Walks a histogram samples record of either layout, calling decode for each histogram. */
function walk<H extends { schema: number }>(
  rec: Uint8Array,
  v1Types: number[],
  v2Type: number,
  decode: (d: Decbuf) => H,
  logger: WalLogger | undefined,
  emit: (s: Decoded<H>) => void,
): void {
  const d = new Decbuf(rec);
  const type = d.byte();
  const v2 = type === v2Type;
  if (!v2 && !v1Types.includes(type)) throw new RecordDecodeError(`invalid record type ${type}`);
  if (d.remaining === 0) return;
  let baseRef = 0;
  let baseT = 0;
  let firstST = 0;
  let prevRef = 0;
  let prevST = 0;
  if (!v2) {
    baseRef = readBE64(d);
    baseT = readBE64Int(d);
  }
  let n = 0;
  for (let i = 0; d.remaining > 0 && !d.err; i++) {
    let ref: number;
    let t: number;
    let st = 0;
    if (!v2) {
      ref = baseRef + d.varint();
      t = baseT + d.varint();
    } else if (i === 0) {
      ref = d.varint();
      t = baseT = d.varint();
      st = firstST = d.varint();
    } else {
      ref = prevRef + d.varint();
      t = baseT + d.varint();
      const marker = d.byte();
      st = marker === 0 ? 0 : marker === 1 ? prevST : firstST + d.varint();
    }
    prevRef = ref;
    prevST = st;
    const h = decode(d);
    if (d.err) break;
    if (!isKnownSchema(h.schema)) {
      logger?.warn('skipping histogram with unknown schema in WAL record', { schema: h.schema, timestamp: t });
      continue;
    }
    emit({ ref, t, st, h });
    n++;
  }
  if (d.err) throw new RecordDecodeError(`decode error after ${n} histograms: ${d.err.message}`);
  if (d.remaining > 0) throw new RecordDecodeError(`unexpected ${d.remaining} bytes left in entry`);
}

/** Integer histogram samples (types 7, 9 and 12). */
export function decodeHistogramSamples(
  rec: Uint8Array,
  out: RefHistogramSample[] = [],
  logger?: WalLogger,
): RefHistogramSample[] {
  walk(
    rec,
    [RecordType.HistogramSamples, RecordType.CustomBucketsHistogramSamples],
    RecordType.HistogramSamplesV2,
    decodeIntHistogram,
    logger,
    (s) => out.push({ ref: s.ref, t: s.t, st: s.st, h: s.h }),
  );
  return out;
}

/** Float histogram samples (types 8, 10 and 13). */
export function decodeFloatHistogramSamples(
  rec: Uint8Array,
  out: RefFloatHistogramSample[] = [],
  logger?: WalLogger,
): RefFloatHistogramSample[] {
  walk(
    rec,
    [RecordType.FloatHistogramSamples, RecordType.CustomBucketsFloatHistogramSamples],
    RecordType.FloatHistogramSamplesV2,
    decodeFloatHistogram,
    logger,
    (s) => out.push({ ref: s.ref, t: s.t, st: s.st, fh: s.h }),
  );
  return out;
}
