/**
 * `vigil server --no-dashboards.anonymous-viewing` in headless chromium: the dashboards API
 * answers 401 to visitors (Grafana's {"message":"Unauthorized"}) while the Prometheus API stays
 * open; the dashboard, list and folder pages go to /login?redirect=<page>, and signing in
 * (with the forced change of the initial password) returns there. The provisioned Prometheus
 * data source's jsonData.timeInterval sets $__rate_interval.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { eventually, queryVector, request, tmpDir } from '../server/harness.js';
import { openPage, screenshot, startUiEnv, stopUiEnv, uiSkipReason, waitForApp, type UiEnv } from './harness.js';

const PASSWORD = 'dashboards-auth-pw';
const UID = 'auth-test';
const FOLDER_UID = 'auth-folder';

const DASHBOARD = {
  uid: UID,
  title: 'Auth test',
  schemaVersion: 39,
  time: { from: 'now-5m', to: 'now' },
  panels: [
    {
      id: 1,
      type: 'timeseries',
      title: 'Scrape rate',
      gridPos: { x: 0, y: 0, w: 24, h: 8 },
      targets: [{ refId: 'A', expr: 'sum(rate(prometheus_http_requests_total[$__rate_interval]))' }],
    },
  ],
};

/** A provisioning folder: one provider (folder "Auth folder") and a Prometheus data source scraped every 5 s. */
function provisioning(): string {
  const dir = tmpDir('vigil-ui-auth-provisioning-');
  const dashboards = path.join(dir, 'json');
  fs.mkdirSync(path.join(dir, 'dashboards'));
  fs.mkdirSync(path.join(dir, 'datasources'));
  fs.mkdirSync(dashboards);
  fs.writeFileSync(path.join(dashboards, 'auth.json'), JSON.stringify(DASHBOARD));
  fs.writeFileSync(
    path.join(dir, 'dashboards', 'auth.yaml'),
    `apiVersion: 1
providers:
  - name: auth
    folder: Auth folder
    folderUid: ${FOLDER_UID}
    type: file
    options:
      path: ${JSON.stringify(dashboards)}
`,
  );
  fs.writeFileSync(
    path.join(dir, 'datasources', 'vigil.yaml'),
    `apiVersion: 1
datasources:
  - name: Vigil
    uid: vigil
    type: prometheus
    access: proxy
    url: http://127.0.0.1:9090
    isDefault: true
    jsonData:
      timeInterval: 5s
`,
  );
  return dir;
}

const skip = uiSkipReason();

describe('dashboards without anonymous viewing', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;
  const e = (): UiEnv => {
    if (env === undefined) throw new Error('environment not started');
    return env;
  };

  before(async () => {
    env = await startUiEnv({ serverArgs: ['--no-dashboards.anonymous-viewing', `--dashboards.provisioning-path=${provisioning()}`] });
    await eventually(async () => ((await queryVector(env?.server.url ?? '', 'up')).length > 0 ? true : null), 20_000, 'a first scrape');
  }, { timeout: 90_000 });

  after(async () => {
    await stopUiEnv(env);
  }, { timeout: 30_000 });

  test('the dashboards API needs a signed-in user; the Prometheus API and /api/health do not', async () => {
    const base = e().server.url;
    for (const p of ['/api/search', `/api/dashboards/uid/${UID}`, '/api/folders', `/api/folders/${FOLDER_UID}`, '/api/datasources', '/api/datasources/uid/vigil', '/api/frontend/settings']) {
      const r = await request(`${base}${p}`);
      assert.equal(r.status, 401, p);
      assert.deepEqual(JSON.parse(r.body), { message: 'Unauthorized' }, p);
    }
    assert.equal((await request(`${base}/api/health`)).status, 200);
    assert.equal((await request(`${base}/api/v1/query?query=up`)).status, 200);
    const auth = { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };
    const ds = await request(`${base}/api/datasources`, { headers: auth });
    assert.equal(ds.status, 200);
    const list = JSON.parse(ds.body) as { jsonData?: { timeInterval?: unknown } }[];
    assert.equal(list[0]?.jsonData?.timeInterval, '5s');
  });

  async function signIn(page: Page, password: string): Promise<void> {
    await page.locator('[data-testid=login-user]').fill('admin');
    await page.locator('[data-testid=login-password]').fill(password);
    await page.locator('[data-testid=login-submit]').click();
  }

  /** Opens path, expects /login?redirect=path, runs signInSteps, and expects to be back at path. */
  async function redirectRoundTrip(pagePath: string, name: string, signInSteps: (page: Page) => Promise<void>, landed: (page: Page) => Promise<void>, onRequest?: (body: string) => void): Promise<void> {
    const p = await openPage(e(), 'desktop');
    try {
      if (onRequest !== undefined) {
        p.page.on('request', (r) => {
          if (r.url().includes('/api/v1/query_range')) onRequest(r.postData() ?? '');
        });
      }
      await p.page.goto(`${e().server.url}${pagePath}`, { waitUntil: 'load' });
      await waitForApp(p.page);
      await p.page.locator('[data-testid=login-form]').waitFor({ timeout: 10_000 });
      const at = new URL(p.page.url());
      assert.equal(at.pathname, '/login');
      assert.equal(at.searchParams.get('redirect'), pagePath);
      await screenshot(p.page, `dashboards-auth-${name}-login`, 'desktop');
      await signInSteps(p.page);
      await p.page.waitForURL((u) => `${u.pathname}${u.search}` === pagePath, { timeout: 10_000 });
      await landed(p.page);
      await screenshot(p.page, `dashboards-auth-${name}`, 'desktop');
      assert.deepEqual(p.errors, [], `uncaught errors in ${pagePath}`);
    } catch (x) {
      if (x instanceof Error) x.message += `\npage log:\n${p.log.join('\n')}`;
      throw x;
    } finally {
      await p.close();
    }
  }

  test('a dashboard goes to the login page and back, through the forced password change', { timeout: 60_000 }, async () => {
    const bodies: string[] = [];
    const pagePath = `/d/${UID}/auth-test?from=now-5m&to=now`;
    await redirectRoundTrip(pagePath, 'dashboard', async (page) => {
      await signIn(page, 'admin');
      await page.locator('[data-testid=change-password-form]').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid=new-password]').fill(PASSWORD);
      await page.locator('[data-testid=confirm-password]').fill(PASSWORD);
      await page.locator('[data-testid=change-password-submit]').click();
    }, async (page) => {
      await page.locator('[data-testid=dashboard]').waitFor({ timeout: 10_000 });
      await page.waitForSelector('[data-panel-id="1"]:not([data-state=loading])', { timeout: 20_000 });
      assert.notEqual(await page.locator('[data-panel-id="1"]').getAttribute('data-state'), 'error');
    }, (b) => bodies.push(b));
    // 5 m over the panel's width is below the 5 s scrape interval: step 5 s, rate interval 4 x 5 s.
    const queries = bodies.map((b) => new URLSearchParams(b).get('query') ?? '');
    assert.ok(queries.includes('sum(rate(prometheus_http_requests_total[20s]))'), `queries: ${JSON.stringify(queries)}`);
    assert.ok(bodies.some((b) => new URLSearchParams(b).get('step') === '5'), `bodies: ${JSON.stringify(bodies)}`);
  });

  test('the list and folder pages go to the login page and back', { timeout: 60_000 }, async () => {
    await redirectRoundTrip('/dashboards', 'list', (page) => signIn(page, PASSWORD), async (page) => {
      await page.locator('[data-testid=dashboard-list]').waitFor({ timeout: 10_000 });
      await page.getByText('Auth test').first().waitFor({ timeout: 10_000 });
    });
    await redirectRoundTrip(`/dashboards/f/${FOLDER_UID}/auth-folder`, 'folder', (page) => signIn(page, PASSWORD), async (page) => {
      await page.locator('[data-testid=dashboard-folder-page]').waitFor({ timeout: 10_000 });
      await page.getByText('Auth test').first().waitFor({ timeout: 10_000 });
    });
  });
});
