/**
 * `vigil test promql FILE...`: runs PromQL test scripts (the promqltest format) against the
 * engine, prints each failure with its file:line, query, expected and actual values, then a
 * summary per file and overall. Exit code 1 if any eval failed.
 */
import {
  type EvalResult,
  type RunSummary,
  runTestFile,
  summarize,
} from '../../promql/promqltest/index.js';

const help = `usage: vigil test promql [<flags>] <file>...

Run PromQL test scripts written in the promqltest format (load / clear / eval commands, as in
Prometheus's promql/promqltest) against Vigil's PromQL engine with upstream's test settings:
lookback 5m, at most 10000 samples per query, 1m default subquery step, delayed __name__
removal, start timestamps, and all experimental PromQL features enabled.

Instant evals are also re-run with @ pinned on every selector and as a short range query,
as upstream does. Failures are printed with file:line, the query, the expected block and the
actual result; then "N passed, N failed, N skipped" per file and overall.

Native histograms: by default every eval runs and counts as passed or failed. An eval that
needs native histograms (its expected result contains a {{...}} histogram literal, or its
query selects a series holding histogram samples) is tagged [native histograms] when it
fails. With --skip-native-histograms such evals are not run and count as skipped.
This command does not apply the project's own conformance skip list.

Flags:
  -h, --help                 Show this help.
      --skip-native-histograms
                             Skip evals that need native histograms (count them as skipped).
      --run <regex>          Only run evals whose query matches the regular expression.
  -v, --verbose              Also list passed and skipped evals.
`;

interface CliOptions {
  files: string[];
  skipNH: boolean;
  run: RegExp | null;
  verbose: boolean;
}

function parseArgs(args: string[]): CliOptions | string {
  const o: CliOptions = { files: [], skipNH: false, run: null, verbose: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--skip-native-histograms') o.skipNH = true;
    else if (a === '-v' || a === '--verbose') o.verbose = true;
    else if (a === '--run' || a.startsWith('--run=')) {
      const src = a === '--run' ? args[++i] : a.slice('--run='.length);
      if (src === undefined) return 'flag --run needs a value';
      try {
        o.run = new RegExp(src);
      } catch {
        return `invalid --run regular expression ${JSON.stringify(src)}`;
      }
    } else if (a.startsWith('-') && a !== '-') return `unknown flag ${a}`;
    else o.files.push(a);
  }
  if (o.files.length === 0) return 'no test files given';
  return o;
}

function indent(text: string): string {
  return text === '' ? '    (none)' : text.split('\n').map((l) => `    ${l}`).join('\n');
}

function printFailure(r: EvalResult): void {
  const tag = r.nativeHistograms ? ' [native histograms]' : '';
  const lines = [`FAIL ${r.file}:${r.line}: ${r.query || `(${r.kind})`}${tag}`, `  error: ${r.message}`];
  if (r.kind === 'instant' || r.kind === 'range') {
    lines.push('  expected:', indent(r.expected), '  actual:', indent(r.actual));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function summaryText(s: RunSummary): string {
  return `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
}

async function runFile(file: string, o: CliOptions): Promise<EvalResult[]> {
  return runTestFile(file, {
    skip: (ev) => {
      if (o.run && !o.run.test(ev.query)) return 'not selected by --run';
      if (o.skipNH && ev.nativeHistograms) return 'needs native histograms (--skip-native-histograms)';
      return null;
    },
    onResult: (r) => {
      if (r.status === 'failed') printFailure(r);
      else if (o.verbose) process.stdout.write(`${r.status === 'passed' ? 'ok  ' : 'SKIP'} ${r.file}:${r.line}: ${r.query}${r.status === 'skipped' ? ` (${r.message})` : ''}\n`);
    },
  });
}

export async function testPromql(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(help);
    return 0;
  }
  const o = parseArgs(args);
  if (typeof o === 'string') {
    process.stderr.write(`vigil test promql: error: ${o}\n\n${help}`);
    return 1;
  }
  const total: RunSummary = { passed: 0, failed: 0, skipped: 0 };
  const perFile: [string, RunSummary][] = [];
  let unreadable = 0;
  for (const file of o.files) {
    let results: EvalResult[];
    try {
      results = await runFile(file, o);
    } catch (e) {
      process.stderr.write(`vigil test promql: error: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
      unreadable++;
      continue;
    }
    const s = summarize(o.run ? results.filter((r) => r.message !== 'not selected by --run') : results);
    perFile.push([file, s]);
    total.passed += s.passed;
    total.failed += s.failed;
    total.skipped += s.skipped;
  }
  process.stdout.write('\n');
  for (const [file, s] of perFile) process.stdout.write(`${file}: ${summaryText(s)}\n`);
  process.stdout.write(`total: ${summaryText(total)}${unreadable ? ` (${unreadable} file(s) unreadable)` : ''}\n`);
  return total.failed > 0 || unreadable > 0 ? 1 : 0;
}
