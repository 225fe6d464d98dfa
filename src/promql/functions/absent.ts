/**
 * absent() and absent_over_time(). The engine only calls absent_over_time for series that have
 * samples in the window and builds the absent series itself (as upstream), using absentLabels().
 */
import { Labels, MatchType, MetricName, type Matcher } from '../../model/labels/index.js';
import type { Expr } from '../parser/index.js';
import type { FunctionCall, FunctionTable } from './function-call.js';

/**
 * The labels of absent()'s output (createLabelsForAbsentFunction): the names matched by
 * exactly one equality matcher of a vector or matrix selector argument, except __name__.
 */
export function absentLabels(expr: Expr | undefined): Labels {
  let e = expr;
  while (e !== undefined && e.kind === 'ParenExpr') e = e.expr;
  let lm: Matcher[];
  if (e?.kind === 'VectorSelector') lm = e.labelMatchers;
  else if (e?.kind === 'MatrixSelector') lm = e.vectorSelector.labelMatchers;
  else return Labels.EMPTY;

  const out = new Map<string, string>();
  const has = new Set<string>();
  for (const m of lm) {
    if (m.name === MetricName) continue;
    if (m.type === MatchType.Equal && !has.has(m.name)) {
      if (m.value === '') out.delete(m.name);
      else out.set(m.name, m.value);
      has.add(m.name);
    } else {
      out.delete(m.name);
    }
  }
  const pairs: string[] = [];
  for (const [n, v] of out) pairs.push(n, v);
  return Labels.fromPairs(pairs);
}

const funcAbsent: FunctionCall = (vectorVals, _m, args, enh) => {
  if ((vectorVals[0]?.length ?? 0) > 0) return enh.out;
  enh.out.push({ metric: absentLabels(args[0]), t: enh.ts, f: 1, h: null, dropName: false });
  return enh.out;
};

/** Called only for series with samples in the window: yields 1 (the engine inverts it). */
const funcAbsentOverTime: FunctionCall = (_v, _m, _a, enh) => {
  enh.out.push({ metric: Labels.EMPTY, t: enh.ts, f: 1, h: null, dropName: false });
  return enh.out;
};

export const ABSENT_FUNCTIONS: FunctionTable = {
  absent: funcAbsent,
  absent_over_time: funcAbsentOverTime,
};
