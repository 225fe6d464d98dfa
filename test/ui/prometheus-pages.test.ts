/**
 * The Prometheus status pages (targets, service discovery, rules, alerts, status, flags,
 * configuration, TSDB status) in headless chromium against the real `vigil server`: each page
 * shows what the server reports (healthy and failing targets with the scrape error, a target
 * dropped by relabeling, the harness's recording and alerting rules, the firing alert, runtime
 * and build information, flags, the YAML configuration, TSDB statistics), filters work, and a
 * label value holding HTML is shown as text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { freePort } from '../server/harness.js';
import { openPage, screenshot, startUiEnv, stopUiEnv, uiSkipReason, waitForApp, type UiEnv, type ViewportName } from './harness.js';

const HTML_LABEL = '<img src=x onerror=alert(1)><b>bold</b>';

/** Extra scrape pools: one failing target (nothing listens on its port) and one dropped by relabeling. */
function extraScrapeConfigs(deadPort: number): string {
  return `  - job_name: broken
    static_configs:
      - targets: ["127.0.0.1:${deadPort}"]
        labels:
          note: ${JSON.stringify(HTML_LABEL)}
  - job_name: relabeled
    static_configs:
      - targets: ["$SELF", "drop-me.invalid:1234"]
    relabel_configs:
      - source_labels: [__address__]
        regex: "drop-me.*"
        action: drop
`;
}

/** Clicks the page's Refresh button until `selector` matches (scrapes and evaluations take a moment). */
async function untilShown(page: Page, selector: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.locator(selector).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`${selector} not shown within ${timeoutMs}ms:\n${await page.locator('main').innerText()}`);
    const refresh = page.locator('[data-testid=refresh]');
    if ((await refresh.count()) > 0) await refresh.first().click();
    await page.waitForTimeout(500);
  }
}

async function withPage(env: UiEnv, path: string, viewport: ViewportName, fn: (page: Page) => Promise<void>): Promise<void> {
  const p = await openPage(env, viewport);
  try {
    await p.page.goto(`${env.server.url}${path}`, { waitUntil: 'load' });
    await waitForApp(p.page);
    await fn(p.page);
    assert.deepEqual(p.errors, [], `uncaught errors in ${path} (${viewport})`);
  } catch (e) {
    if (e instanceof Error) e.message += `\npage log:\n${p.log.join('\n')}`;
    throw e;
  } finally {
    await p.close();
  }
}

const skip = uiSkipReason();

describe('Prometheus status pages', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;
  const e = (): UiEnv => {
    if (env === undefined) throw new Error('environment not started');
    return env;
  };

  before(async () => {
    env = await startUiEnv({ scrapeConfigs: extraScrapeConfigs(await freePort()) });
  }, { timeout: 90_000 });

  after(async () => {
    await stopUiEnv(env);
  }, { timeout: 30_000 });

  test('targets: pools, health, scrape error, labels, filters', { timeout: 60_000 }, async () => {
    await withPage(e(), '/targets', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=targets-page]');
      await untilShown(page, '[data-pool=prometheus] [data-testid=target-row][data-health=up]');
      await untilShown(page, '[data-pool=broken] [data-testid=target-row][data-health=down]');
      for (const pool of ['prometheus', 'alertmanager', 'broken', 'relabeled']) {
        assert.equal(await page.locator(`[data-testid=scrape-pool][data-pool=${pool}]`).count(), 1, `pool ${pool}`);
      }
      const up = page.locator('[data-pool=prometheus] [data-testid=target-row]').first();
      assert.match(await up.locator('[data-testid=target-endpoint]').innerText(), /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      assert.match(await up.innerText(), /job="prometheus"/);
      assert.match(await up.locator('[data-testid=last-scrape]').innerText(), /ago$/);
      assert.match(await up.locator('[data-testid=scrape-duration]').innerText(), /\d+(\.\d+)?m?s$/);
      // The failing target's error, verbatim.
      assert.match(await page.locator('[data-pool=broken] [data-testid=target-error]').innerText(), /Error scraping target:.*connection refused/);
      // A label value with HTML in it is text, not markup.
      const broken = page.locator('[data-pool=broken]');
      assert.ok((await broken.innerText()).includes(`note="${HTML_LABEL.replaceAll('"', '\\"')}"`), await broken.innerText());
      assert.equal(await page.locator('main img, main b').count(), 0, 'no element made from a label value');
      // Discovered labels on expand.
      await up.locator('[data-testid=toggle-discovered]').click();
      assert.match(await up.locator('[data-testid=discovered-labels]').innerText(), /__address__="127\.0\.0\.1:\d+"/);
      // Health filter (kept in the URL) and text search.
      await page.locator('[data-testid=state-filter] [data-value=down]').click();
      await page.waitForURL(/health=down/);
      assert.equal(await page.locator('[data-testid=target-row][data-health=up]').count(), 0);
      assert.ok((await page.locator('[data-testid=target-row][data-health=down]').count()) >= 1);
      await page.locator('[data-testid=state-filter] [data-value=down]').click();
      await page.locator('[data-testid=search]').fill('job=relabeled');
      await page.waitForURL(/search=job/);
      assert.deepEqual(await page.locator('[data-testid=scrape-pool]').evaluateAll((els) => els.map((el) => el.getAttribute('data-pool'))), ['relabeled']);
      await screenshot(page, 'prometheus-targets-filtered', 'desktop');
    });
  });

  test('targets on a phone: rows become cards', { timeout: 60_000 }, async () => {
    await withPage(e(), '/targets', 'phone', async (page) => {
      await untilShown(page, '[data-testid=target-row][data-health=up]');
      const width = await page.locator('main').evaluate((el) => el.scrollWidth);
      assert.ok(width <= 390, `page fits a phone (scrollWidth ${width})`);
      await screenshot(page, 'prometheus-targets-cards', 'phone');
    });
  });

  test('service discovery: discovered vs target labels, dropped targets', { timeout: 60_000 }, async () => {
    await withPage(e(), '/service-discovery', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=service-discovery-page]');
      await untilShown(page, '[data-testid=sd-pool][data-pool=relabeled] [data-testid=sd-row][data-state=dropped]');
      const dropped = page.locator('[data-pool=relabeled] [data-testid=sd-row][data-state=dropped]');
      assert.match(await dropped.innerText(), /__address__="drop-me\.invalid:1234"/);
      assert.match(await dropped.innerText(), /dropped/);
      const active = page.locator('[data-pool=relabeled] [data-testid=sd-row][data-state=active]');
      assert.match(await active.innerText(), /instance="127\.0\.0\.1:\d+"/);
      await page.locator('[data-testid=state-filter] [data-value=dropped]').click();
      await page.waitForURL(/state=dropped/);
      assert.equal(await page.locator('[data-testid=sd-row][data-state=active]').count(), 0);
      await screenshot(page, 'prometheus-service-discovery-dropped', 'desktop');
    });
  });

  test('rules: groups and rules with health, evaluation and query', { timeout: 60_000 }, async () => {
    await withPage(e(), '/rules', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=rules-page]');
      await untilShown(page, '[data-testid=rule-group][data-group=ui-test] [data-testid=rule][data-rule-name="job:up:sum"][data-health=ok]');
      const group = page.locator('[data-testid=rule-group][data-group=ui-test]');
      assert.match(await group.innerText(), /last run .* ago/);
      assert.match(await group.innerText(), /every 1s/);
      const rule = group.locator('[data-testid=rule][data-rule-name="job:up:sum"]');
      assert.equal(await rule.getAttribute('data-type'), 'recording');
      await rule.locator('.st-panel-toggle').click();
      assert.equal(await rule.locator('[data-testid=rule-query]').innerText(), 'sum by (job) (up)');
      assert.match((await rule.locator('[data-testid=rule-query-link]').getAttribute('href')) ?? '', /\/query\?g0\.expr=sum/);
      assert.equal(await group.locator('[data-testid=rule][data-rule-name=AlwaysFiring]').getAttribute('data-type'), 'alerting');
      await page.locator('[data-testid=state-filter] [data-value=err]').click();
      await untilShown(page, '[data-testid=rules-page] .st-notice');
      assert.equal(await page.locator('[data-testid=rule]').count(), 0);
    });
  });

  test('alerts: states with counts, the firing alert with labels, annotations and value', { timeout: 60_000 }, async () => {
    await withPage(e(), '/alerts', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=alerts-page]');
      await untilShown(page, '[data-testid=alert-rule][data-rule-name=AlwaysFiring][data-state=firing]');
      assert.equal(await page.locator('[data-testid=alert-rule][data-rule-name=NeverFires]').getAttribute('data-state'), 'inactive');
      assert.match(await page.locator('[data-testid=state-filter] [data-value=firing]').innerText(), /firing\s*1/);
      const rule = page.locator('[data-testid=alert-rule][data-rule-name=AlwaysFiring]');
      assert.match(await rule.innerText(), /firing \(1\)/i);
      await rule.locator('.st-panel-toggle').click();
      assert.equal(await rule.locator('[data-testid=rule-query]').innerText(), 'vector(1)');
      const alert = rule.locator('[data-testid=alert-row]');
      assert.equal(await alert.getAttribute('data-state'), 'firing');
      assert.match(await alert.innerText(), /alertname="AlwaysFiring"/);
      assert.match(await alert.innerText(), /severity="warning"/);
      assert.match(await rule.locator('[data-testid=active-since]').innerText(), /\d+(\.\d+)?m?s$/);
      assert.match(await rule.innerText(), /An alert that always fires\./);
      await screenshot(page, 'prometheus-alerts-expanded', 'desktop');
      await page.locator('[data-testid=state-filter] [data-value=inactive]').click();
      await page.waitForURL(/state=inactive/);
      assert.equal(await page.locator('[data-testid=alert-rule][data-rule-name=AlwaysFiring]').count(), 0);
      assert.equal(await page.locator('[data-testid=alert-rule][data-rule-name=NeverFires]').count(), 1);
    });
  });

  test('status: build and runtime information', { timeout: 60_000 }, async () => {
    await withPage(e(), '/status', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=status-page] [data-testid=runtime-info] table');
      await page.waitForSelector('[data-testid=status-page] [data-testid=build-info] table');
      const runtime = await page.locator('[data-testid=runtime-info]').innerText();
      assert.match(runtime, /Start time\s+\d{4}-\d\d-\d\dT/);
      assert.match(runtime, /Configuration reload\s+Successful/);
      assert.match(runtime, /Storage retention/);
      assert.match(await page.locator('[data-testid=build-info]').innerText(), /Version\s+\S+/);
    });
  });

  test('flags: the server flags with a filter', { timeout: 60_000 }, async () => {
    await withPage(e(), '/flags', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=flag-row]');
      assert.ok((await page.locator('[data-testid=flag-row]').count()) > 10);
      await page.locator('[data-testid=search]').fill('storage.tsdb.path');
      assert.equal(await page.locator('[data-testid=flag-row]').count(), 1);
      assert.match(await page.locator('[data-testid=flag-row]').innerText(), /--storage\.tsdb\.path/);
    });
  });

  test('configuration: the YAML with a copy button', { timeout: 60_000 }, async () => {
    await withPage(e(), '/config', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=config-yaml]');
      const yaml = await page.locator('[data-testid=config-yaml]').innerText();
      assert.match(yaml, /job_name: prometheus/);
      assert.match(yaml, /job_name: relabeled/);
      assert.equal(await page.locator('[data-testid=copy-config]').count(), 1);
    });
  });

  test('TSDB status: head stats and the top-10 tables', { timeout: 60_000 }, async () => {
    await withPage(e(), '/tsdb-status', 'desktop', async (page) => {
      await page.waitForSelector('[data-testid=tsdb-head-stats] table');
      assert.match(await page.locator('[data-testid=tsdb-head-stats]').innerText(), /Number of series\s+[1-9]\d*/);
      for (const t of ['tsdb-series-by-metric', 'tsdb-values-by-label', 'tsdb-memory-by-label', 'tsdb-series-by-pair']) {
        const n = await page.locator(`[data-testid=${t}] [data-testid=tsdb-stat-row]`).count();
        assert.ok(n > 0 && n <= 10, `${t}: ${n} rows`);
      }
      assert.match(await page.locator('[data-testid=tsdb-values-by-label]').innerText(), /__name__/);
    });
  });
});
