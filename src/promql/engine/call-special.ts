/**
 * Functions the engine evaluates on series rather than samples (engine.go evalLabelReplace,
 * evalLabelJoin, rangeEvalTimestampFunctionOverVectorSelector).
 */
import type { Labels } from '../../model/labels/index.js';
import type { Call, Expr, VectorSelector } from '../parser/index.js';
import { applyLabelRewriter, compileLabelJoin, compileLabelReplace } from '../functions/index.js';
import type { FunctionCall } from '../functions/index.js';
import type { Matrix, Vector } from '../value/index.js';
import { LookbackCursor } from './cursors.js';
import type { Evaluator } from './evaluator.js';
import { mergeSeriesWithSameLabelset } from './name-removal.js';

/**
 * label_replace()/label_join(): the arguments are checked first, then the vector argument is
 * evaluated as a matrix whose series get their labels rewritten and are merged where they
 * end up equal (engine.go evalLabelReplace, evalLabelJoin).
 */
export function evalLabelFunction(ev: Evaluator, name: 'label_replace' | 'label_join', args: Expr[]): Matrix {
  const rw = name === 'label_replace' ? compileLabelReplace(args) : compileLabelJoin(args);
  return mergeSeriesWithSameLabelset(applyLabelRewriter(ev.evalMatrix(args[0] as Expr), rw));
}

/**
 * timestamp()/start_timestamp() of a plain selector: the timestamps of the selected
 * samples themselves (a matrix evaluation would report step times).
 */
export function evalTimestampOverSelector(ev: Evaluator, vs: VectorSelector, call: FunctionCall, e: Call): Matrix {
  const series = ev.expandSeries(vs);
  const propagateSTs = e.func.name === 'start_timestamp' && ev.q.useStartTimestamps;
  const cursors = series.map((s) => {
    const c = new LookbackCursor(ev.lookbackDelta - 1, ev.lookbackDelta, propagateSTs);
    c.reset(s.iterator());
    return c;
  });
  return ev.rangeEval([], null, (_v, _s, enh) => {
    const offset = vs.timestamp !== null ? enh.ts - vs.timestamp : vs.offset;
    const vec: Vector = [];
    const sts: number[] = [];
    for (let i = 0; i < series.length; i++) {
      const c = cursors[i] as LookbackCursor;
      if (!c.select(enh.ts, offset)) continue;
      vec.push({ metric: (series[i] as { labels: Labels }).labels, t: c.sel.t, f: 0, h: null, dropName: false });
      if (propagateSTs) sts.push(c.sel.st);
      ev.currentSamples++;
      ev.checkSamples();
    }
    if (propagateSTs) enh.startTimestamps = { floats: sts, histograms: [] };
    else if (enh.startTimestamps !== null) enh.startTimestamps.floats.length = 0;
    return call([vec], [], e.args, enh, ev.annos);
  });
}
