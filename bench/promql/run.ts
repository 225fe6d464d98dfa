/**
 * PromQL benchmark: Prometheus's BenchmarkRangeQuery workload run over HTTP against Vigil and
 * the reference Prometheus, alternately, several rounds; prints median latencies, the ratio
 * Vigil/reference per query and the geometric mean of the ratios. See README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSpec, type Scale } from './data.js';
import { benchQueries, type BenchQuery } from './queries.js';
import { ensurePrometheusInstalled, prepareReferenceData, startReference, type Log } from './reference.js';
import { countDifferences, spawnVigilEndpoint, timeRangeQuery, type ResultSummary, type Target } from './targets.js';
import { startVigilEndpoint } from './vigil-endpoint.js';

interface Options {
  scale: Scale;
  rounds: number;
  targets: Target[];
  reference: string | null;
  noReference: boolean;
  vigil: string | null;
  noVigil: boolean;
  vigilInProcess: boolean;
  cacheDir: string;
  settleSec: number;
  filter: RegExp | null;
  timeoutSec: number;
  json: string | null;
}

const USAGE = `usage: node dist/bench/promql/run.js [options]
  --scale small|full     data size (full: 18,640 samples per series, as upstream; small: 2,000)
  --rounds N             timed rounds after one warm-up round (default 5)
  --target [NAME=]URL    an extra Prometheus-compatible endpoint (repeatable)
  --reference URL        a running reference already holding the bench data (no backfill)
  --no-reference         no reference Prometheus
  --vigil URL            a running Vigil endpoint instead of starting one
  --vigil-inprocess      serve Vigil from this process (default: a child process)
  --no-vigil             do not run Vigil
  --cache DIR            where backfilled TSDBs are kept (default $TMPDIR/vigil-bench-promql)
  --settle SECONDS       wait until block compaction has been quiet this long (default 70; 0: no wait)
  --filter REGEX         only queries whose expression matches
  --timeout SECONDS      per request (default 300)
  --json FILE            also write the results as JSON`;

function parseArgs(argv: string[]): Options {
  const o: Options = {
    scale: 'full',
    rounds: 5,
    targets: [],
    reference: null,
    noReference: false,
    vigil: null,
    noVigil: false,
    vigilInProcess: false,
    cacheDir: join(tmpdir(), 'vigil-bench-promql'),
    settleSec: 70,
    filter: null,
    timeoutSec: 300,
    json: null,
  };
  const value = (i: number): string => {
    const v = argv[i];
    if (v === undefined) throw new Error(`${argv[i - 1] ?? ''} needs a value\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--scale') {
      const v = value(++i);
      if (v !== 'small' && v !== 'full') throw new Error(`--scale must be small or full\n${USAGE}`);
      o.scale = v;
    } else if (a === '--rounds') o.rounds = Math.max(1, Number(value(++i)) | 0);
    else if (a === '--target') {
      const v = value(++i);
      const eq = v.indexOf('=');
      const named = eq > 0 && !v.slice(0, eq).includes(':');
      o.targets.push({ name: named ? v.slice(0, eq) : v, url: (named ? v.slice(eq + 1) : v).replace(/\/$/, '') });
    } else if (a === '--reference') o.reference = value(++i).replace(/\/$/, '');
    else if (a === '--no-reference') o.noReference = true;
    else if (a === '--vigil') o.vigil = value(++i).replace(/\/$/, '');
    else if (a === '--no-vigil') o.noVigil = true;
    else if (a === '--vigil-inprocess') o.vigilInProcess = true;
    else if (a === '--cache') o.cacheDir = value(++i);
    else if (a === '--settle') o.settleSec = Math.max(0, Number(value(++i)));
    else if (a === '--filter') o.filter = new RegExp(value(++i));
    else if (a === '--timeout') o.timeoutSec = Math.max(1, Number(value(++i)));
    else if (a === '--json') o.json = value(++i);
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument ${String(a)}\n${USAGE}`);
  }
  return o;
}

interface Row {
  query: BenchQuery;
  steps: number;
  /** Per target: timings (ms) of the timed rounds, or the error it answered. */
  times: Map<string, number[]>;
  errors: Map<string, string>;
  summaries: Map<string, ResultSummary>;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const log: Log = (msg) => process.stderr.write(`${msg}\n`);

async function runQueries(o: Options, targets: Target[], queries: BenchQuery[]): Promise<Row[]> {
  const spec = dataSpec(o.scale);
  const endMs = spec.numIntervals * spec.intervalMs;
  const rows: Row[] = queries.map((q) => ({
    query: q,
    steps: Math.min(q.steps, spec.numIntervals),
    times: new Map(targets.map((t) => [t.name, []])),
    errors: new Map(),
    summaries: new Map(),
  }));
  for (let round = 0; round <= o.rounds; round++) {
    const warmup = round === 0;
    log(warmup ? 'warm-up round (checks results)' : `round ${round}/${o.rounds}`);
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const row of rows) {
      const params = { query: row.query.expr, startMs: endMs - row.steps * spec.intervalMs, endMs, stepMs: spec.intervalMs };
      for (const t of order) {
        if (row.errors.has(t.name)) continue;
        try {
          const r = await timeRangeQuery(t, params, warmup, o.timeoutSec * 1000);
          if (r.summary !== null && !r.summary.ok) {
            row.errors.set(t.name, r.summary.error);
            continue;
          }
          if (warmup && r.summary !== null) row.summaries.set(t.name, r.summary);
          if (!warmup) row.times.get(t.name)?.push(r.ms);
        } catch (e) {
          row.errors.set(t.name, e instanceof Error ? e.message : String(e));
        }
      }
    }
  }
  return rows;
}

function fmtMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

/** Prints the table; returns the geometric mean of the Vigil/reference ratios (or NaN). */
function printTable(rows: Row[], targets: Target[], vigil: string | null, reference: string | null): number {
  const header = ['query', 'steps', ...targets.map((t) => `${t.name} ms`)];
  const ratioCol = vigil !== null && reference !== null;
  if (ratioCol) header.push('ratio', 'vs ref');
  const lines: string[][] = [header];
  const ratios: number[] = [];
  for (const r of rows) {
    const cells = [r.query.expr + (r.query.p3Only ? ' (P3)' : ''), String(r.steps)];
    const med = new Map<string, number>();
    for (const t of targets) {
      const err = r.errors.get(t.name);
      const times = r.times.get(t.name) ?? [];
      if (err !== undefined || times.length === 0) {
        cells.push(err !== undefined ? 'error' : '-');
        continue;
      }
      const m = median(times);
      med.set(t.name, m);
      cells.push(fmtMs(m));
    }
    if (ratioCol) {
      const a = med.get(vigil);
      const b = med.get(reference);
      if (a !== undefined && b !== undefined && b > 0) {
        ratios.push(a / b);
        cells.push((a / b).toFixed(2));
      } else {
        cells.push('n/a');
      }
      const sa = r.summaries.get(vigil);
      const sb = r.summaries.get(reference);
      const d = sa && sb ? countDifferences(sa, sb) : -1;
      cells.push(d < 0 ? '' : d === 0 ? 'same' : `${d} diff`);
    }
    lines.push(cells);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  for (const l of lines) {
    process.stdout.write(`${l.map((c, i) => (i < 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ')}\n`);
  }
  const geo = ratios.length > 0 ? Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length) : NaN;
  if (ratioCol) {
    process.stdout.write(`\ngeometric mean of ${vigil}/${reference} ratios over ${ratios.length} queries: ${geo.toFixed(3)}\n`);
  }
  let p3Skipped = 0;
  for (const r of rows) {
    for (const [t, e] of r.errors) {
      if (t === reference && r.query.p3Only) p3Skipped++;
      else process.stdout.write(`error: ${t}: ${r.query.expr} (${r.steps} steps): ${e.slice(0, 200)}\n`);
    }
  }
  if (p3Skipped > 0) process.stdout.write(`(${reference} rejected the ${p3Skipped} Prometheus-3-only queries, marked (P3): no ratio)\n`);
  return geo;
}

/** The version a Prometheus-compatible server reports, or '' if it does not say. */
async function buildVersion(url: string): Promise<string> {
  try {
    const r = await fetch(`${url}/api/v1/status/buildinfo`, { signal: AbortSignal.timeout(5000) });
    const j: unknown = await r.json();
    if (typeof j === 'object' && j !== null && 'data' in j) {
      const d = (j as { data: unknown }).data;
      if (typeof d === 'object' && d !== null && 'version' in d) return `version ${String((d as { version: unknown }).version)}`;
    }
  } catch {
    // not reported
  }
  return '';
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  mkdirSync(o.cacheDir, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  const targets: Target[] = [];
  let vigilName: string | null = null;
  let refName: string | null = null;
  const interrupt = (): void => {
    log('interrupted: stopping servers');
    void Promise.allSettled(cleanups.map((c) => c())).then(() => process.kill(process.pid, 'SIGTERM'));
  };
  process.once('SIGINT', interrupt);
  try {
    if (!o.noReference) {
      if (o.reference !== null) {
        targets.push({ name: 'prometheus', url: o.reference });
      } else {
        await ensurePrometheusInstalled(log, join(o.cacheDir, 'apt.log'));
        const tsdb = await prepareReferenceData(o.cacheDir, o.scale, log);
        const ref = await startReference(tsdb, o.cacheDir, o.settleSec * 1000, log);
        cleanups.push(ref.stop);
        targets.push({ name: 'prometheus', url: ref.url });
      }
      refName = 'prometheus';
    }
    if (!o.noVigil) {
      let url = o.vigil;
      if (url === null) {
        log(`loading Vigil (${o.vigilInProcess ? 'in process' : 'child process'}, scale ${o.scale})`);
        const ep = o.vigilInProcess ? await startVigilEndpoint(o.scale) : await spawnVigilEndpoint(o.scale);
        cleanups.push(ep.close);
        log(`  ${ep.samples} samples loaded in ${(ep.loadMs / 1000).toFixed(1)} s; serving ${ep.url}`);
        url = ep.url;
      }
      targets.unshift({ name: 'vigil', url });
      vigilName = 'vigil';
    }
    targets.push(...o.targets);
    if (targets.length === 0) throw new Error('no targets');
    const versions = await Promise.all(targets.map((t) => buildVersion(t.url)));
    const queries = benchQueries().filter((q) => o.filter === null || o.filter.test(q.expr));
    const spec = dataSpec(o.scale);
    process.stdout.write(
      `PromQL bench: scale ${o.scale} (${spec.numIntervals} samples/series, 10 s apart), ${o.rounds} rounds + warm-up, ` +
        `median latency per query (ms, HTTP /api/v1/query_range incl. JSON)\n` +
        `targets: ${targets.map((t, i) => `${t.name}=${t.url}${versions[i] ? ` (${versions[i]})` : ''}`).join(', ')}\n\n`,
    );
    const rows = await runQueries(o, targets, queries);
    const geo = printTable(rows, targets, vigilName, refName);
    if (o.json !== null) {
      const out = rows.map((r) => ({
        expr: r.query.expr,
        steps: r.steps,
        p3Only: r.query.p3Only,
        medianMs: Object.fromEntries([...r.times].filter(([, v]) => v.length > 0).map(([k, v]) => [k, median(v)])),
        errors: Object.fromEntries(r.errors),
      }));
      writeFileSync(o.json, JSON.stringify({ scale: o.scale, rounds: o.rounds, geometricMeanRatio: geo, rows: out }, null, 2));
    }
  } finally {
    process.removeListener('SIGINT', interrupt);
    for (const c of cleanups.reverse()) await c();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
