/**
 * Running one eval command against the engine, as upstream's execInstantEval/execRangeEval:
 * expected failures, annotations, result comparison, then for instant evals the @-pinned
 * reruns and the range-mode cross-check of the middle step.
 */
import { goQuote } from '../../model/strconv/index.js';
import type { Engine, Query, Result } from '../engine/index.js';
import type { Queryable } from '../../storage/index.js';
import { Annotations, type Sample, type Value } from '../value/index.js';
import { atModifierTestCases } from './at-modifier.js';
import { type EvalCmd, isFail, isOrdered } from './commands.js';
import { assertMatrixSorted, compareResult } from './compare.js';
import { checkAnnotations, checkExpectedFailure } from './expect.js';
import { type StepGrid, formatValue } from './format.js';

/** What running an eval produced: an error text (null = passed) and the offending result. */
export interface EvalOutcome {
  error: string | null;
  actual: string;
}

/** What the runner needs of an engine (upstream promql.QueryEngine). */
export type QueryEngine = Pick<Engine, 'newInstantQuery' | 'newRangeQuery'>;

export interface EvalContext {
  engine: QueryEngine;
  storage: Queryable;
  /** Per-query time limit in ms. */
  queryTimeoutMs: number;
}

const QUERY_CONTEXT_FUNCS = /(start|end|range|step)\(\)/;
const JS_FAULTS: readonly (abstract new (...args: never[]) => Error)[] = [
  TypeError,
  ReferenceError,
  RangeError,
  SyntaxError,
  globalThis.EvalError,
  URIError,
];

/** An exception that is a JavaScript fault (a bug), never an acceptable query error. */
function isFault(e: unknown): boolean {
  return e instanceof Error && JS_FAULTS.some((c) => e.constructor === c);
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function faultText(e: unknown): string {
  const err = e as Error;
  const where = err.stack?.split('\n')[1]?.trim() ?? '';
  return `engine fault: ${err.constructor.name}: ${err.message}${where ? ` (${where})` : ''}`;
}

const PASS: EvalOutcome = { error: null, actual: '' };
const fail = (error: string, actual = ''): EvalOutcome => ({ error, actual });

type Created = { query: Query } | { error: unknown };

function create(make: () => Query): Created {
  try {
    return { query: make() };
  } catch (e) {
    return { error: e };
  }
}

async function run(ctx: EvalContext, q: Query): Promise<Result> {
  const signal = AbortSignal.timeout(ctx.queryTimeoutMs);
  try {
    return await q.exec(signal);
  } catch (e) {
    return { value: null, warnings: new Annotations(), err: e instanceof Error ? e : new Error(String(e)) };
  } finally {
    q.close();
  }
}

/** Handles a creation error or a result error; returns null when execution should continue. */
function handleError(cmd: EvalCmd, err: unknown, prefix: string): EvalOutcome | null {
  if (err === null || err === undefined) {
    return isFail(cmd) ? fail(`expected error evaluating query ${goQuote(cmd.expr)} (line ${cmd.line}) but got none`) : null;
  }
  if (isFault(err)) return fail(faultText(err));
  if (isFail(cmd)) {
    const mismatch = checkExpectedFailure(cmd, errText(err));
    return mismatch === null ? PASS : fail(mismatch, `error: ${errText(err)}`);
  }
  return fail(`${prefix}: ${errText(err)}`, `error: ${errText(err)}`);
}

export async function execRangeEval(ctx: EvalContext, cmd: EvalCmd): Promise<EvalOutcome> {
  const end = cmd.end ?? cmd.start;
  const c = create(() => ctx.engine.newRangeQuery(ctx.storage, cmd.expr, cmd.start, end, cmd.step));
  if ('error' in c) {
    if (isFault(c.error)) return fail(faultText(c.error));
    if (isFail(cmd) && checkExpectedFailure(cmd, errText(c.error)) === null) return PASS;
    return fail(`error creating range query for ${goQuote(cmd.expr)} (line ${cmd.line}): ${errText(c.error)}`);
  }
  const res = await run(ctx, c.query);
  const early = handleError(cmd, res.err, `error evaluating query ${goQuote(cmd.expr)} (line ${cmd.line})`);
  if (early) return early;
  const value = res.value;
  const grid: StepGrid = { start: cmd.start, end, step: cmd.step };
  const actual = value ? formatValue(value, grid) : '(no value)';
  const anno = checkAnnotations(cmd, cmd.expr, res.warnings);
  if (anno) return fail(anno, actual);
  if (!value) return fail(`query ${goQuote(cmd.expr)} (line ${cmd.line}) returned no value`);
  const cmp = compareResult(cmd, value);
  if (cmp) return fail(`error in eval ${cmd.expr} (line ${cmd.line}): ${cmp}`, actual);
  return PASS;
}

async function rangeModeCheck(ctx: EvalContext, cmd: EvalCmd, expr: string, t: number, instant: Value): Promise<EvalOutcome> {
  const c = create(() => ctx.engine.newRangeQuery(ctx.storage, expr, t - 60_000, t + 60_000, 60_000));
  if ('error' in c) {
    if (isFault(c.error)) return fail(faultText(c.error));
    return fail(`error creating range query for ${goQuote(cmd.expr)} (line ${cmd.line}): ${errText(c.error)}`);
  }
  const res = await run(ctx, c.query);
  if (res.err) {
    if (isFault(res.err)) return fail(faultText(res.err));
    return fail(`error evaluating query ${goQuote(expr)} (line ${cmd.line}) in range mode: ${errText(res.err)}`);
  }
  if (isOrdered(cmd)) return PASS;
  const value = res.value;
  if (!value || value.type !== 'matrix') return fail(`range query ${goQuote(expr)} did not return a matrix`);
  const actual = formatValue(value, { start: t - 60_000, end: t + 60_000, step: 60_000 });
  const sorted = assertMatrixSorted(value.value);
  if (sorted) return fail(sorted, actual);
  const vec: Sample[] = [];
  for (const s of value.value) {
    const fi = Array.prototype.indexOf.call(s.floats.t.subarray(0, s.floats.length), t);
    if (fi >= 0) vec.push({ metric: s.metric, t, f: s.floats.f[fi] as number, h: null, dropName: false });
    const hp = s.histograms.find((p) => p.t === t);
    if (hp) vec.push({ metric: s.metric, t, f: 0, h: hp.h, dropName: false });
  }
  let cmp: string | null;
  if (instant.type === 'scalar') {
    const first = vec[0];
    cmp = first ? compareResult(cmd, { type: 'scalar', value: { t, v: first.f } }, false) : 'range mode returned no sample for the scalar';
  } else {
    cmp = compareResult(cmd, { type: 'vector', value: vec }, false);
  }
  return cmp ? fail(`error in eval ${expr} (line ${cmd.line}) range mode: ${cmp}`, actual) : PASS;
}

async function runInstantQuery(ctx: EvalContext, cmd: EvalCmd, expr: string, t: number): Promise<EvalOutcome> {
  const c = create(() => ctx.engine.newInstantQuery(ctx.storage, expr, t));
  if ('error' in c) {
    if (isFault(c.error)) return fail(faultText(c.error));
    if (isFail(cmd) && checkExpectedFailure(cmd, errText(c.error)) === null) return PASS;
    return fail(`error creating instant query for ${goQuote(cmd.expr)} (line ${cmd.line}): ${errText(c.error)}`);
  }
  const res = await run(ctx, c.query);
  const early = handleError(cmd, res.err, `error evaluating query ${goQuote(expr)} (line ${cmd.line})`);
  if (early) return early;
  const value = res.value;
  const grid: StepGrid | null = cmd.end !== null ? { start: cmd.start, end: cmd.end, step: cmd.step } : null;
  const actual = value ? formatValue(value, grid) : '(no value)';
  const anno = checkAnnotations(cmd, expr, res.warnings);
  if (anno) return fail(anno, actual);
  if (!value) return fail(`query ${goQuote(expr)} (line ${cmd.line}) returned no value`);
  const cmp = compareResult(cmd, value);
  if (cmp) return fail(`error in eval ${expr} (line ${cmd.line}): ${cmp}`, actual);
  if (cmd.excludeFromRangeQuery || QUERY_CONTEXT_FUNCS.test(expr)) return PASS;
  return rangeModeCheck(ctx, cmd, expr, t, value);
}

export async function execInstantEval(ctx: EvalContext, cmd: EvalCmd): Promise<EvalOutcome> {
  let extra;
  try {
    extra = atModifierTestCases(cmd.expr, cmd.eval);
  } catch (e) {
    return fail(isFault(e) ? faultText(e) : errText(e));
  }
  for (const q of [{ expr: cmd.expr, evalTime: cmd.eval }, ...extra]) {
    const out = await runInstantQuery(ctx, cmd, q.expr, q.evalTime);
    if (out.error !== null) return out;
  }
  return PASS;
}
