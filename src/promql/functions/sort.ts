/**
 * sort, sort_desc (by value, NaN last) and sort_by_label, sort_by_label_desc (natural order of
 * the given labels, then the full label set). Histogram samples are dropped by sort/sort_desc.
 * The engine warns that sorting is ineffective in range queries (sortInRangeQueryWarning).
 */
import { compareLabels } from '../../model/labels/index.js';
import type { Expr } from '../parser/index.js';
import type { Sample, Vector } from '../value/index.js';
import { naturalLess } from './natsort.js';
import { stringArg } from './string-arg.js';
import type { EvalNodeHelper, FunctionCall, FunctionTable } from './function-call.js';

function floatsInto(enh: EvalNodeHelper, vec: Vector | undefined): Vector {
  for (const s of vec ?? []) if (s.h === null) enh.out.push(s);
  return enh.out;
}

function byValue(desc: boolean): (a: Sample, b: Sample) => number {
  return (a, b) => {
    const an = Number.isNaN(a.f);
    const bn = Number.isNaN(b.f);
    if (an || bn) return an === bn ? 0 : an ? 1 : -1;
    if (a.f === b.f) return 0;
    return (a.f < b.f) !== desc ? -1 : 1;
  };
}

const funcSort: FunctionCall = (vectorVals, _m, _a, enh) => floatsInto(enh, vectorVals[0]).sort(byValue(false));
const funcSortDesc: FunctionCall = (vectorVals, _m, _a, enh) => floatsInto(enh, vectorVals[0]).sort(byValue(true));

function labelNames(args: Expr[]): string[] {
  return args.slice(1).map(stringArg);
}

function byLabels(names: string[], desc: boolean): (a: Sample, b: Sample) => number {
  const sign = desc ? -1 : 1;
  return (a, b) => {
    for (const name of names) {
      const x = a.metric.get(name);
      const y = b.metric.get(name);
      if (x === y) continue;
      return naturalLess(x, y) ? -sign : sign;
    }
    return sign * compareLabels(a.metric, b.metric);
  };
}

function sortByLabel(vectorVals: Vector[], args: Expr[], enh: EvalNodeHelper, desc: boolean): Vector {
  for (const s of vectorVals[0] ?? []) enh.out.push(s);
  return enh.out.sort(byLabels(labelNames(args), desc));
}

export const SORT_FUNCTIONS: FunctionTable = {
  sort: funcSort,
  sort_desc: funcSortDesc,
  sort_by_label: (vectorVals, _m, args, enh) => sortByLabel(vectorVals, args, enh, false),
  sort_by_label_desc: (vectorVals, _m, args, enh) => sortByLabel(vectorVals, args, enh, true),
};
