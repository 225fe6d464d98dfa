/**
 * `vigil check metrics` (promtool check metrics): reads a text exposition from stdin, prints
 * promlint's findings to stderr (exit 3 when there are any), and with --extended a cardinality
 * table on stdout. Unparsable input exits 1 with expfmt's `text format parsing error in line N`.
 */
import {
  lintMetricFamilies,
  type MetricFamily,
  parseMetricFamilies,
  ParseError,
} from '../../model/textparse/index.js';

const SUCCESS = 0;
const FAILURE = 1;
const LINT_ERROR = 3;

const USAGE = `usage: vigil check metrics [<flags>]

Pass Prometheus metrics over stdin to lint them for consistency and correctness, and optionally perform cardinality analysis.

examples:

$ cat metrics.prom | vigil check metrics

$ curl -s http://localhost:9090/metrics | vigil check metrics --extended

$ curl -s http://localhost:9100/metrics | vigil check metrics --extended --lint=none

Flags:
  --extended    Print extended information related to the cardinality of the metrics.
  --lint="all"  Linting checks to apply for metrics. Available options are: all, none. Use --lint=none to disable metrics linting.
`;

interface Options {
  extended: boolean;
  lint: string;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { extended: false, lint: 'all' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--extended') o.extended = true;
    else if (a === '--no-extended') o.extended = false;
    else if (a.startsWith('--lint=')) o.lint = a.slice('--lint='.length);
    else if (a === '--lint') {
      const v = args[++i];
      if (v === undefined) return "expected argument for flag '--lint'";
      o.lint = v;
    } else if (a.startsWith('--')) return `unknown long flag '${a.split('=')[0]}'`;
    else return `unexpected ${a}`;
  }
  return o;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

interface MetricStat {
  name: string;
  cardinality: number;
  percentage: number;
}

/** checkMetricsExtended: series per family (histograms/summaries count buckets/quantiles + sum + count). */
export function cardinalityStats(families: readonly MetricFamily[]): { stats: MetricStat[]; total: number } {
  let total = 0;
  const stats: MetricStat[] = families.map((mf) => {
    const first = mf.metrics[0];
    let cardinality = mf.metrics.length;
    if (mf.type === 'HISTOGRAM') cardinality = mf.metrics.length * (2 + (first?.histogram?.buckets.length ?? 0));
    else if (mf.type === 'SUMMARY') cardinality = mf.metrics.length * (2 + (first?.summary?.quantiles.length ?? 0));
    total += cardinality;
    return { name: mf.name, cardinality, percentage: 0 };
  });
  for (const s of stats) s.percentage = s.cardinality / total;
  stats.sort((a, b) => b.cardinality - a.cardinality);
  return { stats, total };
}

/** Go's text/tabwriter with minwidth 4, padding 4, every cell tab-terminated. */
export function tabulate(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(Math.max(4, (widths[i] ?? 0) + 4) - [...c].length)).join('') + '\n').join('');
}

function extendedReport(body: Buffer): string | Error {
  let families: MetricFamily[];
  try {
    families = parseMetricFamilies(body, 'utf8');
  } catch (err) {
    if (err instanceof ParseError) return new Error(`error while parsing text to metric families: ${err.message}`);
    throw err;
  }
  const { stats, total } = cardinalityStats(families);
  const rows = [['Metric', 'Cardinality', 'Percentage']];
  for (const s of stats) rows.push([s.name, String(s.cardinality), `${(s.percentage * 100).toFixed(2)}%`]);
  rows.push(['Total', String(total), '100%']);
  return tabulate(rows);
}

export async function checkMetrics(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return SUCCESS;
  }
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    process.stderr.write(`vigil: error: ${opts}, try --help\n`);
    return FAILURE;
  }
  if (!opts.extended && opts.lint === 'none') {
    process.stderr.write('error: at least one of --extended or linting must be enabled\n');
    process.stderr.write('Use --extended for cardinality analysis, or remove --lint=none to enable linting\n');
    return FAILURE;
  }
  const body = await readStdin();
  let problems = 0;
  if (opts.lint !== 'none') {
    let families: MetricFamily[];
    try {
      families = parseMetricFamilies(body, 'legacy');
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      process.stderr.write(`error while linting: ${err.message}\n`);
      return FAILURE;
    }
    const found = lintMetricFamilies(families);
    for (const p of found) process.stderr.write(`${p.metric} ${p.text}\n`);
    problems = found.length;
  }
  if (opts.extended) {
    const report = extendedReport(body);
    if (report instanceof Error) {
      process.stderr.write(`${report.message}\n`);
      return FAILURE;
    }
    process.stdout.write(report);
  }
  return problems > 0 ? LINT_ERROR : SUCCESS;
}
