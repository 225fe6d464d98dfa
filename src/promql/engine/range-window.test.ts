import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { StaleNaN } from '../../model/value/index.js';
import { FPoints } from '../value/index.js';
import { SeriesSampleIterator } from './cursors.js';
import { RangeWindow, WindowCache } from './range-window.js';

/** A deterministic series with repeats, drops, NaNs and stale markers, one point per second. */
function series(n: number): FPoints {
  const p = new FPoints(n);
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const r = seed % 10;
    const v = r === 0 ? NaN : r === 1 ? StaleNaN : r < 4 ? 5 : seed % 97;
    p.push(i * 1000, v);
  }
  return p;
}

function naive(f: Float64Array, from: number, n: number): { changes: number; drops: number } {
  let changes = 0;
  let drops = 0;
  for (let i = from + 1; i < n; i++) {
    const a = f[i - 1] as number;
    const b = f[i] as number;
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) changes++;
    if (b < a) drops++;
  }
  return { changes, drops };
}

test('window counts of changes and drops match a walk over the window, as it slides and grows', () => {
  const pts = series(3000);
  const budget = { currentSamples: 0, checkSamples: (): void => {} };
  for (const range of [5_000, 60_000, 400_000]) {
    const w = new RangeWindow(false, true);
    w.reset(new SeriesSampleIterator({ metric: Labels.EMPTY, floats: pts, histograms: [], dropName: false }), budget);
    for (let ts = 0; ts < 3_000_000; ts += 7_000) {
      w.load(ts - range, ts, budget);
      const n = w.floats.length;
      for (const from of [0, 1, 3]) {
        if (from >= n) continue;
        const want = naive(w.floats.f, from, n);
        assert.equal(w.changesFrom(from), want.changes, `changes at ${ts} from ${from}`);
        assert.equal(w.dropsFrom(from), want.drops, `drops at ${ts} from ${from}`);
      }
    }
    w.release(budget);
  }
  assert.equal(budget.currentSamples, 0);
});

test('the window cache keeps windows up to its size and hands each back once', () => {
  const cache = new WindowCache(10);
  const budget = { currentSamples: 0, checkSamples: (): void => {} };
  const w = new RangeWindow(false);
  w.reset(new SeriesSampleIterator({ metric: Labels.EMPTY, floats: series(20), histograms: [], dropName: false }), budget);
  w.load(-1, 7_000, budget);
  const node = {};
  assert.equal(cache.keep(node, 0, w), true);
  assert.equal(cache.keep(node, 1, w), false); // 2 x 8 points > 10
  assert.equal(cache.take(node, 0), w);
  assert.equal(cache.take(node, 0), undefined);
  assert.equal(w.canMoveTo(0, 8_000), true);
  assert.equal(w.canMoveTo(-2, 8_000), false);
});
