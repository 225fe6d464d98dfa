/**
 * `expect` lines and what they check: annotation expectations (warn/info/no_warn/no_info with
 * msg:/regex:) and expected failures (expect fail, expected_fail_message, expected_fail_regexp).
 * Error texts follow upstream promqltest so failures read the same.
 */
import { compileGoRegex } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import type { Annotations } from '../value/index.js';
import { annotationText } from '../value/index.js';
import type { EvalCmd, ExpectCmd, ExpectType } from './commands.js';

const EXPECT_RE = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const MATCH_ANY = /^.*$/;

export class ExpectSyntaxError extends Error {
  override name = 'ExpectSyntaxError';
}

export function parseExpect(line: string): { type: ExpectType; cmd: ExpectCmd } {
  const m = EXPECT_RE.exec(line.trim());
  if (!m) {
    throw new ExpectSyntaxError(
      'invalid expect statement, must match `expect <type> <match_type>: <string>` format',
    );
  }
  const type = m[1] as ExpectType;
  if (m[2] === undefined) return { type, cmd: { message: '', regex: MATCH_ANY } };
  const text = (m[3] as string).trim();
  if (m[2] === 'msg') return { type, cmd: { message: text, regex: null } };
  try {
    return { type, cmd: { message: '', regex: compileGoRegex(text, false).regexp } };
  } catch {
    throw new ExpectSyntaxError(`invalid regex ${text} for ${type}`);
  }
}

export function validateExpects(ev: EvalCmd): void {
  const e = ev.expects;
  if (e.info.length > 0 && e.no_info.length > 0) {
    throw new ExpectSyntaxError('invalid expect lines, info and no_info cannot be used together');
  }
  if (e.warn.length > 0 && e.no_warn.length > 0) {
    throw new ExpectSyntaxError('invalid expect lines, warn and no_warn cannot be used together');
  }
  if (e.fail.length > 1) {
    throw new ExpectSyntaxError('invalid expect lines, multiple expect fail lines are not allowed');
  }
}

export function expectMatches(e: ExpectCmd, s: string): boolean {
  if (e.regex === null) return e.message === s;
  e.regex.lastIndex = 0;
  return e.regex.test(s);
}

function expectText(e: ExpectCmd): string {
  return e.regex === null ? e.message : e.regex.source;
}

function formatStringList(xs: string[]): string {
  return `[${xs.join(' ')}]`;
}

function checkOfType(expr: string, expected: ExpectCmd[], actual: string[], line: number, kind: string): string | null {
  if (expected.length === 0) return null;
  if (actual.length === 0) {
    return `expected ${kind} annotations but none were found for query ${goQuote(expr)} (line ${line})`;
  }
  for (const e of expected) {
    if (!actual.some((a) => expectMatches(e, a))) {
      const what = e.regex === null ? 'message' : 'pattern';
      return (
        `expected ${kind} annotation matching ${what} ${goQuote(expectText(e))} but no matching annotation ` +
        `was found for query ${goQuote(expr)} (line ${line}), found: ${formatStringList(actual)}`
      );
    }
  }
  for (const a of actual) {
    if (!expected.some((e) => expectMatches(e, a))) {
      return `unexpected ${kind} annotation ${goQuote(a)} found for query ${expr} (line ${line})`;
    }
  }
  return null;
}

/** Annotation texts as upstream's AsStrings renders them against the query string. */
export function annotationStrings(annos: Annotations | null | undefined, expr: string): { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  if (!annos) return { warnings, infos };
  for (const a of annos.all()) (a.level === 'info' ? infos : warnings).push(annotationText(a, expr));
  return { warnings, infos };
}

/** Checks annotations against the eval's expectations; returns an error text or null. */
export function checkAnnotations(ev: EvalCmd, expr: string, annos: Annotations | null | undefined): string | null {
  const { warnings, infos } = annotationStrings(annos, expr);
  if (ev.warn && warnings.length === 0) {
    return `expected warnings evaluating query ${goQuote(expr)} (line ${ev.line}) but got none`;
  }
  if (ev.info && infos.length === 0) {
    return `expected info annotations evaluating query ${goQuote(expr)} (line ${ev.line}) but got none`;
  }
  const w = checkOfType(expr, ev.expects.warn, warnings, ev.line, 'warn');
  if (w) return w;
  const i = checkOfType(expr, ev.expects.info, infos, ev.line, 'info');
  if (i) return i;
  if (ev.expects.no_warn.length > 0 && warnings.length > 0) {
    return `unexpected warning annotations evaluating query ${goQuote(expr)} (line ${ev.line}): ${formatStringList([...warnings, ...infos])}`;
  }
  if (ev.expects.no_info.length > 0 && infos.length > 0) {
    return `unexpected info annotations evaluating query ${goQuote(expr)} (line ${ev.line}): ${formatStringList([...warnings, ...infos])}`;
  }
  return null;
}

/** Checks an error against the expected failure; returns an error text or null when it matches. */
export function checkExpectedFailure(ev: EvalCmd, actual: string): string | null {
  if (ev.expectedFailMessage !== null && ev.expectedFailMessage !== '' && ev.expectedFailMessage !== actual) {
    return `expected error ${goQuote(ev.expectedFailMessage)} evaluating query ${goQuote(ev.expr)} (line ${ev.line}), but got: ${actual}`;
  }
  if (ev.expectedFailRegexp !== null) {
    ev.expectedFailRegexp.lastIndex = 0;
    if (!ev.expectedFailRegexp.test(actual)) {
      return `expected error matching pattern ${goQuote(ev.expectedFailRegexp.source)} evaluating query ${goQuote(ev.expr)} (line ${ev.line}), but got: ${actual}`;
    }
  }
  const f = ev.expects.fail[0];
  if (f && !expectMatches(f, actual)) {
    return `expected error matching ${goQuote(expectText(f))} evaluating query ${goQuote(ev.expr)} (line ${ev.line}), but got: ${actual}`;
  }
  return null;
}
