/**
 * The evaluator: evaluates an expression over fixed steps [start, end] every interval
 * (an instant query is one step) and dispatches on node kind (engine.go evaluator.eval).
 * Every evaluation result is a Matrix whose points sit at step timestamps, or a string.
 */
import { Labels } from '../../model/labels/index.js';
import type { Querier, SeriesSet } from '../../storage/index.js';
import type { Expr, VectorMatching, VectorSelector } from '../parser/index.js';
import { exprType, ValueType as PValueType } from '../parser/index.js';
import { dropMetadataLabels } from '../functions/index.js';
import type { EvalNodeHelper } from '../functions/index.js';
import { FPoints, newSeries } from '../value/index.js';
import type { Annotations, HPoint, Matrix, Series, StringValue, Vector } from '../value/index.js';
import { evalAggregate } from './aggregation.js';
import { evalBinary } from './binary.js';
import { evalCall } from './call.js';
import type { SelSeries } from './cursors.js';
import type { WindowCache, WindowPool } from './range-window.js';
import { evaluateDurationExpr } from './durations.js';
import { EvalError, ENV, QueryCanceledError, QueryTimeoutError, TooManySamplesError } from './errors.js';
import { histogramPointSize, scaleHistogram } from './histogram-ops.js';
import { mergeSeriesWithSameLabelset } from './name-removal.js';
import { evalMatrixSelector, evalVectorSelector } from './selectors.js';
import { containsSameLabelset, SeriesCollector, StepCursor, vectorTotalSamples } from './step-cursor.js';
import { evalSubqueryExpr } from './subquery.js';
import { matrixTotalSamples, newNodeHelper, NUM_SIGS_KEY } from './node-helper.js';

/** What every evaluator of one query shares. */
export interface QueryState {
  querier: Querier;
  lookbackDelta: number;
  maxSamples: number;
  noStepSubqueryIntervalFn: (rangeMs: number) => number;
  enableDelayedNameRemoval: boolean;
  useStartTimestamps: boolean;
  /** Date.now() value after which evaluation stops with a timeout. */
  deadline: number;
  signal: AbortSignal | null;
  annos: Annotations;
  /** Series sets selected up front (populateSeries), expanded on first use. */
  selected: Map<VectorSelector, SeriesSet>;
  expanded: Map<VectorSelector, SelSeries[]>;
  /** Node helpers of call nodes, kept for the whole query (batches share merged annotations). */
  nodeHelpers: Map<Expr, EvalNodeHelper>;
  /** Range windows kept between the batches of a range query. */
  windowCache: WindowCache;
  /** The engine's range windows for reuse. */
  windowPool: WindowPool;
  peakSamples: number;
}

export type EvalValue = Matrix | StringValue;

/** Per-step callback of rangeEval: the inputs at this step, their signature ordinals, the node helper. */
export type StepFn = (vectors: Vector[], sigs: (Int32Array | null)[], enh: EvalNodeHelper) => Vector;

/** Signature ordinals of the series of each input matrix (vector matching, computed once). */
export interface Signatures {
  perSeries: Int32Array[];
  numSigs: number;
}

export class Evaluator {
  currentSamples: number;
  /** Set on the evaluator of a batch of a range query that later batches continue. */
  continuedByNextBatch = false;

  constructor(
    readonly q: QueryState,
    readonly startTimestamp: number,
    readonly endTimestamp: number,
    readonly interval: number,
    currentSamples = 0,
  ) {
    this.currentSamples = currentSamples;
  }

  get lookbackDelta(): number {
    return this.q.lookbackDelta;
  }

  get annos(): Annotations {
    return this.q.annos;
  }

  get delayedNameRemoval(): boolean {
    return this.q.enableDelayedNameRemoval;
  }

  /** A fresh evaluator for other steps that shares this query's state and sample count. */
  child(start: number, end: number, interval: number): Evaluator {
    return new Evaluator(this.q, start, end, interval, this.currentSamples);
  }

  numSteps(): number {
    if (this.interval <= 0) return 1;
    return Math.trunc((this.endTimestamp - this.startTimestamp) / this.interval) + 1;
  }

  /** Throws if the query was canceled or ran out of time. */
  checkCtx(where = 'expression evaluation'): void {
    const q = this.q;
    if (q.signal !== null && q.signal.aborted) throw new QueryCanceledError(where);
    if (Date.now() > q.deadline) throw new QueryTimeoutError(where);
  }

  checkSamples(): void {
    if (this.currentSamples > this.q.peakSamples) this.q.peakSamples = this.currentSamples;
    if (this.currentSamples > this.q.maxSamples) throw new TooManySamplesError(ENV);
  }

  /** The series of a selector, read from storage once per query. */
  expandSeries(vs: VectorSelector): SelSeries[] {
    const done = this.q.expanded.get(vs);
    if (done !== undefined) return done;
    let set = this.q.selected.get(vs);
    if (set === undefined) {
      set = this.q.querier.select(false, null, ...vs.labelMatchers);
    }
    const out: SelSeries[] = [];
    while (set.next()) {
      if ((out.length & 1023) === 1023) this.checkCtx();
      out.push(set.at());
    }
    const err = set.err();
    if (err) throw new EvalError(`expanding series: ${err.message}`);
    for (const w of set.warnings()) this.annos.warn(w, null);
    this.q.expanded.set(vs, out);
    return out;
  }

  /** The node helper of a call node, shared by every evaluation of that node in this query. */
  nodeHelper(node: Expr): EvalNodeHelper {
    let enh = this.q.nodeHelpers.get(node);
    if (enh === undefined) {
      enh = newNodeHelper(this.delayedNameRemoval);
      this.q.nodeHelpers.set(node, enh);
    }
    if (enh.out.length > 0) enh.out.length = 0;
    return enh;
  }

  evalMatrix(e: Expr): Matrix {
    const v = this.eval(e);
    if (!Array.isArray(v)) throw new EvalError(`unexpected string value for ${e.kind}`);
    return v;
  }

  eval(e: Expr): EvalValue {
    this.checkCtx();
    if (this.endTimestamp < this.startTimestamp) return [];
    switch (e.kind) {
      case 'AggregateExpr':
        return evalAggregate(this, e);
      case 'Call':
        return evalCall(this, e);
      case 'ParenExpr':
        return this.eval(e.expr);
      case 'UnaryExpr':
        return this.evalUnary(e.op, e.expr);
      case 'BinaryExpr':
        return evalBinary(this, e);
      case 'NumberLiteral':
        return this.constantMatrix(e.val);
      case 'DurationExpr':
        return this.constantMatrix(evaluateDurationExpr(e, 0, 0));
      case 'StringLiteral':
        return { t: this.startTimestamp, v: e.val };
      case 'VectorSelector':
        return evalVectorSelector(this, e);
      case 'MatrixSelector':
        if (this.startTimestamp !== this.endTimestamp) throw new EvalError('cannot do range evaluation of matrix selector');
        return evalMatrixSelector(this, e);
      case 'SubqueryExpr':
        return evalSubqueryExpr(this, e);
      case 'StepInvariantExpr':
        return this.evalStepInvariant(e.expr);
    }
  }

  private constantMatrix(v: number): Matrix {
    const n = this.numSteps();
    const s = newSeries(Labels.EMPTY, 0);
    s.floats = new FPoints(n);
    for (let ts = this.startTimestamp; ts <= this.endTimestamp; ts += this.interval) s.floats.push(ts, v);
    this.currentSamples += n;
    this.checkSamples();
    return [s];
  }


  private evalUnary(op: '+' | '-', inner: Expr): Matrix {
    let mat = this.evalMatrix(inner);
    if (op !== '-') return mat;
    for (const s of mat) {
      if (!this.delayedNameRemoval) s.metric = dropMetadataLabels(s.metric);
      s.dropName = true;
      const f = s.floats.f;
      for (let j = 0; j < s.floats.length; j++) f[j] = -(f[j] as number);
      for (const hp of s.histograms) hp.h = scaleHistogram(hp.h, -1);
    }
    if (!this.delayedNameRemoval) mat = mergeSeriesWithSameLabelset(mat);
    return mat;
  }

  private evalStepInvariant(inner: Expr): EvalValue {
    const newEv = this.child(this.startTimestamp, this.startTimestamp, this.interval);
    const res = newEv.eval(inner);
    this.currentSamples = newEv.currentSamples;
    if (inner.kind === 'MatrixSelector' || inner.kind === 'SubqueryExpr' || !Array.isArray(res)) return res;
    for (const s of res) {
      if (s.floats.length + s.histograms.length !== 1) throw new EvalError('unexpected number of samples');
      if (s.floats.length > 0) {
        const v = s.floats.f[0] as number;
        for (let ts = this.startTimestamp + this.interval; ts <= this.endTimestamp; ts += this.interval) {
          s.floats.push(ts, v);
          this.currentSamples++;
          this.checkSamples();
        }
      } else {
        const h = (s.histograms[0] as HPoint).h;
        const size = histogramPointSize(h);
        for (let ts = this.startTimestamp + this.interval; ts <= this.endTimestamp; ts += this.interval) {
          s.histograms.push({ t: ts, h });
          this.currentSamples += size;
          this.checkSamples();
        }
      }
    }
    return res;
  }

  /**
   * Evaluates exprs (null or string-typed entries are skipped) and calls fn once per step
   * with their values at that step; collects the results into series (engine.go rangeEval).
   */
  rangeEval(exprs: readonly (Expr | null)[], matching: VectorMatching | null, fn: StepFn, enhIn?: EvalNodeHelper): Matrix {
    const originalNumSamples = this.currentSamples;
    const matrices: (Matrix | null)[] = exprs.map((e) =>
      e === null || exprType(e) === PValueType.String ? null : this.evalMatrix(e),
    );
    return this.rangeEvalMatrices(matrices, matching, fn, originalNumSamples, enhIn);
  }

  /** rangeEval over already evaluated inputs. */
  rangeEvalMatrices(
    matrices: readonly (Matrix | null)[],
    matching: VectorMatching | null,
    fn: StepFn,
    originalNumSamples: number,
    enhIn?: EvalNodeHelper,
  ): Matrix {
    const cursors = matrices.map((m) => (m === null ? null : new StepCursor(m)));
    const vectors: Vector[] = matrices.map(() => []);
    const sigs = matching !== null ? computeSignatures(matrices, matching) : null;
    const bufSigs: (Int32Array | null)[] = matrices.map((m) => (sigs !== null && m !== null ? new Int32Array(m.length) : null));
    const enh = enhIn ?? newNodeHelper(this.delayedNameRemoval);
    if (sigs !== null) enh.cache.set(NUM_SIGS_KEY, sigs.numSigs);
    const collector = new SeriesCollector();
    let tempNumSamples = this.currentSamples;
    for (let ts = this.startTimestamp; ts <= this.endTimestamp; ts += this.interval) {
      this.checkCtx();
      this.currentSamples = tempNumSamples;
      for (let i = 0; i < cursors.length; i++) {
        const c = cursors[i];
        if (c === null || c === undefined) continue;
        const n = c.gather(ts, vectors[i] as Vector, sigs !== null ? (sigs.perSeries[i] as Int32Array) : null, bufSigs[i] ?? null);
        this.currentSamples += n;
        this.checkSamples();
      }
      enh.ts = ts;
      const result = fn(vectors, bufSigs, enh);
      const n = vectorTotalSamples(result);
      this.currentSamples += n;
      tempNumSamples += n;
      this.checkSamples();
      if (this.startTimestamp === this.endTimestamp) {
        if (!this.delayedNameRemoval && containsSameLabelset(result)) {
          throw new EvalError('vector cannot contain metrics with the same labelset');
        }
        const mat = vectorToMatrix(result, ts);
        if (enh.out.length > 0) enh.out.length = 0;
        this.currentSamples = originalNumSamples + n;
        this.checkSamples();
        return mat;
      }
      collector.addAll(result, ts);
      if (enh.out.length > 0) enh.out.length = 0;
    }
    const mat = collector.matrix();
    this.currentSamples = originalNumSamples + matrixTotalSamples(mat);
    this.checkSamples();
    return mat;
  }
}

/** Key under which rangeEval leaves the number of signatures for binary operators. */


function vectorToMatrix(v: Vector, ts: number): Matrix {
  const mat: Matrix = new Array<Series>(v.length);
  for (let i = 0; i < v.length; i++) {
    const s = v[i] as Vector[number];
    const out = newSeries(s.metric, s.h === null ? 1 : 0);
    out.dropName = s.dropName;
    if (s.h === null) out.floats.push(ts, s.f);
    else out.histograms.push({ t: ts, h: s.h });
    mat[i] = out;
  }
  return mat;
}


/** The vector-matching signature of every input series, as small ordinals. */
function computeSignatures(matrices: readonly (Matrix | null)[], matching: VectorMatching): Signatures {
  const names = [...matching.matchingLabels];
  if (!matching.on) names.push('__name__');
  const nameSet = new Set(names);
  const ordinals = new Map<string, number>();
  const perSeries: Int32Array[] = [];
  for (const m of matrices) {
    const arr = new Int32Array(m === null ? 0 : m.length);
    if (m !== null) {
      for (let si = 0; si < m.length; si++) {
        const sig = signatureOf((m[si] as Series).metric.pairs, nameSet, matching.on);
        let ord = ordinals.get(sig);
        if (ord === undefined) {
          ord = ordinals.size;
          ordinals.set(sig, ord);
        }
        arr[si] = ord;
      }
    }
    perSeries.push(arr);
  }
  return { perSeries, numSigs: ordinals.size };
}

function signatureOf(pairs: readonly string[], names: Set<string>, on: boolean): string {
  let s = '';
  for (let i = 0; i < pairs.length; i += 2) {
    const n = pairs[i] as string;
    if (names.has(n) === on) s += `${n}\xff${pairs[i + 1] as string}\xff`;
  }
  return s;
}
