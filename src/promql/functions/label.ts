/**
 * label_replace() and label_join(). As upstream, the engine evaluates these on whole series
 * (the vector argument evaluated as a matrix, each series' labels rewritten with
 * applyLabelRewriter(), then series that end up with the same labels merged), so they have no
 * FunctionCall. Arguments are validated before anything is evaluated:
 * compileLabelReplace/compileLabelJoin throw FunctionEvalError with upstream's texts.
 */
import {
  compileGoRegex,
  expandTemplate,
  isValidLabelName,
  MetricName,
  type GoRegex,
  type Labels,
} from '../../model/labels/index.js';
import type { Expr } from '../parser/index.js';
import type { Matrix } from '../value/index.js';
import { FunctionEvalError } from './errors.js';
import { stringArg } from './string-arg.js';

/** Rewrites a series' labels; null means "unchanged". */
export interface LabelRewriter {
  /** The destination label (the series keeps its dropName unless dst is __name__). */
  readonly dst: string;
  rewrite(metric: Labels): Labels | null;
}

/** label_replace(v, dst, replacement, src, regex): validated and compiled. */
export function compileLabelReplace(args: Expr[]): LabelRewriter {
  const dst = stringArg(args[1]);
  const repl = stringArg(args[2]);
  const src = stringArg(args[3]);
  const regexStr = stringArg(args[4]);
  let re: GoRegex;
  try {
    re = compileGoRegex(regexStr, true);
  } catch {
    throw new FunctionEvalError(`invalid regular expression in label_replace(): ${regexStr}`);
  }
  if (!isValidLabelName(dst)) throw new FunctionEvalError(`invalid destination label name in label_replace(): ${dst}`);
  return {
    dst,
    rewrite(metric: Labels): Labels | null {
      const m = re.regexp.exec(metric.get(src));
      if (m === null) return null;
      return metric.with(dst, expandTemplate(repl, m, re.groupNames));
    },
  };
}

/** label_join(v, dst, separator, src...): validated. */
export function compileLabelJoin(args: Expr[]): LabelRewriter {
  const dst = stringArg(args[1]);
  const sep = stringArg(args[2]);
  const srcLabels: string[] = [];
  for (let i = 3; i < args.length; i++) {
    const src = stringArg(args[i]);
    if (!isValidLabelName(src)) throw new FunctionEvalError(`invalid source label name in label_join(): ${src}`);
    srcLabels.push(src);
  }
  if (!isValidLabelName(dst)) throw new FunctionEvalError(`invalid destination label name in label_join(): ${dst}`);
  return {
    dst,
    rewrite: (metric: Labels): Labels => metric.with(dst, srcLabels.map((s) => metric.get(s)).join(sep)),
  };
}

/**
 * Rewrites the labels of every series of a matrix in place (upstream evalLabelReplace /
 * evalLabelJoin); the engine then merges series with identical labels.
 */
export function applyLabelRewriter(matrix: Matrix, rw: LabelRewriter): Matrix {
  for (const s of matrix) {
    const metric = rw.rewrite(s.metric);
    if (metric === null) continue;
    s.metric = metric;
    if (rw.dst === MetricName) s.dropName = false;
  }
  return matrix;
}
