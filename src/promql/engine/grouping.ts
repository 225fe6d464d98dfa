/**
 * Aggregation grouping (engine.go generateGroupingKey / generateGroupingLabels) and the
 * aggregation parameter (value.go fParams).
 */
import { Labels, MetricName } from '../../model/labels/index.js';
import type { Expr } from '../parser/index.js';
import type { Series } from '../value/index.js';
import type { Evaluator } from './evaluator.js';

/** A key equal for series in the same aggregation group. grouping must be sorted. */
export function groupingKey(ls: Labels, grouping: readonly string[], without: boolean): string {
  const p = ls.pairs;
  let key = '';
  if (without) {
    for (let i = 0; i < p.length; i += 2) {
      const n = p[i] as string;
      if (n === MetricName || grouping.includes(n)) continue;
      key += `${n}\xff${p[i + 1] as string}\xff`;
    }
    return key;
  }
  if (grouping.length === 0) return '';
  for (let i = 0; i < p.length; i += 2) {
    const n = p[i] as string;
    if (grouping.includes(n)) key += `${n}\xff${p[i + 1] as string}\xff`;
  }
  return key;
}

/** The labels of an aggregation group's output series. */
export function groupingLabels(ls: Labels, grouping: readonly string[], without: boolean): Labels {
  if (without) return ls.without(...grouping, MetricName);
  if (grouping.length > 0) return ls.keep(...grouping);
  return Labels.EMPTY;
}

/** The parameter of topk/bottomk/limitk/limit_ratio/quantile, one value per step. */
export class FParams {
  private series: Series | null = null;
  private pos = 0;
  private constValue = 0;
  private isConstant = false;
  minValue = 0;
  maxValue = 0;
  hasAnyNaN = false;

  constructor(ev: Evaluator, expr: Expr | null) {
    if (expr === null) return;
    const constParam = expr.kind === 'NumberLiteral';
    const mat = ev.evalMatrix(expr);
    const s = mat[0];
    if (s === undefined) return;
    this.series = s;
    this.isConstant = constParam;
    if (constParam) {
      this.constValue = s.floats.f[0] as number;
      this.minValue = this.constValue;
      this.maxValue = this.constValue;
      this.hasAnyNaN = Number.isNaN(this.constValue);
      return;
    }
    this.minValue = Number.MAX_VALUE;
    this.maxValue = -Number.MAX_VALUE;
    for (let i = 0; i < s.floats.length; i++) {
      const v = s.floats.f[i] as number;
      this.maxValue = Math.max(this.maxValue, v);
      this.minValue = Math.min(this.minValue, v);
      if (Number.isNaN(v)) this.hasAnyNaN = true;
    }
  }

  next(): number {
    if (this.isConstant) return this.constValue;
    const s = this.series;
    if (s !== null && this.pos < s.floats.length) return s.floats.f[this.pos++] as number;
    return 0;
  }
}
