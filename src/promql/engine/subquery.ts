/**
 * Subqueries (engine.go subqueryTimeRange, runSubquery, evalSubquery): the inner expression
 * is evaluated by a child evaluator on its own step grid, aligned to multiples of the step
 * in absolute time, and its result is read back like a range-vector selector.
 */
import { CounterResetHint } from '../../model/value/index.js';
import type { MatrixSelector, SubqueryExpr, VectorSelector } from '../parser/index.js';
import type { Matrix } from '../value/index.js';
import { seriesAsSelSeries } from './cursors.js';
import { EvalError } from './errors.js';
import type { EvalValue, Evaluator } from './evaluator.js';
import { matrixTotalSamples } from './node-helper.js';
import { setOffsetForAtModifier } from './preprocess.js';

/** Start, end and step (ms) of the child evaluation of subquery e. */
export function subqueryTimeRange(ev: Evaluator, e: SubqueryExpr): { start: number; end: number; interval: number } {
  const offset = e.offset;
  const range = e.range;
  let parentEnd = ev.endTimestamp;
  if (ev.interval > 0) {
    parentEnd = ev.startTimestamp + Math.trunc((ev.endTimestamp - ev.startTimestamp) / ev.interval) * ev.interval;
  }
  const end = parentEnd - offset;
  const interval = e.step !== 0 ? e.step : ev.q.noStepSubqueryIntervalFn(range);
  if (!(interval > 0)) throw new EvalError(`invalid subquery step ${interval}`);
  const lower = ev.startTimestamp - offset - range;
  let start = interval * Math.trunc(lower / interval);
  if (start <= lower) start += interval;
  return { start, end, interval };
}

function runSubquery(ev: Evaluator, e: SubqueryExpr): EvalValue {
  const { start, end, interval } = subqueryTimeRange(ev, e);
  const child = ev.child(start, end, interval);
  if (start !== ev.startTimestamp) setOffsetForAtModifier(start, e.expr);
  const res = child.eval(e.expr);
  ev.currentSamples = child.currentSamples;
  return res;
}

/** A subquery evaluated on its own (not as a function argument): its result matrix. */
export function evalSubqueryExpr(ev: Evaluator, e: SubqueryExpr): EvalValue {
  return runSubquery(ev, e);
}

/**
 * A subquery as a function argument: evaluates it and returns an equivalent matrix
 * selector whose series are the subquery's result series. totalSamples is what the
 * result holds, released by the caller when the call is done.
 */
export function evalSubqueryAsMatrixSelector(ev: Evaluator, subq: SubqueryExpr): { sel: MatrixSelector; totalSamples: number } {
  const val = runSubquery(ev, subq);
  if (!Array.isArray(val)) throw new EvalError('subquery did not evaluate to a matrix');
  const mat: Matrix = val;
  const vs: VectorSelector = {
    kind: 'VectorSelector',
    name: '',
    originalOffset: subq.originalOffset,
    originalOffsetExpr: null,
    offset: subq.offset,
    timestamp: subq.timestamp,
    startOrEnd: null,
    labelMatchers: [],
    bypassEmptyMatcherCheck: false,
    anchored: false,
    smoothed: false,
    skipHistogramBuckets: false,
    posRange: { start: 0, end: 0 },
  };
  if (subq.timestamp !== null) vs.offset = subq.originalOffset + (ev.startTimestamp - subq.timestamp);
  const sel: MatrixSelector = { kind: 'MatrixSelector', vectorSelector: vs, range: subq.range, rangeExpr: null, endPos: subq.endPos };
  for (const s of mat) {
    for (const hp of s.histograms) {
      const hint = hp.h.counterResetHint;
      if (hint === CounterResetHint.NotCounterReset || hint === CounterResetHint.CounterReset) {
        const h = hp.h.copy();
        h.counterResetHint = CounterResetHint.Unknown;
        hp.h = h;
      }
    }
  }
  ev.q.expanded.set(vs, mat.map(seriesAsSelSeries));
  return { sel, totalSamples: matrixTotalSamples(mat) };
}
