/**
 * Every PromQL function with its argument types, variadic count, return type and whether it
 * is experimental (upstream promql/parser/functions.go).
 */
import { ValueType, type FunctionDef } from './ast.js';

const V = ValueType.Vector;
const S = ValueType.Scalar;
const M = ValueType.Matrix;
const Str = ValueType.String;

type Row = [name: string, argTypes: ValueType[], variadic: number, returnType: ValueType, experimental?: boolean];

const ROWS: Row[] = [
  ['abs', [V], 0, V],
  ['absent', [V], 0, V],
  ['absent_over_time', [M], 0, V],
  ['acos', [V], 0, V],
  ['acosh', [V], 0, V],
  ['asin', [V], 0, V],
  ['asinh', [V], 0, V],
  ['atan', [V], 0, V],
  ['atanh', [V], 0, V],
  ['avg_over_time', [M], 0, V],
  ['ceil', [V], 0, V],
  ['changes', [M], 0, V],
  ['clamp', [V, S, S], 0, V],
  ['clamp_max', [V, S], 0, V],
  ['clamp_min', [V, S], 0, V],
  ['cos', [V], 0, V],
  ['cosh', [V], 0, V],
  ['count_over_time', [M], 0, V],
  ['days_in_month', [V], 1, V],
  ['day_of_month', [V], 1, V],
  ['day_of_week', [V], 1, V],
  ['day_of_year', [V], 1, V],
  ['deg', [V], 0, V],
  ['end', [], 0, S, true],
  ['delta', [M], 0, V],
  ['deriv', [M], 0, V],
  ['exp', [V], 0, V],
  ['first_over_time', [M], 0, V],
  ['floor', [V], 0, V],
  ['histogram_avg', [V], 0, V],
  ['histogram_count', [V], 0, V],
  ['histogram_sum', [V], 0, V],
  ['histogram_stddev', [V], 0, V],
  ['histogram_stdvar', [V], 0, V],
  ['histogram_fraction', [S, S, V], 0, V],
  ['histogram_quantile', [S, V], 0, V],
  ['histogram_quantiles', [V, Str, S, S], 9, V, true],
  ['double_exponential_smoothing', [M, S, S], 0, V, true],
  ['hour', [V], 1, V],
  ['idelta', [M], 0, V],
  ['increase', [M], 0, V],
  ['info', [V, V], 1, V, true],
  ['irate', [M], 0, V],
  ['label_replace', [V, Str, Str, Str, Str], 0, V],
  ['label_join', [V, Str, Str, Str], -1, V],
  ['max_of', [S, S], 0, S, true],
  ['last_over_time', [M], 0, V],
  ['min_of', [S, S], 0, S, true],
  ['ln', [V], 0, V],
  ['log10', [V], 0, V],
  ['log2', [V], 0, V],
  ['mad_over_time', [M], 0, V, true],
  ['max_over_time', [M], 0, V],
  ['min_over_time', [M], 0, V],
  ['ts_of_first_over_time', [M], 0, V, true],
  ['ts_of_max_over_time', [M], 0, V, true],
  ['ts_of_min_over_time', [M], 0, V, true],
  ['ts_of_last_over_time', [M], 0, V, true],
  ['minute', [V], 1, V],
  ['month', [V], 1, V],
  ['pi', [], 0, S],
  ['predict_linear', [M, S], 0, V],
  ['present_over_time', [M], 0, V],
  ['quantile_over_time', [S, M], 0, V],
  ['rad', [V], 0, V],
  ['range', [], 0, S, true],
  ['rate', [M], 0, V],
  ['resets', [M], 0, V],
  ['round', [V, S], 1, V],
  ['scalar', [V], 0, S],
  ['sgn', [V], 0, V],
  ['sin', [V], 0, V],
  ['sinh', [V], 0, V],
  ['sort', [V], 0, V],
  ['sort_desc', [V], 0, V],
  ['sort_by_label', [V, Str], -1, V, true],
  ['sort_by_label_desc', [V, Str], -1, V, true],
  ['sqrt', [V], 0, V],
  ['start', [], 0, S, true],
  ['start_timestamp', [V], 0, V, true],
  ['step', [], 0, S, true],
  ['stddev_over_time', [M], 0, V],
  ['stdvar_over_time', [M], 0, V],
  ['sum_over_time', [M], 0, V],
  ['tan', [V], 0, V],
  ['tanh', [V], 0, V],
  ['time', [], 0, S],
  ['timestamp', [V], 0, V],
  ['vector', [S], 0, V],
  ['year', [V], 1, V],
];

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  ROWS.map(([name, argTypes, variadic, returnType, experimental]) => [
    name,
    Object.freeze({ name, argTypes, variadic, returnType, experimental: experimental === true }),
  ]),
);

/**
 * Looks a function up by its exact (case-sensitive) name. With `opts`, experimental functions
 * are hidden unless enableExperimentalFunctions is set.
 */
export function getFunction(name: string, opts?: { enableExperimentalFunctions?: boolean }): FunctionDef | undefined {
  const f = FUNCTIONS.get(name);
  if (f === undefined) return undefined;
  if (opts !== undefined && f.experimental && opts.enableExperimentalFunctions !== true) return undefined;
  return f;
}
