import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '../../model/labels/index.js';
import {
  RecordType,
  SampleBatch,
  WalError,
  WalReader,
  Wlog,
  checkpoint,
  checkpointDir,
  decodeExemplars,
  decodeMetadata,
  decodeSamples,
  decodeSeries,
  decodeTombstones,
  encodeExemplars,
  encodeMetadata,
  encodeSamples,
  encodeSeries,
  encodeTombstones,
  lastCheckpoint,
  recordType,
  type RefExemplar,
  type RefMetadata,
  type RefSeries,
  type Stone,
} from './index.js';

interface Contents {
  series: RefSeries[];
  samples: { ref: number; t: number; v: number }[];
  stones: Stone[];
  exemplars: RefExemplar[];
  metadata: RefMetadata[];
}

function readContents(dir: string): Contents {
  const c: Contents = { series: [], samples: [], stones: [], exemplars: [], metadata: [] };
  const r = new WalReader(dir);
  const batch = new SampleBatch();
  while (r.next()) {
    const rec = r.record();
    switch (recordType(rec)) {
      case RecordType.Series:
        decodeSeries(rec, c.series);
        break;
      case RecordType.Samples:
        batch.reset();
        decodeSamples(rec, batch);
        for (let i = 0; i < batch.length; i++) {
          c.samples.push({ ref: batch.refs[i] as number, t: batch.ts[i] as number, v: batch.vs[i] as number });
        }
        break;
      case RecordType.Tombstones:
        decodeTombstones(rec, c.stones);
        break;
      case RecordType.Exemplars:
        decodeExemplars(rec, c.exemplars);
        break;
      case RecordType.Metadata:
        decodeMetadata(rec, c.metadata);
        break;
      default:
        assert.fail(`unexpected record type ${rec[0]}`);
    }
  }
  assert.equal(r.err(), null);
  return c;
}

/** Segments 0..3: each logs series s*10+1..s*10+4, samples at t = s*100 + 0..90, and more. */
function writeWal(dir: string): void {
  const w = Wlog.open(dir, { segmentSize: 64 * 1024 });
  for (let s = 0; s < 4; s++) {
    const series: RefSeries[] = [];
    for (let k = 1; k <= 4; k++) series.push({ ref: s * 10 + k, labels: Labels.fromObject({ __name__: 'm', s: `${s}`, k: `${k}` }) });
    w.log(encodeSeries(series));
    for (let t = 0; t < 100; t += 10) {
      const b = new SampleBatch();
      for (const x of series) b.push(x.ref, s * 100 + t, x.ref + t / 1000);
      w.log(encodeSamples(b));
    }
    w.log(
      encodeTombstones([
        { ref: s * 10 + 1, intervals: [{ mint: 0, maxt: s * 100 + 5 }] },
        { ref: s * 10 + 2, intervals: [{ mint: 0, maxt: 1 }] },
      ]),
    );
    w.log(encodeExemplars([{ ref: s * 10 + 1, t: s * 100 + 50, v: 1, labels: Labels.fromObject({ trace_id: `t${s}` }) }]));
    w.log(encodeMetadata([{ ref: s * 10 + 1, type: 1, unit: '', help: `v${s}` }]));
    w.log(encodeMetadata([{ ref: 1, type: 1, unit: '', help: `latest-from-${s}` }]));
    w.nextSegment();
  }
  w.close();
}

const keepOdd = (ref: number): boolean => ref % 2 === 1;

test('checkpoint keeps series, samples, tombstones, exemplars and latest metadata as upstream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-cp-'));
  try {
    writeWal(dir);
    mkdirSync(join(dir, 'checkpoint.00000000.tmp'));
    const stats = checkpoint(dir, 0, 2, keepOdd, 150);
    assert.ok(!existsSync(join(dir, 'checkpoint.00000000.tmp')), 'stale temp checkpoints are removed');
    assert.deepEqual(lastCheckpoint(dir), { dir: checkpointDir(dir, 2), index: 2 });
    const c = readContents(checkpointDir(dir, 2));
    assert.deepEqual(
      c.series.map((s) => s.ref),
      [1, 3, 11, 13, 21, 23],
    );
    assert.ok(c.series.every((s) => s.labels.get('__name__') === 'm'));
    assert.ok(c.samples.every((s) => s.t >= 150));
    assert.equal(c.samples.length, 5 * 4 + 10 * 4, 'samples of all series (kept or not) at t >= mint');
    assert.deepEqual(
      c.stones.map((s) => [s.ref, s.intervals[0]?.maxt]),
      [[21, 205]],
      'tombstones of kept series reaching mint',
    );
    assert.deepEqual(
      c.exemplars.map((e) => e.t),
      [150, 250],
    );
    const md = new Map(c.metadata.map((m) => [m.ref, m.help]));
    assert.equal(md.get(1), 'latest-from-2');
    assert.equal(md.get(11), 'v1');
    assert.equal(md.get(21), 'v2');
    assert.equal(c.metadata.length, 3);
    assert.equal(stats.totalSeries, 12);
    assert.equal(stats.droppedSeries, 6);
    assert.equal(stats.totalSamples, 120);
    assert.equal(stats.droppedSamples, 60);
    assert.equal(stats.totalTombstones, 6);
    assert.equal(stats.droppedTombstones, 5);
    assert.equal(stats.totalExemplars, 3);
    assert.equal(stats.droppedExemplars, 1);

    // The next checkpoint reads the previous one plus segment 3, and deletes the old checkpoint.
    assert.throws(() => checkpoint(dir, 5, 5, keepOdd, 0), (e: unknown) => e instanceof WalError && /unexpected gap/.test(e.message));
    checkpoint(dir, 0, 3, (ref) => ref !== 1, 250);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('checkpoint')),
      ['checkpoint.00000003'],
    );
    const c2 = readContents(checkpointDir(dir, 3));
    assert.deepEqual(
      c2.series.map((s) => s.ref),
      [3, 11, 13, 21, 23, 31, 32, 33, 34],
    );
    assert.ok(c2.samples.every((s) => s.t >= 250));
    assert.equal(c2.samples.length, 5 * 4 + 10 * 4);
    assert.deepEqual(
      c2.exemplars.map((e) => e.t),
      [250, 350],
    );
    assert.equal(new Map(c2.metadata.map((m) => [m.ref, m.help])).get(1), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a corrupt segment fails the checkpoint and leaves no temp dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-cp-'));
  try {
    writeWal(dir);
    rmSync(join(dir, '00000001'));
    assert.throws(() => checkpoint(dir, 0, 2, keepOdd, 0), /not sequential/);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('checkpoint')),
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
