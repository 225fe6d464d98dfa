import type { Expr } from '../parser/index.js';
import type { Annotations, Matrix, StartTimestamps, Vector } from '../value/index.js';

/**
 * Per-call context, mirroring Prometheus's EvalNodeHelper. The engine keeps one per call node
 * and reuses it across steps (caches survive between steps).
 */
export interface EvalNodeHelper {
  /** Evaluation timestamp of this step (ms). */
  ts: number;
  /** Output buffer: functions push results into it and return it (the engine clears it). */
  out: Vector;
  /** Start timestamps aligned with matrixVals[0]'s points, when start timestamps are enabled. */
  startTimestamps: StartTimestamps | null;
  enableDelayedNameRemoval: boolean;
  /** Free-form cache for a function's own use across steps (e.g. histogram_quantile's buckets). */
  cache: Map<string, unknown>;
  /**
   * Counts over the float points of matrixVals[0] that the engine keeps while it moves a range
   * window along (changes, resets, rate, increase); null or absent: walk the points.
   */
  windowStats?: FloatWindowStats | null;
}

/** Counts over the float points of a range window, by index into its floats (O(1) each). */
export interface FloatWindowStats {
  /** Neighbouring points from index `from` on whose values differ (NaN to NaN is none). */
  changesFrom(from: number): number;
  /** Neighbouring points from index `from` on where the value drops. */
  dropsFrom(from: number): number;
}

/**
 * Prometheus's FunctionCall: vectorVals holds the evaluated instant-vector/scalar args at this step
 * (a scalar arg is a one-sample Vector), matrixVals the single series window of a range-vector
 * arg (one element), args the call's argument expressions (for string literals and selector info).
 * Scalar results are returned as the value of a one-sample Vector. Annotations go to `annos`.
 *
 * vectorVals is aligned with args, except that the range-vector argument (if any) is left out;
 * a string argument has an empty Vector in its slot (upstream: nil).
 */
export type FunctionCall = (
  vectorVals: Vector[],
  matrixVals: Matrix,
  args: Expr[],
  enh: EvalNodeHelper,
  annos: Annotations,
) => Vector;

/** A family of functions (one source file) as name -> implementation. */
export type FunctionTable = Readonly<Record<string, FunctionCall>>;
