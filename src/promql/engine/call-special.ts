/**
 * Functions the engine evaluates on series rather than samples (functions.go
 * evalLabelReplace, evalLabelJoin; engine.go rangeEvalTimestampFunctionOverVectorSelector;
 * createLabelsForAbsentFunction).
 */
import { compileGoRegex, expandTemplate, Labels, MatchType, MetricName } from '../../model/labels/index.js';
import type { GoRegex } from '../../model/labels/index.js';
import type { Call, Expr, StringLiteral, VectorSelector } from '../parser/index.js';
import type { FunctionCall } from '../functions/index.js';
import type { Matrix, Vector } from '../value/index.js';
import { LookbackCursor } from './cursors.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { isValidLabelName } from './format.js';
import { mergeSeriesWithSameLabelset } from './name-removal.js';

function stringArg(e: Expr | undefined): string {
  if (e === undefined || e.kind !== 'StringLiteral') throw new EvalError('expected a string literal argument');
  return (e as StringLiteral).val;
}

export function evalLabelReplace(ev: Evaluator, args: Expr[]): Matrix {
  const dst = stringArg(args[1]);
  const repl = stringArg(args[2]);
  const src = stringArg(args[3]);
  const regexStr = stringArg(args[4]);
  let re: GoRegex;
  try {
    re = compileGoRegex(regexStr, true);
  } catch {
    throw new EvalError(`invalid regular expression in label_replace(): ${regexStr}`);
  }
  if (!isValidLabelName(dst)) throw new EvalError(`invalid destination label name in label_replace(): ${dst}`);
  const mat = ev.evalMatrix(args[0] as Expr);
  for (const s of mat) {
    const m = re.regexp.exec(s.metric.get(src));
    if (m === null) continue;
    s.metric = s.metric.with(dst, expandTemplate(repl, m, re.groupNames));
    if (dst === MetricName) s.dropName = false;
  }
  return mergeSeriesWithSameLabelset(mat);
}

export function evalLabelJoin(ev: Evaluator, args: Expr[]): Matrix {
  const dst = stringArg(args[1]);
  const sep = stringArg(args[2]);
  const srcs: string[] = [];
  for (let i = 3; i < args.length; i++) {
    const src = stringArg(args[i]);
    if (!isValidLabelName(src)) throw new EvalError(`invalid source label name in label_join(): ${src}`);
    srcs.push(src);
  }
  if (!isValidLabelName(dst)) throw new EvalError(`invalid destination label name in label_join(): ${dst}`);
  const mat = ev.evalMatrix(args[0] as Expr);
  for (const s of mat) {
    const v = srcs.map((n) => s.metric.get(n)).join(sep);
    s.metric = s.metric.with(dst, v);
    if (dst === MetricName) s.dropName = false;
  }
  return mergeSeriesWithSameLabelset(mat);
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

/** The labels absent()/absent_over_time() give their result: the equality matchers' labels. */
export function absentLabels(expr: Expr): Labels {
  let matchers;
  if (expr.kind === 'VectorSelector') matchers = expr.labelMatchers;
  else if (expr.kind === 'MatrixSelector') matchers = expr.vectorSelector.labelMatchers;
  else return Labels.EMPTY;
  const has = new Set<string>();
  let ls = Labels.EMPTY;
  for (const m of matchers) {
    if (m.name === MetricName) continue;
    if (m.type === MatchType.Equal && !has.has(m.name)) {
      ls = ls.with(m.name, m.value);
      has.add(m.name);
    } else {
      ls = ls.without(m.name);
    }
  }
  return ls;
}
