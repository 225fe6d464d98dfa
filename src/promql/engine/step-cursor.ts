/**
 * Step-wise reading of evaluated matrices (engine.go gatherVector) and step-wise writing of
 * results back into series (rangeEval's output map). Both reuse their buffers across steps.
 */
import type { Labels } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { FPoints } from '../value/index.js';
import type { HPoint, Matrix, Sample, Series, Vector } from '../value/index.js';
import { EvalError } from './errors.js';
import { histogramSampleExtra } from './histogram-ops.js';

/** Per-series read positions into a matrix whose points are at step timestamps. */
export class StepCursor {
  readonly fpos: Int32Array;
  readonly hpos: Int32Array;
  /** Sample objects handed out by gather, by position in the gathered vector (reused every step). */
  private readonly slots: Sample[] = [];

  constructor(readonly mat: Matrix) {
    this.fpos = new Int32Array(mat.length);
    this.hpos = new Int32Array(mat.length);
  }

  /**
   * Fills out with the samples at ts. When seriesSigs is given, outSigs[k] receives the
   * signature ordinal of out[k]. Returns the number of samples gathered. The Sample objects
   * are reused at the next call.
   */
  gather(ts: number, out: Vector, seriesSigs: Int32Array | null, outSigs: Int32Array | null): number {
    let n = 0;
    const mat = this.mat;
    const slots = this.slots;
    const fpos = this.fpos;
    for (let i = 0; i < mat.length; i++) {
      const s = mat[i] as Series;
      const fp = fpos[i] as number;
      let f = 0;
      let h: Sample['h'] = null;
      if (fp < s.floats.length && s.floats.t[fp] === ts) {
        f = s.floats.f[fp] as number;
        fpos[i] = fp + 1;
      } else {
        const hp = this.hpos[i] as number;
        const hpt = s.histograms[hp];
        if (hpt === undefined || hpt.t !== ts) continue;
        h = hpt.h;
        this.hpos[i] = hp + 1;
      }
      let slot = slots[n];
      if (slot === undefined) {
        slot = { metric: s.metric, t: ts, f, h, dropName: s.dropName };
        slots.push(slot);
      } else {
        slot.metric = s.metric;
        slot.t = ts;
        slot.f = f;
        slot.h = h;
        slot.dropName = s.dropName;
      }
      if (outSigs !== null && seriesSigs !== null) outSigs[n] = seriesSigs[i] as number;
      out[n++] = slot;
    }
    // Setting an array's length is slow in V8: only when it changes.
    if (out.length !== n) out.length = n;
    return n;
  }

  /** The value of series i at ts, advancing past it (engine.go nextValues); false if none. */
  next(i: number, ts: number, into: { f: number; h: FloatHistogram | null }): boolean {
    const s = this.mat[i] as Series;
    const fp = this.fpos[i] as number;
    if (fp < s.floats.length && s.floats.t[fp] === ts) {
      into.f = s.floats.f[fp] as number;
      into.h = null;
      this.fpos[i] = fp + 1;
      return true;
    }
    const hp = this.hpos[i] as number;
    const hpt = s.histograms[hp];
    if (hpt !== undefined && hpt.t === ts) {
      into.h = hpt.h;
      into.f = 0;
      this.hpos[i] = hp + 1;
      return true;
    }
    return false;
  }
}

/** Vector.TotalSamples(). */
export function vectorTotalSamples(v: Vector): number {
  let n = v.length;
  for (const s of v) if (s.h !== null) n += histogramSampleExtra(s.h);
  return n;
}

interface Acc {
  metric: Labels;
  dropName: boolean;
  lastTs: number;
  count: number;
  histograms: HPoint[];
}

/**
 * Builds output series from per-step result vectors; detects duplicate label sets per step.
 * Float points are gathered in shared columns and copied into exactly sized buffers at the
 * end, so that many short series cost no per-series growth.
 */
export class SeriesCollector {
  private readonly byKey = new Map<string, number>();
  private readonly list: Acc[] = [];
  private idx = new Int32Array(256);
  private ts = new Float64Array(256);
  private fs = new Float64Array(256);
  private n = 0;

  add(s: Sample, ts: number): void {
    const key = s.metric.key();
    let i = this.byKey.get(key);
    let acc: Acc;
    if (i === undefined) {
      i = this.list.length;
      acc = { metric: s.metric, dropName: s.dropName, lastTs: ts, count: 0, histograms: [] };
      this.byKey.set(key, i);
      this.list.push(acc);
    } else {
      acc = this.list[i] as Acc;
      if (acc.lastTs === ts) throw new EvalError('vector cannot contain metrics with the same labelset');
      acc.lastTs = ts;
    }
    if (s.h !== null) {
      acc.histograms.push({ t: ts, h: s.h });
      return;
    }
    acc.count++;
    if (this.n === this.idx.length) this.grow();
    this.idx[this.n] = i;
    this.ts[this.n] = ts;
    this.fs[this.n] = s.f;
    this.n++;
  }

  private grow(): void {
    const cap = this.idx.length * 2;
    const idx = new Int32Array(cap);
    idx.set(this.idx);
    const ts = new Float64Array(cap);
    ts.set(this.ts);
    const fs = new Float64Array(cap);
    fs.set(this.fs);
    this.idx = idx;
    this.ts = ts;
    this.fs = fs;
  }

  addAll(v: Vector, ts: number): void {
    for (let i = 0; i < v.length; i++) this.add(v[i] as Sample, ts);
  }

  /** The collected series; their float points are views of one pair of columns. */
  matrix(): Matrix {
    const list = this.list;
    const offsets = new Int32Array(list.length + 1);
    for (let i = 0; i < list.length; i++) offsets[i + 1] = (offsets[i] as number) + (list[i] as Acc).count;
    const t = new Float64Array(this.n);
    const f = new Float64Array(this.n);
    const next = offsets.slice(0, list.length);
    for (let k = 0; k < this.n; k++) {
      const i = this.idx[k] as number;
      const at = next[i] as number;
      t[at] = this.ts[k] as number;
      f[at] = this.fs[k] as number;
      next[i] = at + 1;
    }
    const out: Matrix = new Array<Series>(list.length);
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as Acc;
      const floats = new FPoints(0);
      floats.t = t.subarray(offsets[i] as number, offsets[i + 1] as number);
      floats.f = f.subarray(offsets[i] as number, offsets[i + 1] as number);
      floats.length = a.count;
      out[i] = { metric: a.metric, floats, histograms: a.histograms, dropName: a.dropName };
    }
    return out;
  }

  get size(): number {
    return this.list.length;
  }
}

/** Appends a point to a series (engine.go addToSeries). */
export function addPoint(s: Series, ts: number, f: number, h: FloatHistogram | null, numSteps: number): void {
  if (h === null) {
    if (s.floats.t.length === 0) s.floats = new FPoints(Math.max(1, Math.min(numSteps, 64)));
    s.floats.push(ts, f);
  } else {
    s.histograms.push({ t: ts, h });
  }
}

/** True if two samples share a label set (Vector.ContainsSameLabelset). */
export function containsSameLabelset(metrics: readonly { metric: Labels }[]): boolean {
  if (metrics.length < 2) return false;
  const seen = new Set<string>();
  for (const m of metrics) {
    const k = m.metric.key();
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}
