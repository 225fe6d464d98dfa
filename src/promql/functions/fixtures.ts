/**
 * Test fixtures for the function unit tests: hand-built windows, vectors, AST arguments and a
 * minimal EvalNodeHelper, and a way to call a registered function like the engine does.
 */
import { Labels } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import type { Expr, MatrixSelector, SubqueryExpr, VectorSelector } from '../parser/index.js';
import { Annotations, FPoints, type Sample, type Series, type Vector } from '../value/index.js';
import { FUNCTION_CALLS } from './registry.js';
import type { EvalNodeHelper } from './function-call.js';

export function labels(obj: Record<string, string> = {}): Labels {
  return Labels.fromObject(obj);
}

export function enh(ts: number, opts: Partial<EvalNodeHelper> = {}): EvalNodeHelper {
  return { ts, out: [], startTimestamps: null, enableDelayedNameRemoval: false, cache: new Map(), ...opts };
}

/** A window of float points given as [t(ms), f] pairs. */
export function floatSeries(metric: Labels, points: Array<[number, number]>, histograms: Array<[number, FloatHistogram]> = []): Series {
  const floats = new FPoints(points.length + 1);
  for (const [t, f] of points) floats.push(t, f);
  return { metric, floats, histograms: histograms.map(([t, h]) => ({ t, h })), dropName: false };
}

/** Points t0, t0+step, ... with values start, start+inc, ... (promqltest's `a+bxN`). */
export function linear(t0: number, step: number, start: number, inc: number, n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i <= n; i++) out.push([t0 + i * step, start + inc * i]);
  return out;
}

/** Keeps the points with lo < t <= hi (the left-open window). */
export function window(points: Array<[number, number]>, lo: number, hi: number): Array<[number, number]> {
  return points.filter(([t]) => t > lo && t <= hi);
}

export function sampleOf(metric: Labels, f: number, t = 0, h: FloatHistogram | null = null): Sample {
  return { metric, t, f, h, dropName: false };
}

export function scalarVec(f: number): Vector {
  return [sampleOf(Labels.EMPTY, f)];
}

export function vectorSelector(name: string, opts: Partial<VectorSelector> = {}): VectorSelector {
  return {
    kind: 'VectorSelector',
    name,
    originalOffset: 0,
    originalOffsetExpr: null,
    offset: 0,
    timestamp: null,
    startOrEnd: null,
    labelMatchers: [],
    bypassEmptyMatcherCheck: false,
    anchored: false,
    smoothed: false,
    skipHistogramBuckets: false,
    posRange: { start: 0, end: name.length },
    ...opts,
  };
}

export function matrixSelector(range: number, vs: Partial<VectorSelector> = {}): MatrixSelector {
  const v = vectorSelector('m', vs);
  return { kind: 'MatrixSelector', vectorSelector: v, range, rangeExpr: null, endPos: v.posRange.end + 4 };
}

export function subquery(range: number, offset = 0): SubqueryExpr {
  return {
    kind: 'SubqueryExpr',
    expr: vectorSelector('m'),
    range,
    rangeExpr: null,
    originalOffset: offset,
    originalOffsetExpr: null,
    offset,
    timestamp: null,
    startOrEnd: null,
    step: 0,
    stepExpr: null,
    endPos: 10,
  };
}

export function num(val: number): Expr {
  return { kind: 'NumberLiteral', val, duration: false, posRange: { start: 0, end: 1 } };
}

export function str(val: string): Expr {
  return { kind: 'StringLiteral', val, posRange: { start: 0, end: val.length + 2 } };
}

export interface CallResult {
  out: Vector;
  annos: Annotations;
}

/** Calls a registered function the way the engine does for one step. */
export function callFn(
  name: string,
  vectorVals: Vector[],
  matrix: Series[],
  args: Expr[],
  helper: EvalNodeHelper,
  annos: Annotations = new Annotations(),
): CallResult {
  const fn = FUNCTION_CALLS.get(name);
  if (fn === undefined) throw new Error(`no function ${name}`);
  helper.out = [];
  return { out: fn(vectorVals, matrix, args, helper, annos), annos };
}

/** Value of the single result sample of a range function, or undefined if none. */
export function rangeValue(name: string, series: Series, arg: Expr, ts: number, vectorVals: Vector[] = [], args?: Expr[]): number | undefined {
  const r = callFn(name, vectorVals, [series], args ?? [arg], enh(ts));
  return r.out[0]?.f;
}
