/**
 * The commands of a promqltest script (load, clear, eval) after parsing, plus the
 * script errors found while parsing (kept as commands so a run can report them in place).
 */
import type { Labels } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';

/** One position of a value sequence (upstream parser.SequenceValue). */
export interface SequenceValue {
  value: number;
  omitted: boolean;
  histogram: FloatHistogram | null;
  /** The histogram literal spelled out counter_reset_hint (only then is the hint compared). */
  counterResetHintSet: boolean;
}

/** A sample to load; st = start timestamp in ms, 0 = none. */
export interface LoadSample {
  t: number;
  f: number;
  h: FloatHistogram | null;
  st: number;
}

export interface LoadSeries {
  labels: Labels;
  samples: LoadSample[];
}

export interface LoadCmd {
  kind: 'load';
  /** 1-based line of the `load` line. */
  line: number;
  step: number;
  withNHCB: boolean;
  /** Keyed by label-set key; a later line for the same series replaces the earlier one. */
  series: Map<string, LoadSeries>;
}

export interface ClearCmd {
  kind: 'clear';
  line: number;
}

/** An error in the script text; the run reports it as a failure at its line. */
export interface ScriptErrorCmd {
  kind: 'error';
  line: number;
  /** The eval expression when the error belongs to an eval, else ''. */
  query: string;
  message: string;
}

export type ExpectType = 'ordered' | 'fail' | 'warn' | 'no_warn' | 'info' | 'no_info';

/** An `expect <type> [msg:|regex:]` line: an exact message, or a pattern (match-any by default). */
export interface ExpectCmd {
  message: string;
  regex: RegExp | null;
}

export interface ExpectedEntry {
  /** 1-based position among the expected lines (for `ordered`). */
  pos: number;
  vals: SequenceValue[];
}

export interface EvalCmd {
  kind: 'eval';
  line: number;
  expr: string;
  isRange: boolean;
  /** Times in ms since epoch. For instant evals: start = eval time, end = null unless `expect range vector`. */
  start: number;
  end: number | null;
  step: number;
  eval: number;
  /** Legacy eval_fail / eval_warn / eval_info / eval_ordered. */
  fail: boolean;
  warn: boolean;
  info: boolean;
  ordered: boolean;
  expectedFailMessage: string | null;
  expectedFailRegexp: RegExp | null;
  expects: Record<ExpectType, ExpectCmd[]>;
  metrics: Map<string, Labels>;
  expected: Map<string, ExpectedEntry>;
  /** Set when the expected result is a bare number. */
  scalar: ExpectedEntry | null;
  expectScalar: boolean;
  expectedString: string;
  excludeFromRangeQuery: boolean;
  /** The body lines as written (expect lines and expected results), for reports. */
  expectedText: string[];
}

export type TestCommand = LoadCmd | ClearCmd | EvalCmd | ScriptErrorCmd;

export function newEvalCmd(expr: string, line: number, isRange: boolean): EvalCmd {
  return {
    kind: 'eval',
    line,
    expr,
    isRange,
    start: 0,
    end: null,
    step: 0,
    eval: 0,
    fail: false,
    warn: false,
    info: false,
    ordered: false,
    expectedFailMessage: null,
    expectedFailRegexp: null,
    expects: { ordered: [], fail: [], warn: [], no_warn: [], info: [], no_info: [] },
    metrics: new Map(),
    expected: new Map(),
    scalar: null,
    expectScalar: false,
    expectedString: '',
    excludeFromRangeQuery: false,
    expectedText: [],
  };
}

export function isOrdered(ev: EvalCmd): boolean {
  return ev.ordered || ev.expects.ordered.length > 0;
}

export function isFail(ev: EvalCmd): boolean {
  return ev.fail || ev.expects.fail.length > 0;
}

/** Whether the expected result mentions a native histogram literal. */
export function expectsHistogram(ev: EvalCmd): boolean {
  if (ev.scalar?.vals.some((v) => v.histogram !== null)) return true;
  for (const e of ev.expected.values()) if (e.vals.some((v) => v.histogram !== null)) return true;
  return false;
}
