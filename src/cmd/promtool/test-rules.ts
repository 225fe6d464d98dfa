/**
 * `vigil test rules [--run=REGEX ...] [--debug] [--diff] [--ignore-unknown-fields] FILE...`:
 * promtool's rule unit tests. Prints `Unit Testing:  FILE` then `  SUCCESS` or `  FAILED:` with
 * each error; exits 0 when every file passed, 1 otherwise.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { globFiles } from '../../config/index.js';
import { formatModelDuration } from '../../scrape/index.js';
import { parseUnitTestFile, type UnitTestFile } from './unittest-file.js';
import { GroupRun } from './unittest-group.js';

interface TestRulesArgs {
  run: string[] | null;
  debug: boolean;
  diff: boolean;
  ignoreUnknownFields: boolean;
  junit: string | null;
  files: string[];
}

function parseArgs(args: readonly string[]): TestRulesArgs | string {
  const out: TestRulesArgs = { run: null, debug: false, diff: false, ignoreUnknownFields: false, junit: null, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i]);
    if (flag === '--run' || flag === '--junit') {
      const v = value();
      if (v === undefined) return `expected argument for flag '${flag}'`;
      if (flag === '--run') (out.run ??= []).push(v);
      else out.junit = v;
    } else if (a === '--debug') out.debug = true;
    else if (a === '--diff') out.diff = true;
    else if (a === '--ignore-unknown-fields') out.ignoreUnknownFields = true;
    else if (a.startsWith('--')) return `unknown long flag '${flag}'`;
    else out.files.push(a);
  }
  if (out.files.length === 0) return "required argument 'test-rule-file' not provided";
  return out;
}

interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

function resolveRuleFiles(file: string, utf: UnitTestFile, o: Output): string[] {
  const base = dirname(file);
  const res: string[] = [];
  for (const rf of utf.ruleFiles) {
    const p = rf !== '' && !isAbsolute(rf) ? join(base, rf) : rf;
    const m = globFiles(p);
    if (m.length === 0) o.err(`  WARNING: no file match pattern ${p}\n`);
    res.push(...m);
  }
  return res;
}

interface CaseResult {
  name: string;
  failures: string[];
}

async function ruleUnitTest(file: string, a: TestRulesArgs, run: RegExp | null, o: Output, cases: CaseResult[]): Promise<string[]> {
  let utf: UnitTestFile;
  try {
    utf = parseUnitTestFile(readFileSync(file, 'utf8'), !a.ignoreUnknownFields);
    utf.ruleFiles = resolveRuleFiles(file, utf, o);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [`open ${file}: no such file or directory`];
    return [e instanceof Error ? e.message : String(e)];
  }
  const evalInterval = utf.evaluationInterval === 0 ? 60_000 : utf.evaluationInterval;
  const order = new Map<string, number>();
  for (const [i, gn] of utf.groupEvalOrder.entries()) {
    if (order.has(gn)) return [`group name repeated in evaluation order: ${gn}`];
    order.set(gn, i);
  }
  const errs: string[] = [];
  for (const [i, tg] of utf.tests.entries()) {
    if (run && !run.test(tg.name)) continue;
    const name = tg.name !== '' ? tg.name : `unnamed#${i}`;
    if (tg.interval === 0) tg.interval = utf.evaluationInterval === 0 ? 60_000 : utf.evaluationInterval;
    const started = Date.now();
    if (a.debug) o.err(`DEBUG: Starting test ${name}\n`);
    const ers = await new GroupRun(tg, {
      name,
      evalInterval,
      groupOrder: order,
      ruleFiles: utf.ruleFiles,
      ignoreUnknownFields: a.ignoreUnknownFields,
      fuzzyCompare: utf.fuzzyCompare,
      diff: a.diff,
      debug: a.debug,
      stderr: o.err,
    }).run();
    if (a.debug) o.err(`DEBUG: Test ${name} finished, took ${formatModelDuration(Date.now() - started)}\n`);
    cases.push({ name, failures: ers });
    errs.push(...ers);
  }
  return errs;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function junitXML(suites: readonly { file: string; cases: CaseResult[]; abort: string | null }[]): string {
  const parts = suites.map((s) => {
    const failures = s.cases.filter((c) => c.failures.length > 0).length + (s.abort ? 1 : 0);
    const cases = s.cases
      .map((c) => `\t\t<testcase name="${xmlEscape(c.name)}">${c.failures.map((f) => `\n\t\t\t<failure>${xmlEscape(f)}</failure>`).join('')}${c.failures.length ? '\n\t\t' : ''}</testcase>`)
      .join('\n');
    const abort = s.abort ? `\n\t\t<failure>${xmlEscape(s.abort)}</failure>` : '';
    return `\t<testsuite name="${xmlEscape(s.file)}" tests="${s.cases.length}" failures="${failures}" errors="0" skipped="0">${abort}\n${cases}\n\t</testsuite>`;
  });
  return `<testsuites>\n${parts.join('\n')}\n</testsuites>`;
}

/** Runs the unit tests of every file; the exit code (0 all passed, 1 otherwise). */
export async function testRules(args: string[], o: Output = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  const a = parseArgs(args);
  if (typeof a === 'string') {
    o.err(`promtool: error: ${a}, try --help\n`);
    return 1;
  }
  let run: RegExp | null = null;
  if (a.run) {
    try {
      run = new RegExp(a.run.join('|'));
    } catch (e) {
      o.err(`promtool: error: invalid --run regex: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  let failed = false;
  const suites: { file: string; cases: CaseResult[]; abort: string | null }[] = [];
  for (const f of a.files) {
    o.out(`Unit Testing:  ${f}\n`);
    const cases: CaseResult[] = [];
    const errs = await ruleUnitTest(f, a, run, o, cases);
    const aborted = errs.length > 0 && cases.every((c) => c.failures.length === 0);
    suites.push({ file: f, cases, abort: aborted ? errs.join('\n') : null });
    if (errs.length > 0) {
      o.err('  FAILED:\n');
      for (const e of errs) {
        o.err(e + '\n');
        o.out('\n');
      }
      failed = true;
    } else {
      o.out('  SUCCESS\n');
    }
    o.out('\n');
  }
  if (a.junit !== null) {
    try {
      writeFileSync(a.junit, junitXML(suites));
    } catch (e) {
      o.err(`failed to write JUnit XML: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  return failed ? 1 : 0;
}
