import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactionRanges, defaultMaxBlockDuration, exponentialBlockRanges, rangeForTimestamp } from './ranges.js';
import { planCompaction, splitByRange, type DirMeta } from './plan.js';

function meta(dir: string, minTime: number, maxTime: number, stats?: { numSeries: number; numTombstones: number }): DirMeta {
  return { dir, meta: { ulid: dir, minTime, maxTime, compaction: { level: 1 }, version: 1, ...(stats ? { stats } : {}) } };
}

const RANGES = [20, 60, 180, 540, 1620];

// Cases from upstream TestLeveledCompactor_plan.
const cases: [string, DirMeta[], string[]][] = [
  ['outside range', [meta('1', 0, 20)], []],
  ['wait for a full parent range', [meta('1', 0, 20), meta('2', 20, 40)], []],
  ['the newest block is left out', [meta('1', 0, 20), meta('2', 20, 40), meta('3', 40, 60)], []],
  ['parent range filled', [meta('1', 0, 20), meta('2', 20, 40), meta('3', 40, 60), meta('4', 60, 80)], ['1', '2', '3']],
  ['gap, fresh block ignored', [meta('1', 0, 20), meta('2', 20, 40), meta('3', 60, 80)], []],
  ['gap, next range started', [meta('1', 0, 20), meta('2', 20, 40), meta('3', 60, 80), meta('4', 80, 100)], ['1', '2']],
  ['20,20,20,60,60', [meta('1', 0, 20), meta('2', 20, 40), meta('3', 40, 60), meta('4', 60, 120), meta('5', 120, 180)], ['1', '2', '3']],
  ['20+60+60', [meta('2', 20, 40), meta('4', 60, 120), meta('5', 960, 980), meta('6', 120, 180), meta('7', 720, 960)], ['2', '4', '6']],
  ['tombstones, no fresh block', [meta('1', 0, 540, { numSeries: 10, numTombstones: 3 })], []],
  ['tombstones, fresh block', [meta('1', 0, 540, { numSeries: 10, numTombstones: 3 }), meta('2', 540, 560)], ['1']],
  ['small block with tombstones', [meta('1', 0, 60, { numSeries: 10, numTombstones: 3 }), meta('2', 60, 80)], []],
  ['no tombstone loop', [meta('1', 0, 540, { numSeries: 0, numTombstones: 0 }), meta('2', 540, 560)], []],
  ['fresh by max time', [meta('5', 0, 360), meta('6', 540, 560), meta('7', 360, 420), meta('8', 420, 540)], ['7', '8']],
  ['overlapping 1', [meta('1', 0, 20), meta('2', 19, 40), meta('3', 40, 60)], ['1', '2']],
  ['overlapping 2', [meta('1', 0, 20), meta('2', 20, 40), meta('3', 30, 50)], ['2', '3']],
  ['overlapping 3', [meta('1', 0, 20), meta('2', 10, 40), meta('3', 30, 50)], ['1', '2', '3']],
];

for (const [name, metas, want] of cases) {
  test(`plan: ${name}`, () => {
    assert.deepEqual(planCompaction(RANGES, metas), want);
  });
}

test('splitByRange groups aligned blocks', () => {
  const groups = splitByRange([meta('a', 0, 10), meta('b', 10, 20), meta('c', 50, 60), meta('d', 90, 100)], 30);
  assert.deepEqual(groups.map((g) => g.map((d) => d.dir)), [['a', 'b'], ['c'], ['d']]);
  // Negative times are aligned downwards.
  assert.deepEqual(splitByRange([meta('n', -20, -10), meta('m', -10, 0)], 30).map((g) => g.map((d) => d.dir)), [['n', 'm']]);
});

test('block ranges as Prometheus derives them', () => {
  const h2 = 2 * 3600_000;
  assert.deepEqual(exponentialBlockRanges(h2, 3, 3), [h2, 3 * h2, 9 * h2]);
  // 15d retention: max block 1.5d -> 2h, 6h, 18h.
  const max = defaultMaxBlockDuration(15 * 86400_000);
  assert.equal(max, 1.5 * 86400_000);
  assert.deepEqual(compactionRanges(h2, max), [h2, 3 * h2, 9 * h2]);
  // Long retention caps at 31d; no retention too.
  assert.equal(defaultMaxBlockDuration(3650 * 86400_000), 31 * 86400_000);
  assert.equal(defaultMaxBlockDuration(0), 31 * 86400_000);
  assert.equal(compactionRanges(h2, 31 * 86400_000).length, 6); // 2h..486h (1458h > 31d)
  assert.equal(rangeForTimestamp(7_200_001, h2), 2 * h2);
  assert.equal(rangeForTimestamp(0, h2), h2);
});
