/**
 * UI benchmark: with headless chromium (Debian's, driven by playwright-core) against the real
 * `vigil server`, measures how long the Query page takes from the Execute click to a drawn
 * graph of 100 x 1,000 and 500 x 1,000 points (backfilled series), how long a dashboard takes
 * from navigation to every panel drawn, and prints the size of the built app (ui/dist, total
 * and gzip). Builds nothing: run `npm run build:ui` and `npx tsc -p .` first. There is no
 * reference program to compare with (see README.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { getJson, repoRoot } from '../../test/server/harness.js';
import {
  backfill, backfillStart, openPage, settledPanels, startUiEnv, stopUiEnv, uiSkipReason, waitForApp, waveOpenMetrics, type UiEnv,
} from '../../test/ui/harness.js';

const POINTS = 1000;
const MAX_SERIES = 500;
const USAGE = 'usage: node dist/bench/ui/run.js [--runs N]';

interface Timing {
  /** Click to drawn chart, ms. */
  total: number;
  /** The query's round trip as the page measured it (fetch start to response end), ms. */
  fetch: number;
}

function parseRuns(argv: string[]): number {
  let runs = 5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs <= 0) throw new Error(`--runs needs a positive integer\n${USAGE}`);
    } else throw new Error(`unknown argument ${argv[i] ?? ''}\n${USAGE}`);
  }
  return runs;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function endInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** One graph: a fresh page, the expression typed, Execute clicked, until the chart is drawn. */
async function graphOnce(env: UiEnv, page: Page, expr: string, series: number, t0: number): Promise<Timing> {
  const end = (t0 + POINTS - 1) * 1000;
  const q = new URLSearchParams({ 'g0.expr': '', 'g0.tab': 'graph', 'g0.range_input': `${POINTS - 1}s`, 'g0.end_input': endInput(end), 'g0.res_type': 'fixed', 'g0.res_step': '1' });
  await page.goto(`${env.server.url}/query?${q.toString()}`, { waitUntil: 'load' });
  await waitForApp(page);
  await page.locator('[data-testid=query-editor] .cm-content').first().click();
  await page.keyboard.insertText(expr);
  await page.keyboard.press('Escape');
  await page.evaluate('performance.clearResourceTimings()');
  const started = Date.now();
  await page.locator('[data-testid=execute-button]').click();
  await page.waitForFunction(
    `(() => { const g = document.querySelector('[data-testid=query-graph]'); const c = g && g.querySelector('canvas');
      return g !== null && g.getAttribute('data-series') === '${series}' && c !== null && c.width > 0; })()`,
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
  const total = Date.now() - started;
  const fetch = Number(
    await page.evaluate(`(() => { const r = performance.getEntriesByType('resource').filter((x) => x.name.includes('/api/v1/query_range')).pop();
      return r ? r.responseEnd - r.startTime : 0; })()`),
  );
  return { total, fetch };
}

async function benchGraph(env: UiEnv, series: number, t0: number, runs: number): Promise<void> {
  const expr = series === MAX_SERIES ? 'ui_bench_wave' : `ui_bench_wave{series=~"s[0-9]|s[0-9][0-9]"}`;
  if (series !== 100 && series !== MAX_SERIES) throw new Error(`no expression for ${series} series`);
  const warm = await getJson(`${env.server.url}/api/v1/query_range?query=${encodeURIComponent(expr)}&start=${t0}&end=${t0 + POINTS - 1}&step=1`);
  const got = (warm.data as { result?: unknown[] } | undefined)?.result?.length ?? 0;
  if (got !== series) throw new Error(`${expr}: ${got} series, expected ${series}`);
  const p = await openPage(env, 'desktop');
  try {
    const timings: Timing[] = [];
    for (let i = 0; i < runs; i++) timings.push(await graphOnce(env, p.page, expr, series, t0));
    const totals = timings.map((t) => t.total);
    const draws = timings.map((t) => t.total - t.fetch);
    console.log(
      `graph ${String(series).padStart(3)} x ${POINTS}: click to drawn median ${median(totals).toFixed(0)} ms (min ${Math.min(...totals)}, max ${Math.max(...totals)}); ` +
        `of which query round trip median ${median(timings.map((t) => t.fetch)).toFixed(0)} ms, page work median ${median(draws).toFixed(0)} ms`,
    );
    if (p.errors.length > 0) console.log(`  page errors: ${p.errors.join('\n')}`);
  } finally {
    await p.close();
  }
}

async function benchDashboard(env: UiEnv, uid: string, runs: number): Promise<void> {
  const p = await openPage(env, 'desktop');
  try {
    const times: number[] = [];
    let panels = 0;
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await p.page.goto(`${env.server.url}/d/${uid}`, { waitUntil: 'load' });
      await waitForApp(p.page);
      const settled = await settledPanels(p.page, 30_000);
      await p.page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
      times.push(Date.now() - started);
      panels = settled.filter((x) => x.type !== 'row').length;
      const bad = settled.filter((x) => x.state === 'error');
      if (bad.length > 0) console.log(`  error panels: ${JSON.stringify(bad)}`);
    }
    console.log(`dashboard ${uid} (${panels} panels, 1 h): navigation to every panel drawn median ${median(times).toFixed(0)} ms (min ${Math.min(...times)}, max ${Math.max(...times)})`);
  } finally {
    await p.close();
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = join(dir, n);
    return statSync(f).isDirectory() ? walk(f) : [f];
  });
}

/** The built app's size: every file in ui/dist, raw and gzip (level 9), and what the first page load fetches. */
function printAppSize(): void {
  const dist = join(repoRoot(), 'ui', 'dist');
  const files = walk(dist).map((f) => {
    const body = readFileSync(f);
    return { name: relative(dist, f), bytes: body.length, gz: gzipSync(body, { level: 9 }).length };
  });
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const sum = (xs: { bytes: number; gz: number }[]): { bytes: number; gz: number } => xs.reduce((a, f) => ({ bytes: a.bytes + f.bytes, gz: a.gz + f.gz }), { bytes: 0, gz: 0 });
  const all = sum(files);
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = files.filter((f) => f.name === 'index.html' || index.includes(f.name));
  const first = sum(entry);
  console.log(`app size (ui/dist): ${files.length} files, ${kib(all.bytes)} total, ${kib(all.gz)} gzip`);
  console.log(`  first load (index.html and what it references): ${kib(first.bytes)}, ${kib(first.gz)} gzip; pages load lazily`);
  for (const f of [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 5)) console.log(`  ${f.name.padEnd(44)} ${kib(f.bytes).padStart(10)}  gzip ${kib(f.gz).padStart(9)}`);
}

async function main(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2));
  const skip = uiSkipReason();
  if (skip !== null) throw new Error(`cannot run: ${skip}`);
  console.log('Vigil UI benchmark (headless chromium; no reference program exists for the UI, so no ratio)');
  printAppSize();
  const t0 = backfillStart();
  const dataDir = await backfill(waveOpenMetrics(MAX_SERIES, POINTS, t0));
  const env = await startUiEnv({ dataDir });
  try {
    await benchGraph(env, 100, t0, runs);
    await benchGraph(env, MAX_SERIES, t0, runs);
    await benchDashboard(env, 'vigil-overview', runs);
  } finally {
    await stopUiEnv(env);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
