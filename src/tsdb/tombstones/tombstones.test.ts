import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  addInterval,
  isSubrange,
  MemTombstones,
  readTombstones,
  TombstonesError,
  writeTombstones,
  type Interval,
} from './index.js';

const iv = (mint: number, maxt: number): Interval => ({ mint, maxt });

test('addInterval merges overlapping and adjacent intervals', () => {
  const cases: [Interval[], Interval, Interval[]][] = [
    [[], iv(1, 2), [iv(1, 2)]],
    [[iv(1, 2)], iv(3, 4), [iv(1, 4)]],
    [[iv(1, 2)], iv(5, 6), [iv(1, 2), iv(5, 6)]],
    [[iv(5, 6)], iv(1, 2), [iv(1, 2), iv(5, 6)]],
    [[iv(1, 2), iv(5, 6)], iv(3, 3), [iv(1, 3), iv(5, 6)]],
    [[iv(1, 2), iv(5, 6)], iv(3, 4), [iv(1, 6)]],
    [[iv(1, 2), iv(6, 7), iv(10, 12)], iv(4, 8), [iv(1, 2), iv(4, 8), iv(10, 12)]],
    [[iv(1, 2), iv(6, 7), iv(10, 12)], iv(0, 20), [iv(0, 20)]],
    [[iv(1, 2), iv(6, 7)], iv(-Infinity, 4), [iv(-Infinity, 4), iv(6, 7)]],
    [[iv(1, 2), iv(6, 7)], iv(5, Infinity), [iv(1, 2), iv(5, Infinity)]],
    [[iv(1, 10)], iv(3, 4), [iv(1, 10)]],
  ];
  for (const [start, n, exp] of cases) assert.deepEqual(addInterval(start.map((x) => ({ ...x })), n), exp);
  assert.ok(isSubrange(iv(3, 4), [iv(0, 1), iv(2, 5)]));
  assert.ok(!isSubrange(iv(3, 6), [iv(0, 1), iv(2, 5)]));
});

test('MemTombstones get/forEach/total/truncate', () => {
  const t = new MemTombstones();
  t.addInterval(5, iv(1, 2), iv(3, 4));
  t.addInterval(2, iv(10, 20));
  t.addInterval(2, iv(30, 40));
  assert.deepEqual(t.get(5), [iv(1, 4)]);
  assert.deepEqual(t.get(9), []);
  assert.equal(t.total(), 3);
  const seen: number[] = [];
  t.forEach((r) => seen.push(r));
  assert.deepEqual(seen, [2, 5]);
  t.truncateBefore(25);
  assert.deepEqual(t.get(2), [iv(30, 40)]);
  assert.deepEqual(t.get(5), []);
  const g = t.get(2);
  g.push(iv(0, 0));
  assert.equal(t.get(2).length, 1, 'get returns a copy');
});

test('tombstones file round-trip, int64 extremes and corruption', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-tomb-'));
  assert.equal(readTombstones(dir).reader.total(), 0, 'missing file: no tombstones');
  const t = new MemTombstones();
  for (let ref = 1; ref < 200; ref += 7) t.addInterval(ref, iv(-ref * 1000, ref * 1000), iv(ref * 5000, ref * 6000));
  t.addInterval(3, iv(-Infinity, -9e15));
  t.addInterval(4, iv(9e15, Infinity));
  const size = writeTombstones(dir, t);
  const { reader, size: rsize } = readTombstones(dir);
  assert.equal(rsize, size);
  assert.equal(reader.total(), t.total());
  t.forEach((ref, ivs) => {
    const got = reader.get(ref);
    assert.equal(got.length, ivs.length);
    ivs.forEach((x, i) => {
      const g = got[i] as Interval;
      assert.equal(g.mint, Number.isFinite(x.mint) ? x.mint : -9223372036854775808);
      assert.equal(g.maxt, Number.isFinite(x.maxt) ? x.maxt : 9223372036854775807);
    });
  });
  // Re-writing the clamped values is stable.
  writeTombstones(dir, reader);
  assert.deepEqual(readTombstones(dir).reader.get(3), reader.get(3));
  assert.equal(fs.existsSync(path.join(dir, 'tombstones.tmp')), false);

  const file = path.join(dir, 'tombstones');
  const b = fs.readFileSync(file);
  b[8] = (b[8] as number) ^ 1;
  fs.writeFileSync(file, b);
  assert.throws(() => readTombstones(dir), (e: unknown) => e instanceof TombstonesError && /checksum did not match/.test(e.message) && e.message.includes(file));
  b.writeUInt32BE(1, 0);
  fs.writeFileSync(file, b);
  assert.throws(() => readTombstones(dir), /invalid magic number 1/);
  fs.writeFileSync(file, b.subarray(0, 3));
  assert.throws(() => readTombstones(dir), /invalid size/);
  // An empty tombstones file (as written for new blocks) is magic + version + crc.
  writeTombstones(dir, new MemTombstones());
  assert.equal(fs.statSync(file).size, 9);
  assert.equal(readTombstones(dir).reader.total(), 0);
  fs.rmSync(dir, { recursive: true });
});
