/**
 * Dashboards in headless chromium against the real `vigil server`: the sign-in page's first
 * login (admin/admin, then the forced password change); a dashboard JSON imported through
 * Grafana's API (POST /api/dashboards/db with the admin's session) opens at /d/<uid>/<slug>
 * and each panel ends with data (or "no data" where its query has none), none in error; a
 * malformed dashboard JSON is rejected with a message naming the field, by the API and in the
 * list page's import box; the bundled dashboards are listed and render without error panels.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, queryVector, request } from '../server/harness.js';
import {
  adminSession, dashboardScreenshot, openPage, pastNextStep, screenshot, settledPanels, startUiEnv, stopUiEnv, uiSkipReason, waitForApp,
  type OpenPage, type PanelState, type UiEnv, type ViewportName,
} from './harness.js';

const PASSWORD = 'dashboards-test-pw';

interface PanelSpec { type: string; title: string; expr?: string; instant?: boolean; expect: 'ok' | 'no-data' }

/** The imported dashboard's panels: each query's outcome on the harness server is known. */
const PANELS: PanelSpec[] = [
  { type: 'timeseries', title: 'Targets up', expr: 'up{job=~"$job"}', expect: 'ok' },
  { type: 'stat', title: 'Targets', expr: 'sum(up)', expect: 'ok' },
  { type: 'gauge', title: 'Up by job (recorded)', expr: 'job:up:sum', expect: 'ok' },
  { type: 'bargauge', title: 'Head series', expr: 'prometheus_tsdb_head_series', expect: 'ok' },
  { type: 'table', title: 'Build', expr: 'prometheus_build_info', instant: true, expect: 'ok' },
  { type: 'graph', title: 'Scrape duration (legacy graph)', expr: 'scrape_duration_seconds', expect: 'ok' },
  { type: 'timeseries', title: 'Request rate', expr: 'sum by (handler) (rate(prometheus_http_requests_total[$__rate_interval]))', expect: 'ok' },
  { type: 'timeseries', title: 'Nothing here', expr: 'no_such_metric_anywhere', expect: 'no-data' },
  { type: 'text', title: 'Notes', expect: 'ok' },
];

function testDashboard(uid: string, title: string): Record<string, unknown> {
  const panels: Record<string, unknown>[] = [{ id: 1, type: 'row', title: 'Overview', collapsed: false, gridPos: { x: 0, y: 0, w: 24, h: 1 }, panels: [] }];
  PANELS.forEach((p, i) => {
    const panel: Record<string, unknown> = {
      id: i + 2,
      type: p.type,
      title: p.title,
      gridPos: { x: (i % 3) * 8, y: 1 + Math.floor(i / 3) * 6, w: 8, h: 6 },
      datasource: { type: 'prometheus', uid: '${datasource}' },
    };
    if (p.expr !== undefined) panel['targets'] = [{ refId: 'A', expr: p.expr, legendFormat: '{{job}}', instant: p.instant === true, range: p.instant !== true }];
    else panel['options'] = { mode: 'markdown', content: '# Notes\n\nA **text** panel.' };
    panels.push(panel);
  });
  return {
    uid,
    title,
    tags: ['ui-test'],
    schemaVersion: 39,
    time: { from: 'now-5m', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus' },
        { name: 'job', type: 'query', query: 'label_values(up, job)', includeAll: true, multi: true, current: { text: ['All'], value: ['$__all'] }, refresh: 1 },
      ],
    },
    panels,
  };
}

const skip = uiSkipReason();

describe('dashboards', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;
  const e = (): UiEnv => {
    if (env === undefined) throw new Error('environment not started');
    return env;
  };

  async function withPage(path: string, viewport: ViewportName, fn: (p: OpenPage) => Promise<void>, session?: string): Promise<void> {
    const p = await openPage(e(), viewport);
    try {
      if (session !== undefined) await p.context.addCookies([{ name: 'grafana_session', value: session, url: e().server.url }]);
      await p.page.goto(`${e().server.url}${path}`, { waitUntil: 'load' });
      await waitForApp(p.page);
      await fn(p);
      assert.deepEqual(p.errors, [], `uncaught errors in ${path}`);
    } catch (x) {
      if (x instanceof Error) x.message += `\npage log:\n${p.log.join('\n')}`;
      throw x;
    } finally {
      await p.close();
    }
  }

  async function postDashboard(session: string, dashboard: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const r = await request(`${e().server.url}/api/dashboards/db`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `grafana_session=${session}` },
      body: JSON.stringify({ dashboard, overwrite: true, message: 'ui test' }),
    });
    return { status: r.status, body: JSON.parse(r.body) as Record<string, unknown> };
  }

  before(async () => {
    env = await startUiEnv();
    const base = env.server.url;
    // The panels' queries have data (scraped twice, the rule evaluated).
    await eventually(async () => ((await queryVector(base, 'count_over_time(job:up:sum[1m]) >= 2')).length > 0 ? true : null), 20_000, 'data to show');
    await pastNextStep();
  }, { timeout: 90_000 });

  after(async () => {
    await stopUiEnv(env);
  }, { timeout: 30_000 });

  test('first sign-in: admin/admin, then the forced password change', { timeout: 60_000 }, async () => {
    await withPage('/login', 'desktop', async ({ page }) => {
      await page.locator('[data-testid=login-user]').fill('admin');
      await page.locator('[data-testid=login-password]').fill('wrong');
      await page.locator('[data-testid=login-submit]').click();
      await page.locator('[data-testid=login-page] .error-text').waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('[data-testid=login-page] .error-text').innerText(), 'Invalid username or password');
      await page.locator('[data-testid=login-password]').fill('admin');
      await page.locator('[data-testid=login-submit]').click();
      await page.locator('[data-testid=change-password-form]').waitFor({ timeout: 10_000 });
      await screenshot(page, 'dashboards-login-change-password', 'desktop');
      await page.locator('[data-testid=new-password]').fill(PASSWORD);
      await page.locator('[data-testid=confirm-password]').fill(PASSWORD);
      await page.locator('[data-testid=change-password-submit]').click();
      await page.waitForURL(/\/dashboards$/, { timeout: 10_000 });
      await page.locator('[data-testid=dashboard-list]').waitFor({ timeout: 10_000 });
      await screenshot(page, 'dashboards-after-login', 'desktop');
    });
    // The old password no longer works, the new one does, with no change asked.
    const json = { 'Content-Type': 'application/json' };
    const old = await request(`${e().server.url}/login`, { method: 'POST', headers: json, body: JSON.stringify({ user: 'admin', password: 'admin' }) });
    assert.equal(old.status, 401);
    const ok = await request(`${e().server.url}/login`, { method: 'POST', headers: json, body: JSON.stringify({ user: 'admin', password: PASSWORD }) });
    assert.equal(ok.status, 200);
    assert.equal((JSON.parse(ok.body) as { mustChangePassword?: unknown }).mustChangePassword, false);
  });

  test('a dashboard imported through the API renders each panel with data', { timeout: 60_000 }, async () => {
    const session = await adminSession(e(), PASSWORD);
    const unauthenticated = await request(`${e().server.url}/api/dashboards/db`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dashboard: testDashboard('nope', 'Nope') }),
    });
    assert.equal(unauthenticated.status, 401);
    const r = await postDashboard(session, testDashboard('ui-test-import', 'UI test: imported'));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body['status'], 'success');
    assert.equal(r.body['uid'], 'ui-test-import');
    assert.equal(r.body['url'], '/d/ui-test-import/ui-test-imported');
    for (const viewport of ['desktop', 'phone'] as const) {
      await withPage('/d/ui-test-import/ui-test-imported', viewport, async ({ page }) => {
        await page.locator('[data-testid=dashboard][data-uid=ui-test-import]').waitFor({ timeout: 10_000 });
        const panels = await dashboardScreenshot(page, 'dashboard-imported', viewport);
        const byTitle = new Map(panels.map((p) => [p.title, p]));
        for (const spec of PANELS) {
          const p = byTitle.get(spec.title);
          assert.ok(p !== undefined, `panel ${spec.title} shown: ${JSON.stringify(panels)}`);
          assert.equal(p.type, spec.type);
          assert.equal(p.state, spec.expect, `panel ${spec.title}: ${JSON.stringify(p)}`);
        }
        assert.deepEqual(panels.filter((p) => p.state === 'error'), []);
        assert.equal(await page.locator('[data-testid=var-job]').count(), 1, 'the job variable is shown');
      });
    }
  });

  test('a malformed dashboard JSON is rejected with a message naming the field (API and import box)', { timeout: 60_000 }, async () => {
    const session = await adminSession(e(), PASSWORD);
    const bad = testDashboard('ui-test-bad', 'UI test: bad');
    const panels = bad['panels'] as Record<string, unknown>[];
    (panels[2] as Record<string, unknown>)['gridPos'] = { x: 0, y: 1, w: 'wide', h: 6 };
    const r = await postDashboard(session, bad);
    assert.equal(r.status, 400);
    const message = String(r.body['message']);
    assert.equal(message, 'dashboard.panels[2].gridPos.w must be a number, got a string');
    const noTitle = await postDashboard(session, { uid: 'ui-test-untitled', panels: [] });
    assert.equal(noTitle.status, 400);
    assert.match(String(noTitle.body['message']), /title/);

    await withPage('/dashboards', 'desktop', async ({ page }) => {
      await page.locator('[data-testid=import-toggle]').click();
      const box = page.locator('[data-testid=import-json]');
      // Not JSON at all: the page says so.
      await box.fill('{"title": "x", ');
      await page.locator('[data-testid=import-submit]').click();
      const err = page.locator('[data-testid=import-form] .error-text');
      await err.waitFor({ timeout: 10_000 });
      assert.match(await err.innerText(), /^Invalid JSON: /);
      // JSON of a bad model: the API's message, verbatim.
      await box.fill(JSON.stringify(bad, null, 2));
      await page.locator('[data-testid=import-submit]').click();
      await page.waitForFunction(`document.querySelector('[data-testid=import-form] .error-text')?.textContent === ${JSON.stringify(message)}`, undefined, { timeout: 10_000 });
      await screenshot(page, 'dashboards-import-rejected', 'desktop');
      // Nothing was saved.
      const get = await request(`${e().server.url}/api/dashboards/uid/ui-test-bad`);
      assert.equal(get.status, 404);
      // A good one through the same box opens it.
      await box.fill(JSON.stringify(testDashboard('ui-test-box', 'UI test: from the box')));
      await page.locator('[data-testid=import-submit]').click();
      await page.waitForURL(/\/d\/ui-test-box\//, { timeout: 10_000 });
      const shown = await settledPanels(page);
      assert.deepEqual(shown.filter((p) => p.state === 'error'), []);
    }, session);
  });

  test('the bundled dashboards are listed and render without error panels', { timeout: 60_000 }, async () => {
    const links: { title: string; href: string }[] = [];
    await withPage('/dashboards', 'desktop', async ({ page }) => {
      await page.locator('[data-testid=dashboard-link]').first().waitFor({ timeout: 10_000 });
      const folder = page.locator('[data-testid=dashboard-folder]', { hasText: 'Vigil' });
      for (const a of await folder.locator('[data-testid=dashboard-link]').all()) links.push({ title: await a.innerText(), href: (await a.getAttribute('href')) ?? '' });
      await screenshot(page, 'dashboards-list', 'desktop');
    });
    assert.deepEqual(links.map((l) => l.title).sort(), ['HTTP services', 'Node exporter host', 'Vigil overview']);
    const results: Record<string, PanelState[]> = {};
    await Promise.all(links.map(async (l) => {
      await withPage(l.href, 'desktop', async ({ page }) => {
        results[l.title] = await dashboardScreenshot(page, `dashboard-bundled-${l.title}`, 'desktop');
      });
    }));
    for (const [title, panels] of Object.entries(results)) {
      assert.deepEqual(panels.filter((p) => p.state === 'error'), [], `${title}: error panels`);
      assert.ok(panels.length > 5, `${title}: panels shown`);
    }
    // Vigil's own dashboard has data from the server scraping itself.
    const overview = results['Vigil overview'] ?? [];
    const withData = overview.filter((p) => p.type !== 'row' && p.state === 'ok').length;
    assert.ok(withData >= overview.filter((p) => p.type !== 'row').length / 2, `Vigil overview: ${JSON.stringify(overview)}`);
  });
});
