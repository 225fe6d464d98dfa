/**
 * The browser tests' environment: the real `vigil server` (scraping itself, with a recording
 * rule and an always-firing alert sent to the Alertmanager) and `vigil alertmanager` on free
 * loopback ports, and Debian's chromium driven headless by playwright-core. Screenshots go to
 * test-output/ui/ at the desktop and phone sizes. `uiSkipReason()` says why the suites cannot
 * run (no chromium, or ui/dist not built: `npm run build:ui`); `stopUiEnv` closes everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
  /** Extra scrape_configs entries (YAML list items, indented by two spaces). */
  scrapeConfigs?: string;
  /** Extra args of `vigil server`. */
  serverArgs?: string[];
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
rule_files: [${JSON.stringify(rules)}]
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
${o.scrapeConfigs ?? ''}`;
    const server = await startServer({ config, args: o.serverArgs ?? [] });
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
