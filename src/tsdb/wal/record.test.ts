import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { FloatHistogram, StaleNaN, isStaleNaN } from '../../model/value/index.js';
import { Encbuf } from '../encoding/index.js';
import {
  RecordDecodeError,
  RecordType,
  SampleBatch,
  decodeExemplars,
  decodeFloatHistogramSamples,
  decodeHistogramSamples,
  decodeMetadata,
  decodeMmapMarkers,
  decodeSamples,
  decodeSeries,
  decodeTombstones,
  encodeExemplars,
  encodeFloatHistogramSamples,
  encodeHistogramSamples,
  encodeMetadata,
  encodeMmapMarkers,
  encodeSamples,
  encodeSeries,
  encodeTombstones,
  intHistogramToFloat,
  recordType,
  type IntHistogram,
} from './index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('samples record: exact upstream bytes, stale marker bits, round-trip', () => {
  const batch = new SampleBatch(2);
  batch.push(1, 1000, 1.5);
  batch.push(2, 1005, StaleNaN);
  const rec = encodeSamples(batch);
  assert.equal(
    hex(rec),
    '02' + '0000000000000001' + '00000000000003e8' + '00' + '00' + '3ff8000000000000' + '02' + '0a' + '7ff0000000000002',
  );
  // The same from plain number arrays (stale marker written with its exact pattern).
  assert.equal(hex(encodeSamples({ length: 2, refs: [1, 2], ts: [1000, 1005], vs: [1.5, StaleNaN] })), hex(rec));
  const out = decodeSamples(rec);
  assert.equal(out.length, 2);
  assert.deepEqual([...out.refs.subarray(0, 2)], [1, 2]);
  assert.deepEqual([...out.ts.subarray(0, 2)], [1000, 1005]);
  assert.equal(out.vs[0], 1.5);
  assert.ok(isStaleNaN(out.vs[1] as number));
  assert.equal(out.vsBits[2] === 2 || out.vsBits[3] === 2, true, 'raw bits kept');
  assert.equal(hex(encodeSamples(out)), hex(rec), 'decode then encode is the identity');
});

test('samples: negative deltas, negative timestamps, large refs, appending and growth', () => {
  const n = 5000;
  const refs = Array.from({ length: n }, (_, i) => (i * 7919) % 100_003 + 2 ** 40);
  const ts = Array.from({ length: n }, (_, i) => -5_000_000 + ((i * 31) % 977) * 15_000);
  const vs = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -i / 7 : i * 1e300));
  const rec = encodeSamples({ length: n, refs, ts, vs });
  const batch = new SampleBatch(4);
  decodeSamples(encodeSamples({ length: 1, refs: [9], ts: [9], vs: [9] }), batch);
  decodeSamples(rec, batch);
  assert.equal(batch.length, n + 1);
  for (let i = 0; i < n; i++) {
    assert.equal(batch.refs[i + 1], refs[i]);
    assert.equal(batch.ts[i + 1], ts[i]);
    assert.equal(batch.vs[i + 1], vs[i]);
  }
  assert.equal(hex(encodeSamples(batch, new Encbuf(), 1, n + 1)), hex(rec));
  assert.equal(hex(encodeSamples(new SampleBatch())), '02', 'an empty samples record is its type byte');
  assert.equal(decodeSamples(new Uint8Array([2])).length, 0);
});

test('series record: exact bytes and round-trip with UTF-8 labels', () => {
  const series = [
    { ref: 1, labels: Labels.fromObject({ __name__: 'up', job: 'p' }) },
    { ref: 300, labels: Labels.fromObject({ a: 'héllo wörld ✓', b: 'x'.repeat(200) }) },
  ];
  const rec = encodeSeries(series);
  assert.equal(
    hex(rec.subarray(0, 28)),
    '01' + '0000000000000001' + '02' + '085f5f6e616d655f5f' + '027570' + '036a6f62' + '0170',
  );
  const got = decodeSeries(rec);
  assert.equal(got.length, 2);
  assert.equal(got[1]?.ref, 300);
  assert.ok(got[0]?.labels.equals(series[0]?.labels as Labels));
  assert.ok(got[1]?.labels.equals(series[1]?.labels as Labels));
  assert.equal(hex(encodeSeries(got)), hex(rec));
  assert.equal(recordType(rec), RecordType.Series);
});

test('series record: many short label strings decode exactly (string cache)', () => {
  const series = [];
  for (let i = 0; i < 20_000; i++) {
    series.push({ ref: i + 1, labels: Labels.fromObject({ __name__: 'node_x', instance: `h${i % 977}:9100`, v: `${i}`, u: i % 7 === 0 ? `é${i % 13}` : `a${i % 13}`, e: i % 5 === 0 ? '' : 'z' }) });
  }
  for (let round = 0; round < 2; round++) {
    const got = decodeSeries(encodeSeries(series));
    assert.equal(got.length, series.length);
    for (let i = 0; i < series.length; i++) assert.ok(got[i]?.labels.equals(series[i]?.labels as Labels), `series ${i}`);
  }
});

test('tombstones, mmap markers, metadata: bytes and round-trips', () => {
  const stones = [
    { ref: 5, intervals: [{ mint: -10, maxt: 20 }, { mint: 100, maxt: 200 }] },
    { ref: 6, intervals: [{ mint: 0, maxt: 2 ** 40 }] },
  ];
  const trec = encodeTombstones(stones);
  assert.equal(hex(trec.subarray(0, 11)), '03' + '0000000000000005' + '13' + '28');
  const tgot = decodeTombstones(trec);
  assert.equal(tgot.length, 3, 'one stone per interval, as upstream');
  assert.deepEqual(tgot[1], { ref: 5, intervals: [{ mint: 100, maxt: 200 }] });
  assert.equal(hex(encodeTombstones(tgot)), hex(trec));

  const markers = [{ ref: 3, mmapRef: 2 ** 32 * 5 + 77 }];
  const mrec = encodeMmapMarkers(markers);
  assert.equal(hex(mrec), '05' + '0000000000000003' + '000000050000004d');
  assert.deepEqual(decodeMmapMarkers(mrec), markers);

  const md = [
    { ref: 7, type: 1, unit: 'seconds', help: 'Total time.' },
    { ref: 200, type: 2, unit: '', help: '' },
  ];
  const mdrec = encodeMetadata(md);
  assert.equal(hex(mdrec.subarray(0, 9)), '06' + '07' + '01' + '02' + '04554e4954');
  assert.deepEqual(decodeMetadata(mdrec), md);
  assert.equal(hex(encodeMetadata(decodeMetadata(mdrec))), hex(mdrec));
});

test('exemplars: round-trip with labels and deltas', () => {
  const ex = [
    { ref: 10, t: 5000, v: 0.25, labels: Labels.fromObject({ trace_id: 'abc' }) },
    { ref: 8, t: 4000, v: StaleNaN, labels: Labels.EMPTY },
  ];
  const rec = encodeExemplars(ex);
  assert.equal(hex(rec.subarray(0, 17)), '04' + '000000000000000a' + '0000000000001388');
  const got = decodeExemplars(rec);
  assert.equal(got.length, 2);
  assert.equal(got[1]?.ref, 8);
  assert.equal(got[1]?.t, 4000);
  assert.ok(got[0]?.labels.equals(ex[0]?.labels as Labels));
  assert.equal(hex(encodeExemplars(got)), hex(rec));
  assert.equal(hex(encodeExemplars([])), '04');
  assert.deepEqual(decodeExemplars(new Uint8Array([4])), []);
});

test('histogram samples: int and float, exponential and custom buckets', () => {
  const ih: IntHistogram = {
    counterResetHint: 0,
    schema: 1,
    zeroThreshold: 0.001,
    zeroCount: 2,
    count: 12,
    sum: 18.5,
    positiveSpans: [{ offset: 0, length: 2 }, { offset: 1, length: 1 }],
    negativeSpans: [{ offset: -2, length: 1 }],
    positiveBuckets: [3, -1, 2],
    negativeBuckets: [5],
    customValues: [],
  };
  const cb: IntHistogram = { ...ih, schema: -53, negativeSpans: [], negativeBuckets: [], customValues: [1, 2.5, 10] };
  const hs = [
    { ref: 1, t: 100, st: 0, h: ih },
    { ref: 2, t: 110, st: 0, h: cb },
    { ref: 3, t: 120, st: 0, h: ih },
  ];
  const { exponential, customBuckets } = encodeHistogramSamples(hs, new Encbuf());
  assert.ok(exponential && customBuckets);
  assert.equal(exponential[0], RecordType.HistogramSamples);
  assert.equal(customBuckets[0], RecordType.CustomBucketsHistogramSamples);
  const got = [...decodeHistogramSamples(exponential), ...decodeHistogramSamples(customBuckets)];
  assert.deepEqual(
    got.map((g) => g.ref),
    [1, 3, 2],
  );
  assert.deepEqual(got[0]?.h, ih);
  assert.deepEqual(got[2]?.h, cb);
  assert.deepEqual(intHistogramToFloat(ih).positiveBuckets, [3, 2, 4]);

  const fh = new FloatHistogram();
  fh.schema = 0;
  fh.count = 3.5;
  fh.sum = -1;
  fh.positiveSpans = [{ offset: 1, length: 2 }];
  fh.positiveBuckets = [1.5, 2];
  const fcb = fh.copy();
  fcb.schema = -53;
  fcb.customValues = [0.5, 1];
  const f = encodeFloatHistogramSamples([
    { ref: 4, t: 1, st: 0, fh },
    { ref: 5, t: 2, st: 0, fh: fcb },
  ]);
  assert.ok(f.exponential && f.customBuckets);
  const fgot = [...decodeFloatHistogramSamples(f.exponential), ...decodeFloatHistogramSamples(f.customBuckets)];
  assert.deepEqual(fgot[0]?.fh, fh);
  assert.deepEqual(fgot[1]?.fh, fcb);
  assert.equal(fgot[1]?.t, 2);
});

test('malformed records throw RecordDecodeError with upstream wording', () => {
  const rec = encodeSamples({ length: 3, refs: [1, 2, 3], ts: [1, 2, 3], vs: [1, 2, 3] });
  assert.throws(() => decodeSamples(rec.subarray(0, rec.length - 3)), (e: unknown) => {
    return e instanceof RecordDecodeError && /decode error after 2 samples/.test(e.message);
  });
  assert.throws(() => decodeSamples(new Uint8Array([1])), /invalid record type 1, expected Samples\(2\)/);
  assert.throws(() => decodeSeries(new Uint8Array([2])), /invalid record type/);
  const s = encodeSeries([{ ref: 1, labels: Labels.fromObject({ a: 'b' }) }]);
  assert.throws(() => decodeSeries(s.subarray(0, s.length - 1)), RecordDecodeError);
  const t = encodeTombstones([{ ref: 1, intervals: [{ mint: 1, maxt: 2 }] }]);
  assert.throws(() => decodeTombstones(new Uint8Array([...t, 0])), /invalid size|unexpected 1 bytes left/);
  assert.equal(recordType(new Uint8Array([99])), RecordType.Unknown);
  assert.equal(recordType(new Uint8Array(0)), RecordType.Unknown);
});

test('SamplesV2 records of newer Prometheus versions decode', () => {
  // Hand-encoded: ref 5, t 1000, st 0, v 1; then dref +1, dt +10, marker noST, v 2.
  const b = new Encbuf();
  b.putByte(11);
  b.putVarint(5);
  b.putVarint(1000);
  b.putVarint(0);
  b.putBE64Float(1);
  b.putVarint(1);
  b.putVarint(10);
  b.putByte(0);
  b.putBE64Float(2);
  const out = decodeSamples(b.get());
  assert.equal(out.length, 2);
  assert.deepEqual([...out.refs.subarray(0, 2)], [5, 6]);
  assert.deepEqual([...out.ts.subarray(0, 2)], [1000, 1010]);
  assert.deepEqual([...out.vs.subarray(0, 2)], [1, 2]);
});

test('samples record writes a quietened stale marker with the canonical bits', () => {
  const vs = new Float64Array(1);
  const bits = new DataView(vs.buffer);
  bits.setUint32(4, 0x7ff80000, true);
  bits.setUint32(0, 0x00000002, true);
  const rec = encodeSamples({ length: 1, refs: [7], ts: [1000], vs });
  const tail = new DataView(rec.buffer, rec.byteOffset + rec.length - 8, 8);
  assert.equal(tail.getUint32(0).toString(16), '7ff00000');
  assert.equal(tail.getUint32(4), 2);
});
