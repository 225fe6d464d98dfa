/**
 * Read-only native histogram chunks (Prometheus chunkenc HistogramChunk / FloatHistogramChunk):
 * a 2-byte sample count and a counter-reset header byte, then the layout (zero threshold, schema,
 * spans, custom bounds) and the samples. Integer histograms store counts as varbit
 * delta-of-deltas, float histograms XOR every float. Appending histograms is a later issue.
 */
import { ValueType, type SampleIterator } from '../../storage/index.js';
import { FloatHistogram, CounterResetHint, CustomBucketsSchema, StaleNaN, isStaleNaN, type Span } from '../../model/value/index.js';
import { BitReader } from './bstream.js';
import { Encoding, type Chunk, type ChunkAppender } from './chunk.js';
import { floatFromBits } from './float-bits.js';
import { readVarbitInt, readVarbitUint } from './varbit.js';
import { ChunkError } from './xor.js';

const HEADER_SIZE = 3;
const FLAG_POS = 2;
const COUNTER_RESET_MASK = 0b11000000;
const GAUGE_TYPE = 0b11000000;

/** The float64 whose bits are the next 64 bits of br. */
function readFloat(br: BitReader, x: XorValue): void {
  x.hi = br.readBits(32);
  x.lo = br.readBits(32);
  x.value = floatFromBits(x.hi, x.lo);
}

/** A float with its XOR state (previous bits and leading/trailing window). */
class XorValue {
  hi = 0;
  lo = 0;
  leading = 0;
  trailing = 0;
  value = 0;
}

/** Upstream xorRead: unchanged (0), same window (10), or new window (11 + 5 + 6 bits). */
function readXor(br: BitReader, x: XorValue): void {
  if (br.readBit() === 0) return;
  let mbits: number;
  if (br.readBit() === 0) {
    mbits = 64 - x.leading - x.trailing;
  } else {
    x.leading = br.readBits(5);
    mbits = br.readBits(6);
    if (mbits === 0) mbits = 64;
    x.trailing = 64 - x.leading - mbits;
    if (x.trailing < 0) {
      br.eof = true;
      return;
    }
  }
  let xhi = 0;
  let xlo: number;
  if (mbits > 32) {
    xhi = br.readBits(mbits - 32);
    xlo = br.readBits(32);
  } else {
    xlo = br.readBits(mbits);
  }
  const s = x.trailing;
  if (s === 0) {
    x.hi ^= xhi;
    x.lo ^= xlo;
  } else if (s < 32) {
    x.hi ^= (xhi << s) | (xlo >>> (32 - s));
    x.lo ^= xlo << s;
  } else {
    x.hi ^= xlo << (s - 32);
  }
  x.value = floatFromBits(x.hi, x.lo);
}

interface Layout {
  schema: number;
  zeroThreshold: number;
  positiveSpans: Span[];
  negativeSpans: Span[];
  customValues: number[];
}

function readSpans(br: BitReader): Span[] {
  const n = readVarbitUint(br);
  const spans: Span[] = [];
  for (let i = 0; i < n && !br.eof; i++) {
    const length = readVarbitUint(br);
    spans.push({ offset: readVarbitInt(br), length });
  }
  return spans;
}

function readLayout(br: BitReader): Layout {
  const zt = br.readBits(8);
  let zeroThreshold = 0;
  if (zt === 255) zeroThreshold = floatFromBits(br.readBits(32), br.readBits(32));
  else if (zt !== 0) zeroThreshold = 0.5 * 2 ** (zt - 243);
  const schema = readVarbitInt(br);
  const positiveSpans = readSpans(br);
  const negativeSpans = readSpans(br);
  const customValues: number[] = [];
  if (schema === CustomBucketsSchema) {
    const n = readVarbitUint(br);
    for (let i = 0; i < n && !br.eof; i++) {
      const b = readVarbitUint(br);
      customValues.push(b === 0 ? floatFromBits(br.readBits(32), br.readBits(32)) : (b - 1) / 1000);
    }
  }
  return { schema, zeroThreshold, positiveSpans, negativeSpans, customValues };
}

function countSpans(spans: Span[]): number {
  let n = 0;
  for (const s of spans) n += s.length;
  return n;
}

function isKnownSchema(s: number): boolean {
  return (s >= -9 && s <= 52) || s === CustomBucketsSchema;
}

/** What both histogram iterators share: header, layout, timestamps, and the cursor protocol. */
abstract class HistogramIteratorBase implements SampleIterator {
  protected readonly br: BitReader;
  protected readonly numTotal: number;
  protected numRead = 0;
  protected t = Number.MIN_SAFE_INTEGER;
  protected tDelta = 0;
  protected layout: Layout | null = null;
  protected error: Error | null = null;
  private readonly counterResetHeader: number;

  constructor(
    buf: Uint8Array,
    len: number,
    private readonly valueType: ValueType,
  ) {
    this.br = new BitReader(buf, HEADER_SIZE, len);
    this.numTotal = len >= HEADER_SIZE ? ((buf[0] as number) << 8) | (buf[1] as number) : 0;
    this.counterResetHeader = len >= HEADER_SIZE ? (buf[FLAG_POS] as number) & COUNTER_RESET_MASK : 0;
  }

  protected abstract readFirst(layout: Layout): void;
  protected abstract readNext(): void;
  protected abstract sum(): number;
  protected abstract fill(h: FloatHistogram): void;

  next(): ValueType {
    if (this.error !== null || this.numRead === this.numTotal) return ValueType.None;
    const br = this.br;
    if (this.numRead === 0) {
      const layout = readLayout(br);
      if (!br.eof && !isKnownSchema(layout.schema)) {
        this.error = new ChunkError(`histogram has an unknown schema, which must be between -9 and 52 for exponential buckets, or -53 for custom buckets, got schema ${layout.schema}`);
        return ValueType.None;
      }
      this.layout = layout;
      this.t = readVarbitInt(br);
      this.readFirst(layout);
    } else {
      this.tDelta += readVarbitInt(br);
      this.t += this.tDelta;
      this.readNext();
    }
    if (br.eof) {
      this.error = new ChunkError('EOF');
      return ValueType.None;
    }
    this.numRead++;
    return this.valueType;
  }

  seek(t: number): ValueType {
    if (this.error !== null) return ValueType.None;
    while (t > this.t || this.numRead === 0) {
      if (this.next() === ValueType.None) return ValueType.None;
    }
    return this.valueType;
  }

  atT(): number {
    return this.t;
  }

  atF(): number {
    throw new ChunkError('cannot call histogramIterator.At');
  }

  /** A new FloatHistogram for the current sample (the iterator keeps no reference to it). */
  atFloatHistogram(): FloatHistogram {
    const h = new FloatHistogram();
    const sum = this.sum();
    if (isStaleNaN(sum)) {
      h.sum = StaleNaN;
      return h;
    }
    const layout = this.layout as Layout;
    h.counterResetHint =
      this.counterResetHeader === GAUGE_TYPE
        ? CounterResetHint.Gauge
        : this.numRead > 1
          ? CounterResetHint.NotCounterReset
          : CounterResetHint.Unknown;
    h.schema = layout.schema;
    h.zeroThreshold = layout.zeroThreshold;
    h.sum = sum;
    h.positiveSpans = layout.positiveSpans.map((s) => ({ offset: s.offset, length: s.length }));
    h.negativeSpans = layout.negativeSpans.map((s) => ({ offset: s.offset, length: s.length }));
    h.customValues = layout.customValues;
    this.fill(h);
    return h;
  }

  atST(): number {
    return 0;
  }

  err(): Error | null {
    return this.error;
  }
}

export class HistogramIterator extends HistogramIteratorBase {
  private cnt = 0;
  private zCnt = 0;
  private cntDelta = 0;
  private zCntDelta = 0;
  private readonly sumX = new XorValue();
  private pBuckets: number[] = [];
  private nBuckets: number[] = [];
  private pDeltas: number[] = [];
  private nDeltas: number[] = [];

  constructor(buf: Uint8Array, len: number) {
    super(buf, len, ValueType.Histogram);
  }

  protected readFirst(layout: Layout): void {
    const br = this.br;
    this.cnt = readVarbitUint(br);
    this.zCnt = readVarbitUint(br);
    readFloat(br, this.sumX);
    this.pBuckets = new Array<number>(countSpans(layout.positiveSpans));
    this.nBuckets = new Array<number>(countSpans(layout.negativeSpans));
    this.pDeltas = new Array<number>(this.pBuckets.length).fill(0);
    this.nDeltas = new Array<number>(this.nBuckets.length).fill(0);
    for (let i = 0; i < this.pBuckets.length; i++) this.pBuckets[i] = readVarbitInt(br);
    for (let i = 0; i < this.nBuckets.length; i++) this.nBuckets[i] = readVarbitInt(br);
  }

  protected readNext(): void {
    const br = this.br;
    this.cntDelta += readVarbitInt(br);
    this.cnt += this.cntDelta;
    this.zCntDelta += readVarbitInt(br);
    this.zCnt += this.zCntDelta;
    readXor(br, this.sumX);
    if (isStaleNaN(this.sumX.value)) return;
    for (let i = 0; i < this.pBuckets.length; i++) {
      this.pDeltas[i] = (this.pDeltas[i] as number) + readVarbitInt(br);
      this.pBuckets[i] = (this.pBuckets[i] as number) + (this.pDeltas[i] as number);
    }
    for (let i = 0; i < this.nBuckets.length; i++) {
      this.nDeltas[i] = (this.nDeltas[i] as number) + readVarbitInt(br);
      this.nBuckets[i] = (this.nBuckets[i] as number) + (this.nDeltas[i] as number);
    }
  }

  protected sum(): number {
    return this.sumX.value;
  }

  protected fill(h: FloatHistogram): void {
    h.count = this.cnt;
    h.zeroCount = this.zCnt;
    // Integer buckets are stored as deltas to the previous bucket.
    h.positiveBuckets = cumulative(this.pBuckets);
    h.negativeBuckets = cumulative(this.nBuckets);
  }
}

function cumulative(deltas: number[]): number[] {
  const out = new Array<number>(deltas.length);
  let cur = 0;
  for (let i = 0; i < deltas.length; i++) {
    cur += deltas[i] as number;
    out[i] = cur;
  }
  return out;
}

export class FloatHistogramIterator extends HistogramIteratorBase {
  private readonly cnt = new XorValue();
  private readonly zCnt = new XorValue();
  private readonly sumX = new XorValue();
  private pBuckets: XorValue[] = [];
  private nBuckets: XorValue[] = [];

  constructor(buf: Uint8Array, len: number) {
    super(buf, len, ValueType.FloatHistogram);
  }

  protected readFirst(layout: Layout): void {
    const br = this.br;
    readFloat(br, this.cnt);
    readFloat(br, this.zCnt);
    readFloat(br, this.sumX);
    this.pBuckets = Array.from({ length: countSpans(layout.positiveSpans) }, () => new XorValue());
    this.nBuckets = Array.from({ length: countSpans(layout.negativeSpans) }, () => new XorValue());
    for (const b of this.pBuckets) readFloat(br, b);
    for (const b of this.nBuckets) readFloat(br, b);
  }

  protected readNext(): void {
    const br = this.br;
    readXor(br, this.cnt);
    readXor(br, this.zCnt);
    readXor(br, this.sumX);
    if (isStaleNaN(this.sumX.value)) return;
    for (const b of this.pBuckets) readXor(br, b);
    for (const b of this.nBuckets) readXor(br, b);
  }

  protected sum(): number {
    return this.sumX.value;
  }

  protected fill(h: FloatHistogram): void {
    h.count = this.cnt.value;
    h.zeroCount = this.zCnt.value;
    h.positiveBuckets = this.pBuckets.map((b) => b.value);
    h.negativeBuckets = this.nBuckets.map((b) => b.value);
  }
}

/** A histogram or float histogram chunk over encoded bytes (read-only for now). */
export class HistogramChunk implements Chunk {
  constructor(
    private readonly data: Uint8Array,
    private readonly enc: Encoding.Histogram | Encoding.FloatHistogram,
  ) {
    if (data.length < HEADER_SIZE) throw new ChunkError(`histogram chunk too short: ${data.length} bytes`);
  }

  encoding(): Encoding {
    return this.enc;
  }

  bytes(): Uint8Array {
    return this.data;
  }

  numSamples(): number {
    return ((this.data[0] as number) << 8) | (this.data[1] as number);
  }

  /** The counter-reset header bits (upstream CounterResetHeader: 0, 0x40, 0x80 or 0xc0). */
  counterResetHeader(): number {
    return (this.data[FLAG_POS] as number) & COUNTER_RESET_MASK;
  }

  appender(): ChunkAppender {
    throw new ChunkError('appending to histogram chunks is not supported yet');
  }

  iterator(): SampleIterator {
    return this.enc === Encoding.Histogram
      ? new HistogramIterator(this.data, this.data.length)
      : new FloatHistogramIterator(this.data, this.data.length);
  }
}
