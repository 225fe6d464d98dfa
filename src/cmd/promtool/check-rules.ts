/**
 * `vigil check rules [FILE...]` (promtool check rules): validates rule files (standard input
 * when none is given) with rulefmt, counts their rules and lints duplicate rules, with
 * promtool's output and exit codes (0 ok, 1 errors, 3 lint errors with --lint-fatal).
 */
import { readFileSync, statSync } from 'node:fs';
import { compareLabels, Labels } from '../../model/labels/index.js';
import { loadRuleFile, parseRules, RuleFileError, type ParseOptions, type RuleGroups } from '../../model/rulefmt/index.js';

const SUCCESS = 0;
const FAILURE = 1;
const LINT_ERROR = 3;

const USAGE = `usage: vigil check rules [<flags>] [<rule-files>...]

Check if the rule files are valid or not.

Flags:
  --lint="duplicate-rules"  Linting checks to apply. Available options are: all, duplicate-rules, none. Use --lint=none to disable linting
  --lint-fatal              Make lint errors exit with exit code 3.
  --ignore-unknown-fields   Ignore unknown fields in the rule files. This is useful when you want to extend rule files with custom metadata. Ensure that those fields are removed before loading them into the Prometheus server as it performs strict checks by default.

Args:
  [<rule-files>]  The rule files to check, default is read from standard input.
`;

interface Options {
  lint: string;
  lintFatal: boolean;
  ignoreUnknownFields: boolean;
  help: boolean;
  files: string[];
}

function parseArgs(args: readonly string[]): Options | string {
  const o: Options = { lint: 'duplicate-rules', lintFatal: false, ignoreUnknownFields: false, help: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--lint-fatal') o.lintFatal = true;
    else if (a === '--ignore-unknown-fields') o.ignoreUnknownFields = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else if (a.startsWith('--lint=')) o.lint = a.slice('--lint='.length);
    else if (a === '--lint') {
      const v = args[++i];
      if (v === undefined) return "expected argument for flag '--lint'";
      o.lint = v;
    } else if (a.startsWith('--') && a.length > 2) return `unknown long flag '${a.split('=')[0]}'`;
    else o.files.push(a);
  }
  if (o.help) return o;
  for (const f of o.files) {
    try {
      statSync(f);
    } catch {
      return `path '${f}' does not exist`;
    }
  }
  return o;
}

/** A rule file's check result: rule count, or errors (lint ones flagged). */
export interface RuleFileCheck {
  rules: number;
  errors: { message: string; lint: boolean }[];
}

interface CompareRule {
  metric: string;
  labels: Labels;
}

function compareRules(a: CompareRule, b: CompareRule): number {
  if (a.metric !== b.metric) return a.metric < b.metric ? -1 : 1;
  return compareLabels(a.labels, b.labels);
}

/** promtool's checkDuplicates: rules with the same name and labels, each reported once. */
function duplicateRules(rgs: RuleGroups): CompareRule[] {
  const rules: CompareRule[] = [];
  for (const g of rgs.groups) {
    for (const r of g.rules) {
      rules.push({ metric: r.alert !== '' ? r.alert : r.record, labels: Labels.fromObject({ ...g.labels, ...r.labels }) });
    }
  }
  rules.sort(compareRules);
  const out: CompareRule[] = [];
  for (let i = 1; i < rules.length; i++) {
    const last = rules[i - 1] as CompareRule;
    const cur = rules[i] as CompareRule;
    if (compareRules(last, cur) !== 0) continue;
    const prev = out[out.length - 1];
    if (prev === undefined || compareRules(last, prev) !== 0) out.push(cur);
  }
  return out;
}

function lintMessage(dups: readonly CompareRule[]): string {
  let msg = `lint error ${dups.length} duplicate rule(s) found.\n`;
  for (const d of dups) {
    msg += `Metric: ${d.metric}\nLabel(s):\n`;
    d.labels.forEach((n, v) => (msg += `\t${n}: ${v}\n`));
  }
  return msg + 'Might cause inconsistency while recording expressions';
}

function checkGroups(rgs: RuleGroups, lintDuplicates: boolean): RuleFileCheck {
  if (lintDuplicates) {
    const dups = duplicateRules(rgs);
    if (dups.length > 0) return { rules: 0, errors: [{ message: lintMessage(dups), lint: true }] };
  }
  return { rules: rgs.groups.reduce((n, g) => n + g.rules.length, 0), errors: [] };
}

/**
 * Checks one rule file (the seam `check config` uses for the rule files a config names):
 * rulefmt errors (file-prefixed), else the duplicate-rule lint when asked, else the count.
 */
export function checkRuleFile(path: string, lintDuplicates: boolean, opts: ParseOptions = {}): RuleFileCheck {
  try {
    return checkGroups(loadRuleFile(path, opts), lintDuplicates);
  } catch (e) {
    if (e instanceof RuleFileError) return { rules: 0, errors: e.errors.map((message) => ({ message, lint: false })) };
    throw e;
  }
}

function checkText(text: string, lintDuplicates: boolean, opts: ParseOptions): RuleFileCheck {
  const { groups, errors } = parseRules(text, opts);
  if (errors.length > 0 || groups === null) return { rules: 0, errors: errors.map((message) => ({ message, lint: false })) };
  return checkGroups(groups, lintDuplicates);
}

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

/** Prints one file's result; returns [failed, hasErrors]. */
function report(name: string, res: RuleFileCheck | string): [boolean, boolean] {
  process.stdout.write(`Checking ${name}\n`);
  if (typeof res === 'string') {
    process.stderr.write(`  FAILED: ${res}\n`);
    process.stdout.write('\n');
    return [true, true];
  }
  if (res.errors.length > 0) {
    process.stderr.write('  FAILED:\n');
    for (const e of res.errors) process.stderr.write(e.message + '\n');
    process.stdout.write('\n');
    return [true, res.errors.some((e) => !e.lint)];
  }
  process.stdout.write(`  SUCCESS: ${res.rules} rules found\n`);
  process.stdout.write('\n');
  return [false, false];
}

export async function checkRules(args: readonly string[]): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    process.stderr.write(`vigil: error: ${opts}, try --help\n`);
    return FAILURE;
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return SUCCESS;
  }
  const lints = opts.lint.split(',');
  for (const l of lints) if (!['all', 'duplicate-rules', 'none'].includes(l)) process.stdout.write(`WARNING: unknown lint option ${l}\n`);
  const lintDuplicates = lints.includes('all') || lints.includes('duplicate-rules');
  const parseOpts: ParseOptions = { ignoreUnknownFields: opts.ignoreUnknownFields };
  let failed = false;
  let hasErrors = false;
  const targets: [string, () => RuleFileCheck | string][] =
    opts.files.length === 0
      ? [
          [
            'standard input',
            () => {
              try {
                return checkText(readStdin(), lintDuplicates, parseOpts);
              } catch (e) {
                return (e as Error).message;
              }
            },
          ],
        ]
      : opts.files.map((f) => [f, () => checkRuleFile(f, lintDuplicates, parseOpts)]);
  for (const [name, run] of targets) {
    const [f, h] = report(name, run());
    failed ||= f;
    hasErrors ||= h;
  }
  await Promise.resolve();
  if (failed && hasErrors) return FAILURE;
  if (failed && opts.lintFatal) return LINT_ERROR;
  return SUCCESS;
}
