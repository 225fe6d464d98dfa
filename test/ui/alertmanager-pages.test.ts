/**
 * The Alertmanager pages in headless chromium against the real `vigil server` (whose
 * AlwaysFiring rule sends an alert) and `vigil alertmanager`: the acceptance test
 * "create a silence and see the alert silenced" through the form, then expiring it; the
 * filter box and its URL state; the API's error text shown verbatim; hostile label and
 * annotation values shown as text. Screenshots go to test-output/ui/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, request } from '../server/harness.js';
import { openPage, screenshot, startUiEnv, stopUiEnv, uiSkipReason, waitForApp, type UiEnv, type ViewportName } from './harness.js';

const skip = uiSkipReason();
const FILTER = '{alertname="AlwaysFiring"}';

interface ApiAlert {
  labels: Record<string, string>;
  status: { state: string; silencedBy: string[] };
}

async function apiAlerts(env: UiEnv, filter: string): Promise<ApiAlert[]> {
  const r = await request(`${env.am.url}/api/v2/alerts?filter=${encodeURIComponent(filter)}`);
  assert.equal(r.status, 200, r.body);
  return JSON.parse(r.body) as ApiAlert[];
}

function amUrl(env: UiEnv, hash: string): string {
  return `${env.am.url}/#${hash}`;
}

async function goto(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await waitForApp(page);
}

/** Fills the new-silence form opened from the alert's Silence button and submits it; returns the silence id. */
async function createSilenceThroughForm(env: UiEnv, page: Page, viewport: ViewportName): Promise<string> {
  await goto(page, amUrl(env, `/alerts?filter=${encodeURIComponent(FILTER)}`));
  const item = page.locator('[data-testid=alert-item]').first();
  await item.waitFor();
  assert.equal(await item.getAttribute('data-state'), 'active');
  await screenshot(page, 'alertmanager-acceptance-alert-active', viewport);

  await item.locator('[data-testid=silence-alert]').click();
  const form = page.locator('[data-testid=silence-form]');
  await form.waitFor();
  // Pre-filled with the alert's labels, one row per label.
  const names = await form.locator('[data-testid=matcher-name]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  assert.ok(names.includes('alertname') && names.includes('severity'), names.join(','));
  await form.locator('[data-testid=silence-creator]').fill('ui-test');
  await form.locator('[data-testid=silence-comment]').fill('silenced through the form');
  await form.locator('[data-testid=silence-duration]').fill('3h');
  const endText = await form.locator('[data-testid=silence-end]').inputValue();
  const startText = await form.locator('[data-testid=silence-start]').inputValue();
  assert.equal(Date.parse(endText) - Date.parse(startText), 3 * 3600_000, 'the end follows the duration');
  // The live preview lists the alert the silence would affect.
  await page.locator('[data-testid=silence-preview] [data-testid=alert-item]').first().waitFor();
  await screenshot(page, 'alertmanager-acceptance-silence-form', viewport);

  await page.locator('[data-testid=silence-submit]').click();
  await page.locator('[data-testid=silence-details]').waitFor();
  const m = /#\/silences\/([0-9a-f-]{36})$/.exec(page.url());
  assert.ok(m, `the silence's page after creating: ${page.url()}`);
  return m[1] ?? '';
}

describe('Alertmanager pages in chromium', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;

  before(async () => {
    env = await startUiEnv();
    const e = env;
    // The server's AlwaysFiring alert has reached the Alertmanager.
    await eventually(async () => ((await apiAlerts(e, 'alertname="AlwaysFiring"')).length > 0 ? true : null), 45_000, 'AlwaysFiring at the alertmanager').catch(
      async (err: Error) => {
        // Say where the alert got stuck: the server's view, its notifier metrics, the Alertmanager's log.
        const alerts = await request(`${e.server.url}/api/v1/alerts`).then((r) => r.body, (x: Error) => x.message);
        const metrics = await request(`${e.server.url}/metrics`).then((r) => r.body.split('\n').filter((l) => l.startsWith('prometheus_notifications')).join('\n'), (x: Error) => x.message);
        throw new Error(`${err.message}\nserver alerts: ${alerts}\n${metrics}\nalertmanager log:\n${e.am.logs().slice(-3000)}`);
      },
    );
  }, { timeout: 120_000 });

  after(async () => {
    await stopUiEnv(env);
  }, { timeout: 30_000 });

  test('create a silence through the UI and see the alert silenced, then expire it', { timeout: 90_000 }, async () => {
    if (env === undefined) throw new Error('environment not started');
    const e = env;
    const p = await openPage(e, 'desktop');
    try {
      const id = await createSilenceThroughForm(e, p.page, 'desktop');
      // The view page's affected alerts show the alert silenced by this silence.
      await p.page.locator('[data-testid=silence-preview] [data-testid=alert-item][data-state=silenced]').first().waitFor();
      await screenshot(p.page, 'alertmanager-acceptance-silence-view', 'desktop');
      const viaApi = await apiAlerts(e, 'alertname="AlwaysFiring"');
      assert.ok(viaApi.every((a) => a.status.state === 'suppressed' && a.status.silencedBy.includes(id)), JSON.stringify(viaApi));

      // The alert list hides silenced alerts by default, and shows them silenced with the toggle.
      await goto(p.page, amUrl(e, `/alerts?filter=${encodeURIComponent(FILTER)}`));
      await p.page.locator('[data-testid=no-alert-groups]').waitFor();
      await p.page.locator('[data-testid=toggle-silenced]').check();
      const silenced = p.page.locator('[data-testid=alert-item][data-state=silenced]').first();
      await silenced.waitFor();
      assert.match(p.page.url(), /silenced=true/);
      assert.equal(await silenced.locator(`a[href="#/silences/${id}"]`).count(), 1, 'a link to the silence');
      await screenshot(p.page, 'alertmanager-acceptance-alert-silenced', 'desktop');

      // The silence list has it under Active; Expire (with its confirmation) ends it.
      await goto(p.page, amUrl(e, '/silences'));
      const row = p.page.locator(`[data-testid=silence-item][data-silence-id="${id}"]`);
      await row.waitFor();
      assert.match(await row.innerText(), /silenced through the form/);
      await screenshot(p.page, 'alertmanager-acceptance-silences', 'desktop');
      await row.locator('[data-testid=expire-button]').click();
      await row.locator('[data-testid=expire-confirm]').click();
      await row.waitFor({ state: 'detached' });
      await p.page.locator('[data-testid=silence-tab-expired]').click();
      await p.page.locator(`[data-testid=silence-item][data-silence-id="${id}"][data-state=expired]`).waitFor();
      await eventually(async () => ((await apiAlerts(e, 'alertname="AlwaysFiring"')).every((a) => a.status.silencedBy.length === 0) ? true : null), 10_000, 'the alert no longer silenced');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  test('the silence form on a phone, and the API error shown verbatim', { timeout: 60_000 }, async () => {
    if (env === undefined) throw new Error('environment not started');
    const p = await openPage(env, 'phone');
    try {
      const filter = '{alertname=~".*"}';
      await goto(p.page, amUrl(env, `/silences/new?filter=${encodeURIComponent(filter)}&comment=${encodeURIComponent('too broad')}`));
      const form = p.page.locator('[data-testid=silence-form]');
      await form.waitFor();
      assert.equal(await form.locator('[data-testid=silence-matcher-row]').count(), 1);
      assert.equal(await form.locator('[data-testid=matcher-regex]').isChecked(), true);
      // Client-side validation first: the creator is required.
      await form.locator('[data-testid=silence-creator]').fill('');
      await p.page.locator('[data-testid=silence-submit]').click();
      await form.getByText('Creator is required').waitFor();
      await form.locator('[data-testid=silence-creator]').fill('ui-test');
      await p.page.locator('[data-testid=silence-submit]').click();
      const err = form.locator('.error-box');
      await err.waitFor();
      assert.equal((await err.innerText()).trim(), 'silence invalid: at least one matcher must not match the empty string');
      await screenshot(p.page, 'alertmanager-silence-form-error', 'phone');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  test('the filter box, label clicks and hostile values shown as text', { timeout: 60_000 }, async () => {
    if (env === undefined) throw new Error('environment not started');
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const now = Date.now();
    const body = JSON.stringify([{
      labels: { alertname: 'HostileValues', payload: hostile },
      annotations: { description: `<script>window.__pwned=1</script>` },
      generatorURL: 'javascript:window.__pwned=1',
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
    }]);
    const r = await request(`${env.am.url}/api/v2/alerts`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 200, r.body);
    const p = await openPage(env, 'desktop');
    try {
      await goto(p.page, amUrl(env, '/alerts'));
      await p.page.locator('[data-testid=alert-group]').first().waitFor();
      // Clicking a label adds it to the filter (chip + URL state).
      await p.page.locator('button.am-label', { hasText: 'alertname="HostileValues"' }).first().click();
      await p.page.locator('[data-testid=filter-chip]', { hasText: 'alertname="HostileValues"' }).waitFor();
      assert.match(decodeURIComponent(p.page.url()), /filter=\{alertname="HostileValues"\}/);
      await p.page.waitForFunction('document.querySelectorAll("[data-testid=alert-group]").length === 1');
      const item = p.page.locator('[data-testid=alert-item]').first();
      assert.match(await item.innerText(), /payload="<img src=x onerror="window.__pwned=1">"/);
      assert.match(await item.innerText(), /<script>window.__pwned=1<\/script>/);
      assert.equal(await item.locator('img, script').count(), 0, 'no element made from the values');
      assert.equal(await item.getByText('Source').count(), 0, 'a javascript: generator URL is not a link');
      assert.equal(await p.page.evaluate('window.__pwned === undefined'), true);

      // Typing a matcher list into the box; an invalid one explains itself.
      const input = p.page.locator('[data-testid=filter-input]');
      await input.fill('payload!=""');
      await input.press('Enter');
      await p.page.locator('[data-testid=filter-chip]', { hasText: 'payload!=""' }).waitFor();
      await input.fill('job=~"unclosed');
      await input.press('Enter');
      await p.page.getByText(/Invalid matcher: unterminated quoted value/).waitFor();
      await screenshot(p.page, 'alertmanager-alerts-filter', 'desktop');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });

  test('the status page shows the configuration and receivers', { timeout: 60_000 }, async () => {
    if (env === undefined) throw new Error('environment not started');
    const p = await openPage(env, 'phone');
    try {
      await goto(p.page, amUrl(env, '/status'));
      const config = p.page.locator('[data-testid=am-config]');
      await config.waitFor();
      assert.match(await config.innerText(), /receiver: blackhole/);
      // The receivers come from their own request: wait for them.
      await p.page.locator('[data-testid=am-receivers] li', { hasText: 'blackhole' }).waitFor();
      assert.match(await p.page.locator('[data-testid=am-uptime]').innerText(), /up /);
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
    }
  });
});
