/**
 * Function calls (engine.go eval Call case): instant-vector functions step by step, the
 * functions the engine evaluates itself (label_replace, label_join, info, timestamp over a
 * selector) and the per-call annotations; range-vector functions are in call-range.ts.
 */
import type { Call, Expr, MatrixSelector } from '../parser/index.js';
import { positionRange } from '../parser/index.js';
import { FUNCTION_CALLS, sortInRangeQueryWarning } from '../functions/index.js';
import type { FunctionCall } from '../functions/index.js';
import type { Matrix } from '../value/index.js';
import { evalRangeFunction } from './call-range.js';
import { evalLabelFunction, evalTimestampOverSelector } from './call-special.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { evalInfo } from './info.js';
import { evalSubqueryAsMatrixSelector } from './subquery.js';

const SORT_FUNCS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);

export function evalCall(ev: Evaluator, e: Call): Matrix {
  const name = e.func.name;
  if ((name === 'timestamp' || name === 'start_timestamp') && e.args[0]?.kind === 'VectorSelector') {
    return evalTimestampOverSelector(ev, e.args[0], lookupFunction(name), e);
  }
  let args = e.args;
  let matrixArgIndex = -1;
  let subquery: MatrixSelector | null = null;
  let subquerySamples = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Expr;
    if (a.kind === 'MatrixSelector') {
      matrixArgIndex = i;
      break;
    }
    if (a.kind === 'SubqueryExpr') {
      matrixArgIndex = i;
      args = [...args];
      const sq = evalSubqueryAsMatrixSelector(ev, a);
      args[i] = subquery = sq.sel;
      subquerySamples = sq.totalSamples;
      break;
    }
  }
  try {
    return evalCallArgs(ev, e, args, matrixArgIndex);
  } finally {
    ev.currentSamples -= subquerySamples;
    // The subquery's series are released with it (a query evaluates a call once per batch).
    if (subquery !== null) ev.q.expanded.delete(subquery.vectorSelector);
  }
}

function evalCallArgs(ev: Evaluator, e: Call, args: Expr[], matrixArgIndex: number): Matrix {
  const name = e.func.name;
  switch (name) {
    case 'label_replace':
    case 'label_join':
      return evalLabelFunction(ev, name, args);
    case 'info':
      return evalInfo(ev, args);
  }
  const call = lookupFunction(name);
  if (SORT_FUNCS.has(name) && ev.startTimestamp !== ev.endTimestamp) {
    ev.annos.warn(sortInRangeQueryWarning(), positionRange(e));
  }
  if (matrixArgIndex < 0) {
    const argv = args;
    return ev.rangeEval(argv, null, (v, _s, enh) => call(v, [], argv, enh, ev.annos), ev.nodeHelper(e));
  }
  return evalRangeFunction(ev, e, args, matrixArgIndex, call);
}

function lookupFunction(name: string): FunctionCall {
  const call = FUNCTION_CALLS.get(name);
  if (call === undefined) throw new EvalError(`unexpected nil implementation for function "${name}"`);
  return call;
}
