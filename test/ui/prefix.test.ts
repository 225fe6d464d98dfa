/**
 * The app behind --web.external-url with a path: index.html, its assets and the API calls all
 * live under the prefix, also on deep links (/prefix/d/uid/slug), and the root redirects there.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { eventually, freePort, request, startServer, stopAll, type ServerProcess } from '../server/harness.js';
import { CHROMIUM, uiSkipReason, waitForApp } from './harness.js';

const skip = uiSkipReason();

describe('the app under a route prefix', { skip: skip ?? false }, () => {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let base = '';

  before(async () => {
    const port = await freePort();
    server = await startServer({
      port,
      config: 'global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: self\n    metrics_path: /vigil/metrics\n    static_configs:\n      - targets: ["$SELF"]\n',
      args: [`--web.external-url=http://127.0.0.1:${port}/vigil/`],
      waitReady: false,
    });
    base = `${server.url}/vigil`;
    await eventually(async () => ((await request(`${base}/-/ready`, { timeoutMs: 1000 })).status === 200 ? true : null), 20_000, 'server ready');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  }, { timeout: 60_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await stopAll();
  });

  test('index.html carries the prefix; assets are served under it; the root redirects', async () => {
    const idx = await request(`${base}/targets`);
    assert.equal(idx.status, 200);
    assert.match(idx.body, /window\.__VIGIL__ = \{"mode":"prometheus","prefix":"\/vigil","version":"[^"]*"\}/);
    const asset = /src="(\/vigil\/assets\/[^"]+\.js)"/.exec(idx.body)?.[1];
    assert.ok(asset !== undefined, 'the entry script is rooted at /vigil/assets/');
    const js = await request(`${server?.url ?? ''}${asset}`);
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /text\/javascript/);
    assert.match(String(js.headers['cache-control']), /immutable/);
    assert.equal((await request(`${server?.url ?? ''}/targets`)).status, 404);
    const root = await request(`${server?.url ?? ''}/`);
    assert.equal(root.status, 302);
    assert.equal(root.headers['location'], '/vigil');
  });

  test('a deep link and the targets page render in the browser', { timeout: 60_000 }, async () => {
    assert.ok(browser !== undefined);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      for (const p of ['/d/some-uid/some-slug', '/targets']) {
        await page.goto(`${base}${p}`);
        await waitForApp(page);
      }
      // The target list came from /vigil/api/v1/targets: its endpoint is on the page.
      await page.locator('main', { hasText: '/vigil/metrics' }).first().waitFor({ timeout: 10_000 });
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });
});
