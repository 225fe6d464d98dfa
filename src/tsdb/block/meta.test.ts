import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BlockError, formatMeta, isULID, newULID, parseMeta, readMetaFile, ulidTime, writeMetaFile, type BlockMetaJSON } from './index.js';

test('ULIDs: format, time, uniqueness and ordering', () => {
  const a = newULID(1700000000000);
  assert.equal(a.length, 26);
  assert.ok(isULID(a));
  assert.equal(ulidTime(a), 1700000000000);
  assert.notEqual(newULID(1700000000000), a);
  assert.ok(newULID(1700000000001) > a.slice(0, 10));
  // Known vector: time 0 and zero randomness; all-ones.
  assert.equal(newULID(0, new Uint8Array(10)), '00000000000000000000000000');
  assert.equal(newULID(2 ** 48 - 1, new Uint8Array(10).fill(255)), '7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
  // Time field decoded independently (Crockford base32 of the first 10 chars).
  assert.ok(isULID('01AN4Z07BY79KA1307SR9X4MV3'));
  assert.equal(ulidTime('01AN4Z07BY79KA1307SR9X4MV3'), 1465824320894);
  assert.ok(!isULID('81AN4Z07BY79KA1307SR9X4MV3'));
  assert.ok(!isULID('01AN4Z07BY79KA1307SR9X4MVU'));
  assert.throws(() => newULID(-1), RangeError);
});

const META: BlockMetaJSON = {
  ulid: '01BKGV7JBM69T2G1BGBGM6KB12',
  minTime: 1000,
  maxTime: 7201000,
  stats: { numSamples: 10, numSeries: 2, numChunks: 2, numFloatSamples: 10 },
  compaction: {
    level: 2,
    sources: ['01BKGV7JBM69T2G1BGBGM6KB12', '01BKGTZQ1SYQJTR4PB43C8PD98'],
    parents: [{ ulid: '01BKGTZQ1SYQJTR4PB43C8PD98', minTime: 1000, maxTime: 2000 }],
  },
  version: 1,
};

test('meta.json is written in Go MarshalIndent layout and read back', () => {
  const text = formatMeta(META);
  assert.equal(
    text,
    [
      '{',
      '\t"ulid": "01BKGV7JBM69T2G1BGBGM6KB12",',
      '\t"minTime": 1000,',
      '\t"maxTime": 7201000,',
      '\t"stats": {',
      '\t\t"numSamples": 10,',
      '\t\t"numFloatSamples": 10,',
      '\t\t"numSeries": 2,',
      '\t\t"numChunks": 2',
      '\t},',
      '\t"compaction": {',
      '\t\t"level": 2,',
      '\t\t"sources": [',
      '\t\t\t"01BKGV7JBM69T2G1BGBGM6KB12",',
      '\t\t\t"01BKGTZQ1SYQJTR4PB43C8PD98"',
      '\t\t],',
      '\t\t"parents": [',
      '\t\t\t{',
      '\t\t\t\t"ulid": "01BKGTZQ1SYQJTR4PB43C8PD98",',
      '\t\t\t\t"minTime": 1000,',
      '\t\t\t\t"maxTime": 2000',
      '\t\t\t}',
      '\t\t]',
      '\t},',
      '\t"version": 1',
      '}',
    ].join('\n'),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-meta-'));
  const n = writeMetaFile(dir, META);
  const { meta, size } = readMetaFile(dir);
  assert.equal(size, n);
  assert.deepEqual(meta, META);
  assert.equal(fs.existsSync(path.join(dir, 'meta.json.tmp')), false);
  fs.rmSync(dir, { recursive: true });
});

test('meta.json validation', () => {
  assert.throws(() => parseMeta('m', '{"version": 2, "ulid": "01BKGV7JBM69T2G1BGBGM6KB12"}'), /unexpected meta file version 2/);
  assert.throws(() => parseMeta('m', 'nope'), (e: unknown) => e instanceof BlockError && /^m: invalid meta file/.test(e.message));
  assert.throws(() => parseMeta('m', '{"version": 1, "ulid": "x", "minTime": 0, "maxTime": 1, "compaction": {"level": 1}}'), /ulid is not a ULID/);
  assert.throws(() => parseMeta('m', '{"version": 1, "ulid": "01BKGV7JBM69T2G1BGBGM6KB12", "minTime": "0", "maxTime": 1, "compaction": {"level": 1}}'), /minTime/);
  const m = parseMeta('m', '{"version": 1, "ulid": "01BKGV7JBM69T2G1BGBGM6KB12", "minTime": 0, "maxTime": 1, "compaction": {"level": 1}, "extra": true}');
  assert.deepEqual(m.stats, {});
  assert.equal(formatMeta(m).includes('"stats": {}'), true);
  assert.throws(() => readMetaFile('/nonexistent-dir'), BlockError);
});
