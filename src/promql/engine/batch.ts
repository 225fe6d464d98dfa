/**
 * Range queries in batches of steps, so that a long query neither blocks the event loop nor
 * misses an abort: each batch evaluates the whole (already preprocessed) expression over a
 * sub-range of the steps and merges its series into the result; between batches the engine
 * yields to the event loop (setImmediate) once it has held it for ~20 ms, and checks the signal
 * and the deadline. Batches are sized adaptively to about TARGET_BATCH_MS of work each.
 *
 * What stays shared across batches lives in QueryState: the series selected and expanded once
 * per query, the annotations, the per-call node helpers (so merged annotations span the whole
 * query) and the range windows of selector arguments (WindowCache: a long window is read from
 * storage once, then moved on batch after batch). Step-invariant parts and subqueries are
 * evaluated again per batch. The samples the merged result holds count towards the next
 * batch's sample limit, so the limit stays on what the query holds at once.
 */
import type { Expr } from '../parser/index.js';
import { FPoints } from '../value/index.js';
import type { Matrix, Series } from '../value/index.js';
import { EvalError } from './errors.js';
import { Evaluator } from './evaluator.js';
import type { QueryState } from './evaluator.js';
import { matrixTotalSamples } from './node-helper.js';
import { setOffsetForAtModifier } from './preprocess.js';

/** Work (CPU time) per batch the sizing aims at (ms). */
const TARGET_BATCH_MS = 20;
/** Wall-clock time the engine may hold the event loop before it yields between batches (ms). */
const YIELD_AFTER_MS = TARGET_BATCH_MS;
/** Steps in the first batch. */
const FIRST_BATCH_STEPS = 4;
/** Most a batch may grow over the previous one. */
const MAX_GROWTH = 8;

export interface BatchSizing {
  /** Steps for the next batch (at least 2, so that a batch is never evaluated as an instant). */
  readonly next: number;
  /** Records how long a batch of `steps` steps took (ms). */
  record(steps: number, ms: number): void;
}

/** Batches of a fixed number of steps (tests; Infinity evaluates a query in one batch). */
export class FixedBatchSizer implements BatchSizing {
  readonly next: number;

  constructor(steps: number) {
    this.next = Math.max(2, steps);
  }

  record(): void {
    // Fixed size.
  }
}

/** Batches the adaptive sizing fits its time model to. */
const FIT_WINDOW = 8;

/**
 * Adaptive batch size. The time of a batch is modelled as overhead + perStep * steps (the
 * overhead is what each batch repeats: subqueries' look-back ranges, step-invariant parts,
 * seeks), fitted by least squares over the last few batches when their sizes differ enough.
 * Batches aim at TARGET_BATCH_MS, or at twice the overhead when that is larger, so that the
 * overhead never costs more than the work; when the time does not grow with the steps at all,
 * batches grow.
 */
export class BatchSizer implements BatchSizing {
  private readonly steps: number[] = [];
  private readonly ms: number[] = [];
  private first = true;

  constructor(
    private size = FIRST_BATCH_STEPS,
    private readonly targetMs = TARGET_BATCH_MS,
  ) {}

  get next(): number {
    return this.size;
  }

  record(steps: number, ms: number): void {
    if (this.first) {
      // The first batch also pays one-time costs (series expansion, first window loads, JIT
      // warm-up): no model data, and no reason to shrink.
      this.first = false;
      const n = ms > 0 ? (steps * this.targetMs) / ms : Infinity;
      this.size = Math.floor(Math.min(Math.max(n, steps), steps * MAX_GROWTH));
      return;
    }
    this.steps.push(steps);
    this.ms.push(ms);
    if (this.steps.length > FIT_WINDOW) {
      this.steps.shift();
      this.ms.shift();
    }
    const fit = this.fit();
    let n: number;
    if (fit === null) n = ms > 0 ? (steps * this.targetMs) / ms : Infinity;
    else if (fit.perStep <= 0) n = steps * 2;
    else {
      const overhead = Math.max(0, fit.overhead);
      n = (Math.max(this.targetMs, 2 * overhead) - overhead) / fit.perStep;
    }
    n = Math.min(n, steps * MAX_GROWTH);
    n = Math.max(n, steps / 2, 2);
    this.size = Math.floor(n);
  }

  /** Least-squares overhead and per-step time, or null when the batch sizes are too alike. */
  private fit(): { overhead: number; perStep: number } | null {
    const xs = this.steps;
    const ys = this.ms;
    const k = xs.length;
    if (k < 2 || Math.max(...xs) < 1.5 * Math.min(...xs)) return null;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < k; i++) {
      sx += xs[i] as number;
      sy += ys[i] as number;
    }
    const mx = sx / k;
    const my = sy / k;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < k; i++) {
      const dx = (xs[i] as number) - mx;
      sxy += dx * ((ys[i] as number) - my);
      sxx += dx * dx;
    }
    const perStep = sxy / sxx;
    return { perStep, overhead: my - perStep * mx };
  }
}

/** A merged series: its first batch's series, and the float points of the later batches. */
interface MergedSeries {
  first: Series;
  more: FPoints[];
}

/**
 * Merges the series of consecutive batches by label set, points in step order. Float points
 * are concatenated once, at the end, into arrays of their final size.
 */
export class MatrixMerger {
  private readonly byKey = new Map<string, MergedSeries>();
  private readonly order: MergedSeries[] = [];
  /** Samples held by the merged result (upstream's accounting: histograms by size). */
  totalSamples = 0;

  add(mat: Matrix): void {
    this.totalSamples += matrixTotalSamples(mat);
    // Label sets repeated within a batch (possible until delayed name removal cleans up) stay
    // apart: the k-th series of a label set continues the k-th one of earlier batches.
    const seen = new Map<string, number>();
    for (const s of mat) {
      let key = s.metric.key();
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      if (k > 0) key = `${key}\x00${k}`;
      const acc = this.byKey.get(key);
      if (acc === undefined) {
        const m: MergedSeries = { first: s, more: [] };
        this.byKey.set(key, m);
        this.order.push(m);
        continue;
      }
      if (s.floats.length > 0) acc.more.push(s.floats);
      for (const hp of s.histograms) acc.first.histograms.push(hp);
    }
  }

  matrix(): Matrix {
    return this.order.map(({ first, more }) => {
      if (more.length === 0) return first;
      let n = first.floats.length;
      for (const p of more) n += p.length;
      const out = new FPoints(n);
      for (const p of [first.floats, ...more]) {
        out.t.set(p.t.subarray(0, p.length), out.length);
        out.f.set(p.f.subarray(0, p.length), out.length);
        out.length += p.length;
      }
      first.floats = out;
      return first;
    });
  }
}

/**
 * CPU time (ms) of this process since `since`. Batches are sized by the work they do, not by
 * wall-clock time, which on a busy machine also counts the time other processes ran.
 */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/**
 * Evaluates a range query's expression over [start, end] every interval, in batches.
 * `expr` has been preprocessed for the whole range (@ start()/end() resolved); offsets for
 * @ are set relative to each batch's start before it runs.
 */
export async function evalRangeInBatches(
  q: QueryState,
  expr: Expr,
  start: number,
  end: number,
  interval: number,
  sizer: BatchSizing,
): Promise<Matrix> {
  const totalSteps = Math.trunc((end - start) / interval) + 1;
  const merger = new MatrixMerger();
  let done = 0;
  let lastYield = performance.now();
  while (done < totalSteps) {
    let steps = Math.min(sizer.next, totalSteps - done);
    // Never leave a single step for a last batch: one step evaluates like an instant query.
    if (totalSteps - done - steps === 1) steps++;
    const bs = start + done * interval;
    const be = bs + (steps - 1) * interval;
    const cpu0 = process.cpuUsage();
    setOffsetForAtModifier(bs, expr);
    const ev = new Evaluator(q, bs, be, interval, merger.totalSamples);
    ev.continuedByNextBatch = done + steps < totalSteps;
    const val = ev.eval(expr);
    if (!Array.isArray(val)) throw new EvalError('unexpected string value in a range query');
    merger.add(val);
    sizer.record(steps, cpuMs(cpu0));
    done += steps;
    if (done < totalSteps) {
      // Yield once the event loop has waited long enough (a fast query does not yield at all).
      if (performance.now() - lastYield >= YIELD_AFTER_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      ev.checkCtx();
    }
  }
  return merger.matrix();
}
