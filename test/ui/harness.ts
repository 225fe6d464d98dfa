/**
 * The browser tests' environment: the real `vigil server` (scraping itself, with a recording
 * rule and an always-firing alert sent to the Alertmanager) and `vigil alertmanager` on free
 * loopback ports, and Debian's chromium driven headless by playwright-core. Screenshots go to
 * test-output/ui/ at the desktop and phone sizes. `uiSkipReason()` says why the suites cannot
 * run (no chromium, or ui/dist not built: `npm run build:ui`); `stopUiEnv` closes everything.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventually, freePort, repoRoot, request, startServer, stopAll, tmpDir, type ServerProcess } from '../server/harness.js';

export const CHROMIUM = process.env['VIGIL_CHROMIUM'] ?? '/usr/bin/chromium';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

/** Where screenshots are saved (gitignored). */
export function screenshotDir(): string {
  return path.join(repoRoot(), 'test-output', 'ui');
}

/** Why the browser suites cannot run here, or null when they can. */
export function uiSkipReason(): string | null {
  if (!fs.existsSync(CHROMIUM)) return `no chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!fs.existsSync(path.join(repoRoot(), 'ui', 'dist', 'index.html'))) return 'ui/dist is not built (npm run build:ui)';
  return null;
}

export type Program = 'prometheus' | 'alertmanager';

/** The route patterns of each program, read from the app's page table (ui/src/pages/routes.tsx). */
export function pageRoutes(): Record<Program, string[]> {
  const src = fs.readFileSync(path.join(repoRoot(), 'ui', 'src', 'pages', 'routes.tsx'), 'utf8');
  const am = src.indexOf('alertmanager: [');
  const prom = src.indexOf('prometheus: [');
  if (am < 0 || prom < 0 || prom > am) throw new Error('routes.tsx: no prometheus: [...] then alertmanager: [...] tables');
  const patterns = (s: string): string[] => [...s.matchAll(/pattern:\s*'([^']+)'/g)].map((m) => m[1] ?? '');
  return { prometheus: patterns(src.slice(prom, am)), alertmanager: patterns(src.slice(am)) };
}

export interface AlertmanagerProcess {
  proc: ChildProcess;
  port: number;
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

export interface UiEnv {
  server: ServerProcess;
  am: AlertmanagerProcess;
  browser: Browser;
  /** A silence created at start (for the /silences/:id pages). */
  silenceId: string;
}

export interface UiEnvOptions {
  /**
   * Extra scrape_configs entries (YAML list items, indented by two spaces); `$SELF` stands for
   * the server's address and `$ALERTMANAGER` for the Alertmanager's.
   */
  scrapeConfigs?: string;
  /** Extra args of `vigil server`. */
  serverArgs?: string[];
  /** The server's TSDB folder (e.g. one made by backfill()); default a fresh temp folder. */
  dataDir?: string;
  /** Extra rule files (paths) beside the harness's own. */
  ruleFiles?: string[];
}

const RULES = `groups:
  - name: ui-test
    interval: 1s
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: AlwaysFiring
        expr: vector(1)
        labels:
          severity: warning
        annotations:
          summary: An alert that always fires.
      - alert: NeverFires
        expr: vector(1) == 0
`;

const AM_CONFIG = `route:
  receiver: blackhole
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: blackhole
`;

/** Spawns `node bin/vigil alertmanager` on a free loopback port and waits for /-/ready. */
export async function startAlertmanager(config = AM_CONFIG): Promise<AlertmanagerProcess> {
  const dir = tmpDir('vigil-ui-am-');
  const port = await freePort();
  const configFile = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(configFile, config);
  const proc = spawn(
    process.execPath,
    [
      path.join(repoRoot(), 'bin', 'vigil'),
      'alertmanager',
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const am: AlertmanagerProcess = {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    logs: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
  try {
    await eventually(
      async () => {
        if (proc.exitCode !== null) throw new Error(`alertmanager exited with ${proc.exitCode}:\n${out}`);
        return (await request(`${am.url}/-/ready`, { timeoutMs: 1000 })).status === 200 ? true : null;
      },
      20_000,
      'alertmanager ready',
    );
  } catch (e) {
    await am.stop();
    throw e;
  }
  return am;
}

async function createSilence(am: AlertmanagerProcess): Promise<string> {
  const now = Date.now();
  const body = JSON.stringify({
    matchers: [{ name: 'alertname', value: 'NeverFires', isRegex: false, isEqual: true }],
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 3600_000).toISOString(),
    createdBy: 'ui-test',
    comment: 'created by the UI test harness',
  });
  const r = await request(`${am.url}/api/v2/silences`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  if (r.status !== 200) throw new Error(`creating a silence: ${r.status} ${r.body}`);
  const id = (JSON.parse(r.body) as { silenceID?: unknown }).silenceID;
  if (typeof id !== 'string') throw new Error(`creating a silence: no silenceID in ${r.body}`);
  return id;
}

/** Starts both programs (the server sends its alerts to the Alertmanager) and the browser. */
export async function startUiEnv(o: UiEnvOptions = {}): Promise<UiEnv> {
  fs.mkdirSync(screenshotDir(), { recursive: true });
  const am = await startAlertmanager();
  try {
    const rules = path.join(tmpDir('vigil-ui-rules-'), 'rules.yml');
    fs.writeFileSync(rules, RULES);
    const config = `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ${JSON.stringify([rules, ...(o.ruleFiles ?? [])])}
alerting:
  alertmanagers:
    - static_configs:
        - targets: ["127.0.0.1:${am.port}"]
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ["$SELF"]
  - job_name: alertmanager
    static_configs:
      - targets: ["127.0.0.1:${am.port}"]
${(o.scrapeConfigs ?? '').replaceAll('$ALERTMANAGER', `127.0.0.1:${am.port}`)}`;
    // Firing alerts are re-sent every 2 s (not 1 m): a first send lost to a slow start does not
    // hold the Alertmanager pages' tests back for a minute.
    const server = await startServer({ config, args: ['--rules.alert.resend-delay=2s', ...(o.serverArgs ?? [])], ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}) });
    const silenceId = await createSilence(am);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    return { server, am, browser, silenceId };
  } catch (e) {
    await am.stop();
    await stopAll();
    throw e;
  }
}

/** Closes the browser and stops both programs (for an after() hook; safe to call twice). */
export async function stopUiEnv(env: UiEnv | undefined): Promise<void> {
  if (env !== undefined) {
    await env.browser.close().catch(() => undefined);
    await env.server.stop();
    await env.am.stop();
  }
  await stopAll();
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page (page.on('pageerror')). */
  errors: string[];
  /** Console errors and failed or 4xx/5xx requests, to explain a failure. */
  log: string[];
  close(): Promise<void>;
}

/** A fresh page (own context: no shared storage) at a viewport size, recording page errors. */
export async function openPage(env: UiEnv, viewport: ViewportName = 'desktop'): Promise<OpenPage> {
  const context = await env.browser.newContext({ viewport: VIEWPORTS[viewport], deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  const log: string[] = [];
  page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') log.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => log.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) log.push(`${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return { context, page, errors, log, close: () => context.close() };
}

/** Waits until the app shell is there and the lazily loaded page has replaced "Loading…". */
export async function waitForApp(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.waitForSelector('header.navbar', { timeout: timeoutMs });
  await page.waitForSelector('main .loading', { state: 'detached', timeout: timeoutMs });
}

/** Saves a full-page screenshot as test-output/ui/<name>-<viewport>.png; returns its path. */
export async function screenshot(page: Page, name: string, viewport: ViewportName): Promise<string> {
  const file = path.join(screenshotDir(), `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}-${viewport}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A TSDB folder holding the samples of an OpenMetrics text (every sample with a timestamp,
 * ending in `# EOF`), made by `vigil tsdb create-blocks-from openmetrics`: start a server on it
 * with `startUiEnv({ dataDir })`. Put the samples a few hours back, out of the head's range.
 */
export async function backfill(openMetrics: string): Promise<string> {
  const dir = tmpDir('vigil-ui-backfill-');
  const input = path.join(dir, 'input.om');
  const data = path.join(dir, 'data');
  fs.writeFileSync(input, openMetrics);
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(repoRoot(), 'bin', 'vigil'), 'tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, data],
      { timeout: 60_000, maxBuffer: 1 << 20 },
      (err, _stdout, stderr) => (err === null ? resolve() : reject(new Error(`backfill: ${err.message}\n${stderr}`))),
    );
  });
  fs.rmSync(input);
  return data;
}

/** The dashboards admin's session cookie value: signs in as admin/admin and changes the initial password (API). */
export async function adminSession(env: UiEnv, newPassword = 'ui-test-password'): Promise<string> {
  const json = { 'Content-Type': 'application/json' };
  const cookieOf = (r: { headers: Record<string, string | string[] | undefined> }): string => {
    const set = r.headers['set-cookie'];
    const m = /grafana_session=([^;]+)/.exec(Array.isArray(set) ? set.join('\n') : (set ?? ''));
    if (m === null) throw new Error('no grafana_session cookie');
    return m[1] ?? '';
  };
  let r = await request(`${env.server.url}/login`, { method: 'POST', headers: json, body: JSON.stringify({ user: 'admin', password: 'admin' }) });
  if (r.status === 401) r = await request(`${env.server.url}/login`, { method: 'POST', headers: json, body: JSON.stringify({ user: 'admin', password: newPassword }) });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${r.body}`);
  const token = cookieOf(r);
  if ((JSON.parse(r.body) as { mustChangePassword?: unknown }).mustChangePassword === true) {
    const c = await request(`${env.server.url}/api/user/password`, {
      method: 'PUT',
      headers: { ...json, Cookie: `grafana_session=${token}` },
      body: JSON.stringify({ oldPassword: 'admin', newPassword, confirmNew: newPassword }),
    });
    if (c.status !== 200) throw new Error(`password change: ${c.status} ${c.body}`);
  }
  return token;
}

export interface PanelState {
  id: string;
  type: string;
  title: string;
  /** loading, ok, no-data or error. */
  state: string;
  /** The panel's error text (when state is error). */
  error: string;
}

/**
 * Waits until no dashboard panel ([data-panel-id]) is loading and returns them all (rows
 * included, type "row"). The page is scrolled through meanwhile, for panels drawn on sight.
 */
export async function settledPanels(page: Page, timeoutMs = 30_000): Promise<PanelState[]> {
  await page.waitForSelector('[data-panel-id]', { timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const panels = await page.locator('[data-panel-id]').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-panel-id') ?? '',
        type: el.getAttribute('data-panel-type') ?? '',
        title: el.querySelector('.dash-panel-title')?.textContent ?? '',
        state: el.getAttribute('data-state') ?? '',
        error: el.querySelector('.error-text')?.textContent ?? '',
      })),
    );
    if (panels.every((p) => p.state !== 'loading')) return panels;
    if (Date.now() > deadline) throw new Error(`panels still loading after ${timeoutMs} ms: ${JSON.stringify(panels)}`);
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(100);
  }
}

/**
 * OpenMetrics text for backfill(): gauge `ui_bench_wave{series="s<i>"}` for i < series, one
 * sample a second from startSec (sine waves, each series shifted), ending in `# EOF`.
 */
export function waveOpenMetrics(series: number, points: number, startSec: number): string {
  const lines: string[] = ['# HELP ui_bench_wave Sine waves for the graph tests.', '# TYPE ui_bench_wave gauge'];
  for (let i = 0; i < series; i++) {
    for (let k = 0; k < points; k++) lines.push(`ui_bench_wave{series="s${i}"} ${(Math.sin(k / 50 + i) * 10 + i).toFixed(3)} ${startSec + k}`);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

/** A start time (s) for backfilled samples: 4 hours before the current 2-hour block, out of the head's range. */
export function backfillStart(now = Date.now()): number {
  return Math.floor(now / 1000 / 7200) * 7200 - 4 * 3600;
}

/**
 * Waits past the next multiple of stepMs (plus a margin). A dashboard aligns a range query's end
 * down to its step (15 s by default, as Grafana), so data a server holds now shows on every
 * time series panel only after that boundary: call this once the data is there.
 */
export async function pastNextStep(stepMs = 15_000, marginMs = 300): Promise<void> {
  const now = Date.now();
  const boundary = Math.floor(now / stepMs) * stepMs + stepMs;
  await new Promise((r) => setTimeout(r, boundary - now + marginMs));
}

/**
 * A screenshot of a whole dashboard with its panels drawn: the viewport is first made as tall
 * as the page (a full-page capture resizes it, and resized panels query again), the panels
 * are let settle, then the picture is taken. Returns the panels as settledPanels() does.
 */
export async function dashboardScreenshot(page: Page, name: string, viewport: ViewportName, timeoutMs = 30_000): Promise<PanelState[]> {
  await settledPanels(page, timeoutMs);
  const height = await page.evaluate('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: VIEWPORTS[viewport].width, height: Math.min(Math.max(Number(height), VIEWPORTS[viewport].height), 12_000) });
  await page.waitForTimeout(300);
  const panels = await settledPanels(page, timeoutMs);
  await screenshot(page, name, viewport);
  return panels;
}
