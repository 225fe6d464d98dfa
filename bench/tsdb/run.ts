/**
 * TSDB benchmark: Vigil's TSDB side by side with Prometheus 2.42 on the same node_exporter-like
 * data. Prints each figure with the reference figure and the ratio Vigil/reference. See
 * README.md for what each measurement does and how to run it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Labels, Matcher, MatchType } from '../../src/model/labels/index.js';
import { Engine } from '../../src/promql/engine/index.js';
import { ValueType } from '../../src/storage/index.js';
import { BlockWriter, DB } from '../../src/tsdb/index.js';
import { makeSeries, omSeries, ValueGenerator } from './data.js';
import { exposition, goDurationMs, promtool, selfMetric, startPrometheus, stopAll, stopProc } from './reference.js';

const H = 3600_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % (2 * H));
const EMPTY_CONFIG = 'global:\n  scrape_interval: 1m\nscrape_configs: []\n';
const ALL = ['disk', 'memory', 'throughput', 'select', 'replay'] as const;
type Part = (typeof ALL)[number];

interface Options {
  parts: Set<Part>;
  work: string;
  diskSeries: number;
  memSeries: number[];
  throughputSeries: number;
  throughputScrapes: number;
  selectSeries: number;
  selectSamples: number;
  replaySeries: number;
}

const USAGE = `usage: node dist/bench/tsdb/run.js [options]
  --only=disk,memory,throughput,select,replay   which measurements (default: all)
  --mem-series=100000[,1000000]                 head sizes for memory per series (default 100000)
  --replay-series=N                             series in the WAL for the replay time (default 100000)
  --disk-series=N                               series of the 2h block for bytes/sample (default 2000)
  --select-series=N --select-samples=M          select+decode data (default 10000 x 1000 = 10M samples)
  --throughput-series=N --throughput-scrapes=M  append workload (default 10000 x 300, as promtool bench write)
  --quick                                       smaller sizes everywhere (a smoke run)
  --work=DIR                                    scratch directory (default: a new temp dir, removed at the end)`;

function parseArgs(argv: string[]): Options {
  const o: Options = {
    parts: new Set(ALL),
    work: '',
    diskSeries: 2000,
    memSeries: [100_000],
    throughputSeries: 10_000,
    throughputScrapes: 300,
    selectSeries: 10_000,
    selectSamples: 1000,
    replaySeries: 100_000,
  };
  for (const a of argv) {
    const [k, v = ''] = a.replace(/^--/, '').split('=') as [string, string?];
    const num = (): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`bad value for --${k}: ${v}`);
      return n;
    };
    if (k === 'only') o.parts = new Set(v.split(',').filter((p): p is Part => (ALL as readonly string[]).includes(p)));
    else if (k === 'mem-series') o.memSeries = v.split(',').map(Number).filter((n) => n > 0);
    else if (k === 'replay-series') o.replaySeries = num();
    else if (k === 'disk-series') o.diskSeries = num();
    else if (k === 'select-series') o.selectSeries = num();
    else if (k === 'select-samples') o.selectSamples = num();
    else if (k === 'throughput-series') o.throughputSeries = num();
    else if (k === 'throughput-scrapes') o.throughputScrapes = num();
    else if (k === 'work') o.work = v;
    else if (k === 'quick') Object.assign(o, { diskSeries: 500, memSeries: [20_000], throughputSeries: 2000, throughputScrapes: 100, selectSeries: 2000, selectSamples: 500, replaySeries: 20_000 });
    else if (k === 'help' || k === 'h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

interface Row {
  name: string;
  vigil: number;
  ref: number;
  unit: string;
  /** Whether a lower figure is better (ratio < 1 favours Vigil). */
  lowerIsBetter: boolean;
  note?: string;
}

const rows: Row[] = [];

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e6) return n.toExponential(3);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  return n.toPrecision(4);
}

function report(r: Row): void {
  rows.push(r);
  const ratio = r.vigil / r.ref;
  console.log(`  ${r.name}: Vigil ${fmt(r.vigil)} ${r.unit}, Prometheus 2.42 ${fmt(r.ref)} ${r.unit}, ratio ${ratio.toFixed(2)} (${r.lowerIsBetter ? 'lower' : 'higher'} is better)${r.note ? ` — ${r.note}` : ''}`);
}

function childScript(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.js');
}

/** Runs a Vigil child measurement (optionally pinned to CPU 0) and parses its JSON line. */
function vigilChild(args: string[], pin = false): Record<string, number> {
  const node = [process.execPath, '--expose-gc', '--max-old-space-size=16384', childScript(), ...args];
  const useTaskset = pin && fs.existsSync('/usr/bin/taskset');
  const r = spawnSync(useTaskset ? '/usr/bin/taskset' : (node[0] as string), useTaskset ? ['-c', '0', ...node] : node.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`vigil child ${args[0] ?? ''} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Record<string, number>;
}

function dirBytes(p: string): number {
  let n = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    const f = path.join(p, e.name);
    n += e.isDirectory() ? dirBytes(f) : fs.statSync(f).size;
  }
  return n;
}

interface BlockFigures {
  bytes: number;
  chunkBytes: number;
  samples: number;
}

function blockFigures(blockDir: string): BlockFigures {
  const meta = JSON.parse(fs.readFileSync(path.join(blockDir, 'meta.json'), 'utf8')) as { stats: { numSamples: number } };
  return { bytes: dirBytes(blockDir), chunkBytes: dirBytes(path.join(blockDir, 'chunks')), samples: meta.stats.numSamples };
}

async function measureDisk(o: Options): Promise<void> {
  console.log(`bytes per sample on disk: ${o.diskSeries} series, 2h at 15s (one compacted 2h block)`);
  const series = makeSeries(o.diskSeries);
  const scrapes = 2 * 240;
  // Vigil: ingest through the DB (3h so the head compacts its first 2h), then compact.
  const vdir = path.join(o.work, 'disk-vigil');
  const db = await DB.open(vdir, { compactionInterval: 0 });
  const gen = new ValueGenerator(series);
  const vals = new Float64Array(series.length);
  const lines: string[] = [];
  for (let k = 0; k < scrapes + 260; k++) {
    gen.next(vals);
    const t = T0 + k * 15_000;
    const app = db.appender();
    for (let i = 0; i < series.length; i++) app.append(0, (series[i] as { labels: Labels }).labels, t, vals[i] as number);
    await app.commit();
    if (k < scrapes) for (let i = 0; i < series.length; i++) lines.push(`${omSeries((series[i] as { labels: Labels }).labels)} ${String(vals[i])} ${t / 1000}`);
  }
  await db.compact();
  const block = db.blockMetas().find((m) => m.minTime === T0);
  await db.close();
  if (block === undefined) throw new Error('no 2h block was compacted');
  const v = blockFigures(path.join(vdir, block.ulid));
  // Reference: promtool backfill of exactly the same samples.
  const input = path.join(o.work, 'disk.om');
  fs.writeFileSync(input, lines.join('\n') + '\n# EOF\n');
  const pdir = path.join(o.work, 'disk-prom');
  const r = promtool(['tsdb', 'create-blocks-from', 'openmetrics', '-q', input, pdir]);
  if (r.status !== 0) throw new Error(`promtool backfill: ${r.stderr}`);
  const pblock = fs.readdirSync(pdir).filter((n) => n.length === 26);
  const p = pblock.map((b) => blockFigures(path.join(pdir, b))).reduce((a, b) => ({ bytes: a.bytes + b.bytes, chunkBytes: a.chunkBytes + b.chunkBytes, samples: a.samples + b.samples }));
  if (p.samples !== v.samples) throw new Error(`sample counts differ: ${v.samples} vs ${p.samples}`);
  report({ name: 'block bytes/sample (index+chunks+meta)', vigil: v.bytes / v.samples, ref: p.bytes / p.samples, unit: 'B', lowerIsBetter: true });
  report({ name: 'chunk bytes/sample', vigil: v.chunkBytes / v.samples, ref: p.chunkBytes / p.samples, unit: 'B', lowerIsBetter: true, note: 'reference: promtool-backfilled block of the same samples' });
}

function expositionBody(series: { labels: Labels }[], gen: ValueGenerator, vals: Float64Array): string {
  gen.next(vals);
  const parts: string[] = [];
  for (let i = 0; i < series.length; i++) parts.push(`${omSeries((series[i] as { labels: Labels }).labels)} ${String(vals[i])}\n`);
  return parts.join('');
}

async function waitFor(what: string, timeoutMs: number, cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function measureMemory(o: Options, n: number): Promise<void> {
  console.log(`memory per active head series: ${n} series, 4 samples each`);
  const v = vigilChild(['memory', path.join(o.work, `mem-vigil-${n}`), String(n)]);
  const series = makeSeries(n);
  const gen = new ValueGenerator(series);
  const vals = new Float64Array(n);
  let active = false;
  const port = await exposition(() => (active ? expositionBody(series, gen, vals) : ''));
  const interval = n > 300_000 ? 20 : 5;
  const cfg = `global:\n  scrape_interval: ${interval}s\n  scrape_timeout: ${interval}s\nscrape_configs:\n  - job_name: bench\n    sample_limit: 0\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`;
  const prom = await startPrometheus(path.join(o.work, `mem-prom-${n}`), cfg, ['--log.level=warn']);
  try {
    await new Promise((r) => setTimeout(r, (2 * interval + 1) * 1000));
    const base = await selfMetric(prom.url, 'process_resident_memory_bytes');
    active = true;
    await waitFor('4 scrapes of every series', 40 * interval * 1000, async () => (await selfMetric(prom.url, 'prometheus_tsdb_head_samples_appended_total')) >= 4 * n);
    const rss = await selfMetric(prom.url, 'process_resident_memory_bytes');
    report({
      name: `RSS growth per head series at ${n}`,
      vigil: v['bytesPerSeries'] as number,
      ref: (rss - base) / n,
      unit: 'B',
      lowerIsBetter: true,
      note: 'reference RSS also holds the scrape cache of the target',
    });
  } finally {
    await stopProc(prom.proc);
  }
}

async function measureThroughput(o: Options): Promise<void> {
  const n = o.throughputSeries;
  console.log(`append throughput on one core (promtool tsdb bench write workload: ${n} series x ${o.throughputScrapes} scrapes, 1000 samples per commit)`);
  const file = path.join(o.work, 'bench-series.json');
  fs.writeFileSync(file, makeSeries(n).map((s) => JSON.stringify(s.labels.toObject())).join('\n') + '\n');
  const r = promtool(['tsdb', 'bench', 'write', `--metrics=${n}`, `--scrapes=${o.throughputScrapes}`, `--out=${path.join(o.work, 'bench-prom')}`, file], true);
  const m = /samples\/sec: ([\d.e+]+)/.exec(r.stdout);
  if (m === null) throw new Error(`promtool bench write: ${r.stdout}\n${r.stderr}`);
  const ref = Number(m[1]);
  const plain = vigilChild(['throughput', path.join(o.work, 'tp-vigil'), String(n), String(o.throughputScrapes), '0'], true);
  report({ name: 'append+commit (WAL uncompressed, as the reference)', vigil: plain['samplesPerSec'] as number, ref, unit: 'samples/s', lowerIsBetter: false });
  const snappy = vigilChild(['throughput', path.join(o.work, 'tp-vigil-snappy'), String(n), String(o.throughputScrapes), '1'], true);
  report({ name: 'append+commit (WAL snappy, Vigil default)', vigil: snappy['samplesPerSec'] as number, ref, unit: 'samples/s', lowerIsBetter: false, note: 'reference: uncompressed WAL' });
}

async function buildSelectData(dir: string, n: number, samples: number): Promise<number> {
  // A "name" label keeps the series distinct once count_over_time drops __name__.
  const series = makeSeries(n).map((s) => ({ ...s, labels: s.labels.with('name', s.labels.get('__name__')) }));
  const gen = new ValueGenerator(series);
  const vals = new Float64Array(n);
  const w = new BlockWriter(dir, 4 * H);
  let total = 0;
  try {
    for (let k = 0; k < samples; k++) {
      gen.next(vals);
      const t = T0 + k * 7_000;
      for (let from = 0; from < n; from += 10_000) {
        const app = w.appender();
        for (let i = from; i < Math.min(n, from + 10_000); i++) app.append(0, (series[i] as { labels: Labels }).labels, t, vals[i] as number);
        await app.commit();
      }
      total += n;
    }
    await w.flush();
  } finally {
    w.close();
  }
  return total;
}

async function bestOf<T>(rounds: number, fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value = await fn(); // warm-up
  for (let i = 0; i < rounds; i++) {
    const s = process.hrtime.bigint();
    value = await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - s) / 1e6);
  }
  return { ms: best, value };
}

async function measureSelect(o: Options): Promise<void> {
  const dir = path.join(o.work, 'select');
  const total = await buildSelectData(dir, o.selectSeries, o.selectSamples);
  console.log(`select + decode: ${total} samples in one block (${o.selectSeries} series)`);
  const query = 'sum(count_over_time({job=~"node.*"}[3h]))';
  const at = T0 + o.selectSamples * 7_000;
  const db = await DB.open(dir, { readOnly: true, compactionInterval: 0 });
  let raw: { ms: number; value: number };
  let eng: { ms: number; value: number };
  try {
    raw = await bestOf(3, async () => {
      const q = db.querier(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      const ss = q.select(false, null, new Matcher(MatchType.Regexp, 'job', 'node.*'));
      let c = 0;
      let sum = 0;
      while (ss.next()) {
        const it = ss.at().iterator();
        while (it.next() !== ValueType.None) {
          sum += it.atF();
          c++;
        }
      }
      q.close();
      return sum === -1 ? -1 : c;
    });
    const engine = new Engine({});
    eng = await bestOf(3, async () => {
      const r = await engine.newInstantQuery(db, query, at).exec();
      if (r.err !== null || r.value === null || r.value.type !== 'vector') throw new Error(`vigil query: ${String(r.err)}`);
      return r.value.value[0]?.f ?? 0;
    });
  } finally {
    await db.close();
  }
  const copy = path.join(o.work, 'select-prom');
  fs.cpSync(dir, copy, { recursive: true });
  const prom = await startPrometheus(copy, EMPTY_CONFIG, ['--log.level=warn']);
  let ref: { ms: number; value: number };
  try {
    ref = await bestOf(3, async () => {
      const r = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${at / 1000}`)).json()) as { data?: { result: { value: [number, string] }[] } };
      return Number(r.data?.result[0]?.value[1] ?? NaN);
    });
  } finally {
    await stopProc(prom.proc);
  }
  if (raw.value !== total || eng.value !== total || ref.value !== total) throw new Error(`sample counts: raw ${raw.value}, vigil ${eng.value}, prometheus ${ref.value}, want ${total}`);
  report({ name: 'select+decode (querier cursor) vs reference count_over_time', vigil: total / (raw.ms / 1000), ref: total / (ref.ms / 1000), unit: 'samples/s', lowerIsBetter: false, note: 'reference figure includes PromQL + HTTP' });
  report({ name: `${query} over ${total} samples`, vigil: eng.ms, ref: ref.ms, unit: 'ms', lowerIsBetter: true });
}

async function measureReplay(o: Options): Promise<void> {
  const n = o.replaySeries;
  const dir = path.join(o.work, 'replay');
  const fill = vigilChild(['fill-wal', dir, String(n), '10']);
  console.log(`WAL replay: ${n} series, ${fill['samples'] as number} samples (written by Vigil, snappy)`);
  const copy = path.join(o.work, 'replay-prom');
  fs.cpSync(dir, copy, { recursive: true });
  const v = vigilChild(['replay', dir]);
  const prom = await startPrometheus(copy, EMPTY_CONFIG, ['--log.level=info']);
  let ms: number;
  try {
    const m = /WAL replay completed.*total_replay_duration=(\S+)/.exec(prom.log());
    if (m === null) throw new Error(`no replay duration in the log:\n${prom.log()}`);
    ms = goDurationMs(m[1] as string);
    const series = await selfMetric(prom.url, 'prometheus_tsdb_head_series');
    if (series !== n || v['series'] !== n) throw new Error(`replayed series: vigil ${v['series'] as number}, prometheus ${series}, want ${n}`);
  } finally {
    await stopProc(prom.proc);
  }
  report({ name: `WAL replay of ${n} series`, vigil: v['ms'] as number, ref: ms, unit: 'ms', lowerIsBetter: true, note: 'Vigil: DB.open in a fresh process; reference: total_replay_duration' });
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const own = o.work === '';
  if (own) o.work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-tsdb-'));
  fs.mkdirSync(o.work, { recursive: true });
  console.log(`Vigil TSDB vs Prometheus 2.42 (${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, node ${process.version})`);
  try {
    if (o.parts.has('disk')) await measureDisk(o);
    if (o.parts.has('memory')) for (const n of o.memSeries) await measureMemory(o, n);
    if (o.parts.has('throughput')) await measureThroughput(o);
    if (o.parts.has('select')) await measureSelect(o);
    if (o.parts.has('replay')) await measureReplay(o);
  } finally {
    await stopAll();
    if (own) fs.rmSync(o.work, { recursive: true, force: true });
  }
  console.log('\nsummary (ratio = Vigil / Prometheus 2.42):');
  for (const r of rows) console.log(`  ${r.name.padEnd(62)} ${(r.vigil / r.ref).toFixed(2)}  (${r.lowerIsBetter ? 'lower' : 'higher'} is better)`);
}

main().catch(async (e: unknown) => {
  await stopAll();
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
