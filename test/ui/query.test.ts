/**
 * The Query page in headless chromium against the real `vigil server`: an expression typed in
 * the CodeMirror editor runs and shows its series in the table and the graph; failing queries
 * show upstream's error text exactly as the API returns it; the Prometheus UI's URL parameters
 * (g0.expr, g0.tab, g0.range_input, g0.end_input, g0.res_type, g0.res_step) open the same
 * state; a label value and a string holding HTML show as text (no dialog, no element); and a
 * graph of 100 backfilled series x 1,000 points is drawn in under a second from the click.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, getJson, queryVector } from '../server/harness.js';
import {
  backfill, backfillStart, openPage, screenshot, startUiEnv, stopUiEnv, uiSkipReason, waitForApp, waveOpenMetrics,
  type OpenPage, type UiEnv, type ViewportName,
} from './harness.js';

const HTML = '<img src=x onerror=alert(1)>';
const SERIES = 100;
const POINTS = 1000;

/** A job scraping the server itself with a target label holding HTML. */
const XSS_JOB = `  - job_name: xss
    static_configs:
      - targets: ["$SELF"]
        labels:
          note: ${JSON.stringify(HTML)}
`;

/** Replaces the editor's text with expr (inserted as text: no completion, no auto-closed brackets). */
async function typeQuery(page: Page, expr: string): Promise<void> {
  const content = page.locator('[data-testid=query-editor] .cm-content').first();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(expr);
  await page.keyboard.press('Escape'); // closes a completion popup
  const shown = await content.innerText();
  assert.equal(shown, expr, 'the editor holds what was typed');
}

/** The time format of g0.end_input (UTC). */
function endInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const skip = uiSkipReason();

describe('the Query page', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;
  const t0 = backfillStart();
  const e = (): UiEnv => {
    if (env === undefined) throw new Error('environment not started');
    return env;
  };

  /** Opens path, runs fn, and checks no page error and no dialog happened. */
  async function withPage(path: string, viewport: ViewportName, fn: (p: OpenPage) => Promise<void>): Promise<void> {
    const p = await openPage(e(), viewport);
    const dialogs: string[] = [];
    p.page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    try {
      await p.page.goto(`${e().server.url}${path}`, { waitUntil: 'load' });
      await waitForApp(p.page);
      await fn(p);
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assert.deepEqual(p.errors, [], `uncaught errors in ${path}`);
    } catch (x) {
      if (x instanceof Error) x.message += `\npage log:\n${p.log.join('\n')}`;
      throw x;
    } finally {
      await p.close();
    }
  }

  before(async () => {
    const dataDir = await backfill(waveOpenMetrics(SERIES, POINTS, t0));
    env = await startUiEnv({ scrapeConfigs: XSS_JOB, dataDir });
    const base = env.server.url;
    // Every job scraped twice (the graph's last steps have data).
    await eventually(async () => ((await queryVector(base, 'count_over_time(up[1m]) >= 2')).length === 3 ? true : null), 20_000, 'three jobs scraped');
  }, { timeout: 90_000 });

  after(async () => {
    await stopUiEnv(env);
  }, { timeout: 30_000 });

  test('a typed query shows its series in the table and the graph', { timeout: 60_000 }, async () => {
    // A short range at a 1 s resolution: the server has only run for seconds.
    await withPage('/query?g0.expr=&g0.tab=table&g0.range_input=1m&g0.res_type=fixed&g0.res_step=1', 'desktop', async ({ page }) => {
      await typeQuery(page, 'up{job=~"prometheus|alertmanager"}');
      await page.locator('[data-testid=execute-button]').click();
      const table = page.locator('[data-testid=query-table][data-result-type=vector]');
      await table.waitFor({ timeout: 10_000 });
      const rows = await table.locator('tr').allInnerTexts();
      assert.equal(rows.length, 2, rows.join('\n'));
      assert.ok(rows.some((r) => /^up\{instance="127\.0\.0\.1:\d+", job="prometheus"\}\s+1$/.test(r)), rows.join('\n'));
      assert.ok(rows.some((r) => /job="alertmanager"\}\s+1$/.test(r)), rows.join('\n'));
      await page.waitForURL(/g0\.expr=up/);
      await screenshot(page, 'query-table', 'desktop');

      await page.locator('[data-testid=tab-graph]').click();
      const graph = page.locator('[data-testid=query-graph]');
      await graph.locator('canvas').first().waitFor({ timeout: 10_000 });
      assert.equal(await graph.getAttribute('data-series'), '2');
      const legend = await graph.locator('[data-testid=legend-item]').allInnerTexts();
      assert.ok(legend.some((l) => l.includes('job="prometheus"')), legend.join('\n'));
      await page.waitForURL(/g0\.tab=graph/);
      await screenshot(page, 'query-graph', 'desktop');
    });
  });

  test('the same on a phone', { timeout: 60_000 }, async () => {
    await withPage('/query?g0.expr=job%3Aup%3Asum&g0.tab=graph&g0.range_input=5m', 'phone', async ({ page }) => {
      const graph = page.locator('[data-testid=query-graph]');
      await graph.locator('canvas').first().waitFor({ timeout: 10_000 });
      assert.ok(Number(await graph.getAttribute('data-series')) > 0);
      const width = await page.locator('main').evaluate((el) => el.scrollWidth);
      assert.ok(width <= 390, `page fits a phone (scrollWidth ${width})`);
      await screenshot(page, 'query-graph', 'phone');
    });
  });

  for (const expr of ['sum(', 'rate(up[5m]', 'rate(up[5m])) + 1', 'foo{', 'sum by (job) (up) offset']) {
    test(`a failing query shows upstream's error: ${expr}`, { timeout: 60_000 }, async () => {
      const api = await getJson(`${e().server.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      assert.equal(api.status, 'error');
      assert.equal(api.errorType, 'bad_data');
      const expected = api.error ?? '';
      assert.ok(expected.length > 0);
      await withPage('/query', 'desktop', async ({ page }) => {
        await typeQuery(page, expr);
        await page.locator('[data-testid=execute-button]').click();
        const err = page.locator('[data-testid=query-error] .error-text');
        await err.waitFor({ timeout: 10_000 });
        assert.equal(await err.innerText(), expected);
        // The graph tab shows the same error.
        await page.locator('[data-testid=tab-graph]').click();
        await err.waitFor({ timeout: 10_000 });
        assert.equal(await err.innerText(), expected);
        if (expr === 'sum(') await screenshot(page, 'query-error', 'desktop');
      });
    });
  }

  test('a shared URL opens the same state (g0.expr, g0.tab, g0.range_input, g0.end_input, resolution)', { timeout: 60_000 }, async () => {
    const end = (t0 + POINTS - 1) * 1000;
    const q = new URLSearchParams({
      'g0.expr': 'ui_bench_wave{series="s7"}',
      'g0.tab': '0',
      'g0.range_input': '10m',
      'g0.end_input': endInput(end),
      'g0.res_type': 'fixed',
      'g0.res_step': '5',
      'g1.expr': 'count(ui_bench_wave)',
      'g1.tab': '1',
      'g1.moment_input': endInput(end),
    });
    await withPage(`/query?${q.toString()}`, 'desktop', async ({ page }) => {
      const panels = page.locator('[data-testid=query-panel]');
      assert.equal(await panels.count(), 2);
      const first = panels.nth(0);
      const second = panels.nth(1);
      assert.equal(await first.locator('.cm-content').innerText(), 'ui_bench_wave{series="s7"}');
      assert.equal(await first.locator('[data-testid=tab-graph]').getAttribute('aria-selected'), 'true');
      assert.equal(await first.locator('[data-testid=range-input]').inputValue(), '10m');
      const graph = first.locator('[data-testid=query-graph]');
      await graph.locator('canvas').first().waitFor({ timeout: 10_000 });
      assert.equal(await graph.getAttribute('data-series'), '1');
      assert.match(await first.locator('[data-testid=query-stats]').innerText(), /Resolution: 5s/);
      assert.equal(await second.locator('.cm-content').innerText(), 'count(ui_bench_wave)');
      assert.equal(await second.locator('[data-testid=tab-table]').getAttribute('aria-selected'), 'true');
      const row = second.locator('[data-testid=query-table] tr');
      await row.first().waitFor({ timeout: 10_000 });
      assert.match(await row.first().innerText(), /^\{\}\s+100$/);
      await screenshot(page, 'query-shared-url', 'desktop');
    });
  });

  test('HTML in a label value and in a typed string is shown as text', { timeout: 60_000 }, async () => {
    await withPage('/query', 'desktop', async ({ page }) => {
      await typeQuery(page, 'up{job="xss"}');
      await page.locator('[data-testid=execute-button]').click();
      const table = page.locator('[data-testid=query-table]');
      await table.waitFor({ timeout: 10_000 });
      assert.ok((await table.innerText()).includes(`note="${HTML}"`), await table.innerText());
      await page.locator('[data-testid=tab-graph]').click();
      await page.locator('[data-testid=query-graph] canvas').first().waitFor({ timeout: 10_000 });
      assert.ok((await page.locator('[data-testid=chart-legend]').innerText()).includes(HTML));
      await page.locator('[data-testid=tab-table]').click();
      await typeQuery(page, JSON.stringify(HTML));
      await page.locator('[data-testid=execute-button]').click();
      await page.locator('[data-testid=query-table][data-result-type=string]').waitFor({ timeout: 10_000 });
      assert.ok((await page.locator('[data-testid=query-table]').innerText()).includes(HTML));
      await page.waitForTimeout(300); // an injected onerror would have fired by now
      assert.equal(await page.locator('main img').count(), 0, 'no element made from the text');
      await screenshot(page, 'query-html-as-text', 'desktop');
    });
  });

  test(`a graph of ${SERIES} series x ${POINTS} points is drawn in under a second`, { timeout: 60_000 }, async () => {
    const end = (t0 + POINTS - 1) * 1000;
    const q = new URLSearchParams({ 'g0.expr': '', 'g0.tab': 'graph', 'g0.range_input': `${POINTS - 1}s`, 'g0.end_input': endInput(end), 'g0.res_type': 'fixed', 'g0.res_step': '1' });
    const path = `/query?${q.toString()}`;
    // The server has read the backfilled block once (the measure is the page's, not a cold disk's).
    const warm = await getJson(`${e().server.url}/api/v1/query_range?query=ui_bench_wave&start=${t0}&end=${end / 1000}&step=1`);
    assert.equal((warm.data as { result: unknown[] }).result.length, SERIES);
    await withPage(path, 'desktop', async ({ page }) => {
      // Best of three (the test folder's other suites share the machine): a fresh page each time.
      const runs: number[] = [];
      for (let attempt = 0; attempt < 3 && !runs.some((ms) => ms < 1000); attempt++) {
        if (attempt > 0) {
          await page.goto(`${e().server.url}${path}`, { waitUntil: 'load' });
          await waitForApp(page);
        }
        await typeQuery(page, 'ui_bench_wave');
        const started = Date.now();
        await page.locator('[data-testid=execute-button]').click();
        // (The page's code is given as text: this project's TypeScript has no DOM types.)
        await page.waitForFunction(
          `(() => { const g = document.querySelector('[data-testid=query-graph]'); const c = g && g.querySelector('canvas');
            return g !== null && g.getAttribute('data-series') === '${SERIES}' && c !== null && c.width > 0; })()`,
          undefined,
          { polling: 'raf', timeout: 10_000 },
        );
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
        runs.push(Date.now() - started);
        const stats = await page.locator('[data-testid=query-stats]').innerText();
        assert.match(stats, new RegExp(`Result series: ${SERIES}`));
        console.log(`# ${SERIES}x${POINTS} graph: ${runs[runs.length - 1] ?? 0} ms from the click to the drawn chart (${stats})`);
      }
      assert.equal(await page.locator('[data-testid=legend-item]').count(), SERIES, 'every series is in the legend');
      await screenshot(page, 'query-graph-100x1000', 'desktop');
      const best = Math.min(...runs);
      assert.ok(best < 1000, `drawn in ${runs.join(', ')} ms`);
    });
  });
});
