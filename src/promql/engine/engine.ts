/**
 * The PromQL engine's API and query lifecycle (engine.go Engine, query, execEvalStmt):
 * parse and validate, preprocess, select series once per selector, evaluate (a range query in
 * batches of steps that yield to the event loop, see batch.ts), shape the result.
 */
import { compareLabels } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import type { Querier, Queryable, SeriesSet } from '../../storage/index.js';
import type { Expr, ParserOptions, VectorSelector } from '../parser/index.js';
import { documentedType, exprType, parseExpr, ValueType } from '../parser/index.js';
import { Annotations } from '../value/index.js';
import type { HPoint, Matrix, Value, Vector } from '../value/index.js';
import type { SelSeries } from './cursors.js';
import { EvalError, QueryCanceledError, QueryTimeoutError, TooManySamplesError } from './errors.js';
import { Evaluator } from './evaluator.js';
import type { EvalValue, QueryState } from './evaluator.js';
import { BatchSizer, evalRangeInBatches, FixedBatchSizer } from './batch.js';
import type { EvalNodeHelper } from '../functions/index.js';
import { cleanupMatrix } from './name-removal.js';
import { WindowCache, WindowPool } from './range-window.js';
import {
  cloneExpr,
  forEachSelector,
  lastSubqueryInterval,
  preprocessExpr,
  selectorTimeRange,
  setOffsetForAtModifier,
} from './preprocess.js';

export interface EngineOpts {
  /** Lookback delta in ms (default 5m). */
  lookbackDelta?: number;
  /** Most samples a query may hold in memory at once (default 50,000,000). */
  maxSamples?: number;
  /** Query timeout in ms (default 2m). */
  timeout?: number;
  /** Default subquery step for a subquery range (ms -> ms); default 1m. */
  noStepSubqueryIntervalFn?: (rangeMs: number) => number;
  enableAtModifier?: boolean;
  enableNegativeOffset?: boolean;
  enableDelayedNameRemoval?: boolean;
  enableStartTimestamps?: boolean;
  parserOptions?: ParserOptions;
  /**
   * Steps per batch of a range query (default: sized adaptively to ~20 ms of work each; the
   * engine yields to the event loop between batches). Infinity evaluates in one batch.
   */
  rangeBatchSteps?: number;
}

export interface QueryOpts {
  /** Per-query lookback delta in ms (<= 0: the engine's). */
  lookbackDelta?: number;
}

export interface Result {
  value: Value | null;
  warnings: Annotations;
  err: Error | null;
}

export interface Query {
  exec(signal?: AbortSignal): Promise<Result>;
  readonly statement: Expr;
  close(): void;
}

interface Settings {
  lookbackDelta: number;
  maxSamples: number;
  timeout: number;
  noStepSubqueryIntervalFn: (rangeMs: number) => number;
  enableAtModifier: boolean;
  enableNegativeOffset: boolean;
  enableDelayedNameRemoval: boolean;
  enableStartTimestamps: boolean;
  parserOptions: ParserOptions | undefined;
  rangeBatchSteps: number | undefined;
}

export class Engine {
  private readonly s: Settings;
  private readonly windowPool = new WindowPool();

  constructor(opts: EngineOpts = {}) {
    this.s = {
      lookbackDelta: opts.lookbackDelta && opts.lookbackDelta > 0 ? opts.lookbackDelta : 5 * 60 * 1000,
      maxSamples: opts.maxSamples ?? 50_000_000,
      timeout: opts.timeout ?? 2 * 60 * 1000,
      noStepSubqueryIntervalFn: opts.noStepSubqueryIntervalFn ?? ((): number => 60_000),
      enableAtModifier: opts.enableAtModifier ?? true,
      enableNegativeOffset: opts.enableNegativeOffset ?? true,
      enableDelayedNameRemoval: opts.enableDelayedNameRemoval ?? false,
      enableStartTimestamps: opts.enableStartTimestamps ?? false,
      parserOptions: opts.parserOptions,
      rangeBatchSteps: opts.rangeBatchSteps,
    };
  }

  /** An instant query at ts (ms). Throws ParseErrors for a bad query string. */
  newInstantQuery(q: Queryable, qs: string | Expr, ts: number, opts?: QueryOpts): Query {
    const expr = this.prepare(qs);
    const pre = preprocessExpr(expr, ts, ts, 0);
    return new EngineQuery(this.s, this.windowPool, q, pre, ts, ts, 0, this.lookback(opts));
  }

  /** A range query from start to end (ms) every step (ms). */
  newRangeQuery(q: Queryable, qs: string | Expr, start: number, end: number, step: number, opts?: QueryOpts): Query {
    const expr = this.prepare(qs);
    if (!(step > 0)) {
      throw new EvalError('zero or negative query resolution step widths are not accepted. Try a positive integer');
    }
    const t = exprType(expr);
    if (t !== ValueType.Vector && t !== ValueType.Scalar) {
      throw new EvalError(`invalid expression type ${goQuote(documentedType(t))} for range query, must be Scalar or instant Vector`);
    }
    const pre = preprocessExpr(expr, start, end, step);
    return new EngineQuery(this.s, this.windowPool, q, pre, start, end, step, this.lookback(opts));
  }

  private lookback(opts: QueryOpts | undefined): number {
    const l = opts?.lookbackDelta ?? 0;
    return l > 0 ? l : this.s.lookbackDelta;
  }

  private prepare(qs: string | Expr): Expr {
    const expr = typeof qs === 'string' ? parseExpr(qs, this.s.parserOptions) : cloneExpr(qs);
    this.validateOpts(expr);
    return expr;
  }

  private validateOpts(expr: Expr): void {
    if (this.s.enableAtModifier && this.s.enableNegativeOffset) return;
    forEachNode(expr, (n) => {
      let at = false;
      let neg = false;
      if (n.kind === 'VectorSelector' || n.kind === 'SubqueryExpr') {
        at = n.timestamp !== null || n.startOrEnd !== null;
        neg = n.originalOffset < 0;
      }
      if (at && !this.s.enableAtModifier) throw new EvalError('@ modifier is disabled');
      if (neg && !this.s.enableNegativeOffset) throw new EvalError('negative offset is disabled');
    });
  }
}

function forEachNode(e: Expr, fn: (n: Expr) => void): void {
  fn(e);
  switch (e.kind) {
    case 'AggregateExpr':
      if (e.param) forEachNode(e.param, fn);
      forEachNode(e.expr, fn);
      return;
    case 'BinaryExpr':
      forEachNode(e.lhs, fn);
      forEachNode(e.rhs, fn);
      return;
    case 'Call':
      for (const a of e.args) forEachNode(a, fn);
      return;
    case 'MatrixSelector':
      forEachNode(e.vectorSelector, fn);
      return;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      forEachNode(e.expr, fn);
      return;
    default:
  }
}

class EngineQuery implements Query {
  private done = false;

  constructor(
    private readonly s: Settings,
    private readonly windowPool: WindowPool,
    private readonly queryable: Queryable,
    readonly statement: Expr,
    private readonly start: number,
    private readonly end: number,
    private readonly interval: number,
    private readonly lookbackDelta: number,
  ) {}

  close(): void {
    // Results are plain arrays; nothing is pooled.
  }

  async exec(signal?: AbortSignal): Promise<Result> {
    const warnings = new Annotations();
    if (this.done) return { value: null, warnings, err: new EvalError('query already executed') };
    this.done = true;
    const deadline = Date.now() + this.s.timeout;
    try {
      if (signal?.aborted) throw new QueryCanceledError('query execution');
      const value = await this.run(warnings, deadline, signal ?? null);
      return { value, warnings, err: null };
    } catch (e) {
      return { value: null, warnings: new Annotations(), err: asQueryError(e) };
    }
  }

  private async run(annos: Annotations, deadline: number, signal: AbortSignal | null): Promise<Value> {
    const { mint, maxt } = this.findMinMaxTime();
    const querier = this.queryable.querier(mint, maxt);
    try {
      const q: QueryState = {
        querier,
        lookbackDelta: this.lookbackDelta,
        maxSamples: this.s.maxSamples,
        noStepSubqueryIntervalFn: this.s.noStepSubqueryIntervalFn,
        enableDelayedNameRemoval: this.s.enableDelayedNameRemoval,
        useStartTimestamps: this.s.enableStartTimestamps,
        deadline,
        signal,
        annos,
        selected: this.populateSeries(querier),
        expanded: new Map<VectorSelector, SelSeries[]>(),
        nodeHelpers: new Map<Expr, EvalNodeHelper>(),
        windowCache: new WindowCache(),
        windowPool: this.windowPool,
        peakSamples: 0,
      };
      const instant = this.start === this.end && this.interval === 0;
      const ev = new Evaluator(q, this.start, this.end, instant ? 1 : this.interval);
      let val: EvalValue;
      if (ev.numSteps() > 1) {
        const n = this.s.rangeBatchSteps;
        const sizer = n === undefined ? new BatchSizer() : new FixedBatchSizer(n);
        val = await evalRangeInBatches(q, this.statement, this.start, this.end, this.interval, sizer);
      } else {
        setOffsetForAtModifier(this.start, this.statement);
        val = ev.eval(this.statement);
      }
      if (!Array.isArray(val)) return { type: 'string', value: val };
      if (this.s.enableDelayedNameRemoval) val = cleanupMatrix(val);
      ev.checkCtx('expression evaluation');
      return this.shape(val, instant);
    } finally {
      querier.close();
    }
  }

  private shape(mat: Matrix, instant: boolean): Value {
    const t = exprType(this.statement);
    if (instant && t === ValueType.Vector) {
      const vec: Vector = mat.map((s) =>
        s.histograms.length > 0
          ? { metric: s.metric, t: this.start, f: 0, h: (s.histograms[0] as HPoint).h, dropName: s.dropName }
          : { metric: s.metric, t: this.start, f: s.floats.f[0] as number, h: null, dropName: s.dropName },
      );
      return { type: 'vector', value: vec };
    }
    if (instant && t === ValueType.Scalar) {
      const s = mat[0];
      return { type: 'scalar', value: { t: this.start, v: s !== undefined ? (s.floats.f[0] as number) : NaN } };
    }
    mat.sort((a, b) => compareLabels(a.metric, b.metric));
    return { type: 'matrix', value: mat };
  }

  private findMinMaxTime(): { mint: number; maxt: number } {
    let mint = Infinity;
    let maxt = -Infinity;
    const q = { start: this.start, end: this.end, lookbackDelta: this.lookbackDelta };
    forEachSelector(this.statement, (vs, path, evalRange) => {
      const r = selectorTimeRange(q, vs, path, evalRange);
      if (r.start < mint) mint = r.start;
      if (r.end > maxt) maxt = r.end;
    });
    if (maxt === -Infinity) return { mint: 0, maxt: 0 };
    return { mint, maxt };
  }

  private populateSeries(querier: Querier): Map<VectorSelector, SeriesSet> {
    const out = new Map<VectorSelector, SeriesSet>();
    const q = { start: this.start, end: this.end, lookbackDelta: this.lookbackDelta };
    forEachSelector(this.statement, (vs, path, evalRange) => {
      const r = selectorTimeRange(q, vs, path, evalRange);
      const interval = lastSubqueryInterval(path, this.s.noStepSubqueryIntervalFn) || this.interval;
      const grouping = enclosingGrouping(path);
      out.set(
        vs,
        querier.select(
          false,
          { start: r.start, end: r.end, step: interval, range: evalRange, func: enclosingFunc(path), ...grouping },
          ...vs.labelMatchers,
        ),
      );
    });
    return out;
  }
}

function enclosingFunc(path: readonly Expr[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i] as Expr;
    if (n.kind === 'AggregateExpr') return n.op;
    if (n.kind === 'Call') return n.func.name;
    if (n.kind === 'BinaryExpr') return '';
  }
  return '';
}

function enclosingGrouping(path: readonly Expr[]): { by?: boolean; grouping?: string[] } {
  const n = path[path.length - 1];
  if (n !== undefined && n.kind === 'AggregateExpr') return { by: !n.without, grouping: n.grouping };
  return {};
}

/** Typed errors pass through; JavaScript runtime errors become "unexpected error: ..." as upstream's recovered panics. */
function asQueryError(e: unknown): Error {
  if (
    e instanceof EvalError ||
    e instanceof QueryTimeoutError ||
    e instanceof QueryCanceledError ||
    e instanceof TooManySamplesError
  ) {
    return e;
  }
  if (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError) {
    return new EvalError(`unexpected error: ${e.message}`);
  }
  if (e instanceof Error) return e;
  return new EvalError(String(e));
}
