/**
 * Series fixtures shared by the block tests (and usable by other TSDB tests): synthetic series,
 * cutting samples into XOR chunks, draining a series set into plain arrays.
 */
import { Labels } from '../../model/labels/index.js';
import { ValueType, type SeriesSet } from '../../storage/index.js';
import { XORChunk } from '../chunkenc/index.js';
import type { ChunkMeta } from '../chunks/index.js';

export interface FixtureSeries {
  labels: Labels;
  ts: number[];
  vs: number[];
}

/** Cuts samples into XOR chunks of up to per samples. */
export function toChunks(ts: readonly number[], vs: readonly number[], per = 120): ChunkMeta[] {
  const out: ChunkMeta[] = [];
  for (let i = 0; i < ts.length; i += per) {
    const c = new XORChunk();
    const app = c.appender();
    const end = Math.min(ts.length, i + per);
    for (let j = i; j < end; j++) app.append(ts[j] as number, vs[j] as number);
    out.push({ ref: 0, minTime: ts[i] as number, maxTime: ts[end - 1] as number, chunk: c });
  }
  return out;
}

/** n series of three label names with samples every step ms (every 10th value NaN). */
export function makeFixtureSeries(n: number, samples: number, start = 0, step = 15000): FixtureSeries[] {
  const out: FixtureSeries[] = [];
  for (let i = 0; i < n; i++) {
    const labels = Labels.fromObject({ __name__: `metric_${i % 3}`, instance: `host-${i}`, job: i % 2 === 0 ? 'even' : 'odd' });
    const ts: number[] = [];
    const vs: number[] = [];
    for (let k = 0; k < samples; k++) {
      ts.push(start + k * step + (i % 7));
      vs.push(k % 10 === 0 ? NaN : i * 1000 + k * 0.5);
    }
    out.push({ labels, ts, vs });
  }
  return out;
}

/** Drains a series set: labels string -> float samples. Throws the set's or an iterator's error. */
export function drainSeriesSet(ss: SeriesSet): Map<string, { ts: number[]; vs: number[] }> {
  const m = new Map<string, { ts: number[]; vs: number[] }>();
  while (ss.next()) {
    const s = ss.at();
    const it = s.iterator();
    const ts: number[] = [];
    const vs: number[] = [];
    while (it.next() !== ValueType.None) {
      ts.push(it.atT());
      vs.push(it.atF());
    }
    const e = it.err();
    if (e) throw e;
    m.set(s.labels.toString(), { ts, vs });
  }
  const e = ss.err();
  if (e) throw e;
  return m;
}
