/**
 * Editing a dashboard in the UI, in headless chromium against the real `vigil server`: an admin
 * opens an imported dashboard, enters edit mode, adds a panel (title, PromQL `up`, unit short)
 * through the panel editor with its live preview, and saves it with a note; after a reload the
 * panel is there with data and the API has the next version with the panel. A stale version is
 * refused with the API's message verbatim; Discard leaves the dashboard as it was; what a user
 * types shows as text. Screenshots of the editor at desktop and phone sizes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually, queryVector, request } from '../server/harness.js';
import {
  adminSession, openPage, pastNextStep, screenshot, settledPanels, startUiEnv, stopUiEnv, uiSkipReason, waitForApp,
  type OpenPage, type UiEnv, type ViewportName,
} from './harness.js';

const UID = 'ui-edit-test';
const PATH = `/d/${UID}/ui-test-editing`;

function baseDashboard(): Record<string, unknown> {
  return {
    uid: UID,
    title: 'UI test: editing',
    tags: ['ui-test'],
    schemaVersion: 39,
    time: { from: 'now-5m', to: 'now' },
    templating: { list: [{ name: 'job', type: 'query', query: 'label_values(up, job)', includeAll: true, multi: true, current: { text: ['All'], value: ['$__all'] }, refresh: 1 }] },
    panels: [
      { id: 1, type: 'stat', title: 'Targets', gridPos: { x: 0, y: 0, w: 8, h: 6 }, targets: [{ refId: 'A', expr: 'sum(up)' }] },
      { id: 2, type: 'timeseries', title: 'Scrape duration', gridPos: { x: 8, y: 0, w: 16, h: 6 }, targets: [{ refId: 'A', expr: 'scrape_duration_seconds{job=~"$job"}', legendFormat: '{{job}}' }] },
    ],
  };
}

const skip = uiSkipReason();

describe('dashboard editing', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;
  let session = '';
  const e = (): UiEnv => {
    if (env === undefined) throw new Error('environment not started');
    return env;
  };

  async function withPage(viewport: ViewportName, fn: (p: OpenPage) => Promise<void>): Promise<void> {
    const p = await openPage(e(), viewport);
    try {
      await p.context.addCookies([{ name: 'grafana_session', value: session, url: e().server.url }]);
      await p.page.goto(`${e().server.url}${PATH}`, { waitUntil: 'load' });
      await waitForApp(p.page);
      await p.page.locator(`[data-testid=dashboard][data-uid=${UID}]`).waitFor({ timeout: 10_000 });
      await fn(p);
      assert.deepEqual(p.errors, [], 'uncaught errors in the page');
    } catch (x) {
      if (x instanceof Error) x.message += `\npage log:\n${p.log.join('\n')}`;
      throw x;
    } finally {
      await p.close();
    }
  }

  async function apiDashboard(): Promise<{ version: number; panels: Record<string, unknown>[] }> {
    const r = await request(`${e().server.url}/api/dashboards/uid/${UID}`);
    assert.equal(r.status, 200, r.body);
    const body = JSON.parse(r.body) as { dashboard: { version: number; panels: Record<string, unknown>[] } };
    return body.dashboard;
  }

  async function importBase(): Promise<void> {
    const r = await request(`${e().server.url}/api/dashboards/db`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `grafana_session=${session}` },
      body: JSON.stringify({ dashboard: baseDashboard(), overwrite: true, message: 'ui edit test' }),
    });
    assert.equal(r.status, 200, r.body);
  }

  async function enterEditMode(page: Page): Promise<void> {
    await page.locator('[data-testid=dashboard-edit]').click();
    await page.locator('[data-testid=dashboard-edit-mode] [data-testid=add-panel]').waitFor({ timeout: 15_000 });
  }

  before(async () => {
    env = await startUiEnv();
    session = await adminSession(env);
    await importBase();
    await eventually(async () => ((await queryVector(env?.server.url ?? '', 'count_over_time(up[1m]) >= 2')).length > 0 ? true : null), 20_000, 'data to show');
    await pastNextStep();
  }, { timeout: 90_000 });

  after(async () => {
    await stopUiEnv(env);
  }, { timeout: 30_000 });

  test('add a panel in the editor, save, and see it after a reload and in the API', { timeout: 90_000 }, async () => {
    const before = await apiDashboard();
    await withPage('desktop', async ({ page }) => {
      await settledPanels(page);
      await enterEditMode(page);
      assert.equal(await page.locator('[data-testid=edit-grid] [data-testid=panel-edit-button]').count(), 2, 'each panel has its actions');
      await settledPanels(page);
      await screenshot(page, 'dashboard-edit-mode', 'desktop');

      await page.locator('[data-testid=add-panel]').click();
      const editor = page.locator('[data-testid=panel-editor]');
      await editor.waitFor({ timeout: 10_000 });
      await editor.locator('[data-testid=panel-title-input]').fill('My up panel');
      assert.equal(await editor.locator('[data-testid=panel-type-select]').inputValue(), 'timeseries');
      await editor.locator('[data-testid=target-expr] .cm-content').first().fill('up');
      await editor.locator('[data-testid=unit-select]').selectOption('short');
      // The live preview draws the panel being edited, with data.
      await editor.locator('[data-testid=panel-preview] [data-panel-id][data-state=ok]').waitFor({ timeout: 15_000 });
      assert.equal(await editor.locator('[data-testid=panel-preview] .dash-panel-title').innerText(), 'My up panel');
      await editor.locator('[data-testid=target-expr] .cm-content').first().press('Escape');
      await screenshot(page, 'dashboard-panel-editor', 'desktop');
      await editor.locator('[data-testid=panel-editor-apply]').click();
      await editor.waitFor({ state: 'detached', timeout: 5000 });
      await page.locator('[data-testid=edit-grid] .dash-panel-title', { hasText: 'My up panel' }).waitFor({ timeout: 5000 });

      await page.locator('[data-testid=save-message]').fill('Added the up panel');
      await page.locator('[data-testid=save-dashboard]').click();
      await page.locator('[data-testid=dashboard-edit-mode]').waitFor({ state: 'detached', timeout: 10_000 });
      await page.locator('[data-testid=dashboard-grid] .dash-panel-title', { hasText: 'My up panel' }).waitFor({ timeout: 10_000 });

      await page.reload({ waitUntil: 'load' });
      await waitForApp(page);
      const panels = await settledPanels(page);
      const mine = panels.find((p) => p.title === 'My up panel');
      assert.ok(mine !== undefined, `the new panel is shown: ${JSON.stringify(panels)}`);
      assert.equal(mine.state, 'ok', JSON.stringify(mine));
      assert.equal(mine.type, 'timeseries');
      assert.deepEqual(panels.filter((p) => p.state === 'error'), []);
    });
    const saved = await apiDashboard();
    assert.equal(saved.version, before.version + 1);
    const added = saved.panels.find((p) => p['title'] === 'My up panel');
    assert.ok(added !== undefined, JSON.stringify(saved.panels));
    assert.equal(added['type'], 'timeseries');
    assert.equal((added['targets'] as { expr: string }[])[0]?.expr, 'up');
    assert.equal((added['fieldConfig'] as { defaults: { unit: string } }).defaults.unit, 'short');
    assert.equal(typeof added['id'], 'number');
    assert.ok(!before.panels.some((p) => p['id'] === added['id']), 'the new panel has a new id');
    // The other panels were kept as they were.
    assert.deepEqual(saved.panels.filter((p) => p['title'] !== 'My up panel').map((p) => p['title']), ['Targets', 'Scrape duration']);
  });

  test('a stale version is refused with the API message; Discard keeps the dashboard', { timeout: 60_000 }, async () => {
    await withPage('desktop', async ({ page }) => {
      await enterEditMode(page);
      await page.locator('[data-testid=edit-grid] [data-edit-panel-id="1"] [data-testid=panel-remove-button]').click();
      assert.equal(await page.locator('[data-testid=edit-grid] [data-edit-panel-id="1"]').count(), 0);
      // Someone else saves meanwhile.
      await importBase();
      const version = (await apiDashboard()).version;
      await page.locator('[data-testid=save-dashboard]').click();
      const err = page.locator('[data-testid=dashboard-edit-mode] .error-text');
      await err.waitFor({ timeout: 10_000 });
      assert.equal(await err.innerText(), 'The dashboard has been changed by someone else');
      assert.equal((await apiDashboard()).version, version, 'nothing saved');
      await page.locator('[data-testid=discard-edits]').click();
      await page.locator('[data-testid=dashboard-edit-mode]').waitFor({ state: 'detached', timeout: 5000 });
      const panels = await settledPanels(page);
      assert.ok(panels.some((p) => p.id === '1'), 'the removed panel is back after Discard');

      // A conflict can be overwritten on purpose.
      await enterEditMode(page);
      const cells = await page.locator('[data-testid=edit-grid] .de-cell').count();
      await page.locator('[data-testid=edit-grid] [data-edit-panel-id="2"] [data-testid=panel-duplicate-button]').click();
      assert.equal(await page.locator('[data-testid=edit-grid] .de-cell').count(), cells + 1);
      await importBase();
      await page.locator('[data-testid=save-dashboard]').click();
      await page.locator('[data-testid=save-overwrite]').click();
      await page.locator('[data-testid=dashboard-edit-mode]').waitFor({ state: 'detached', timeout: 10_000 });
      const saved = await apiDashboard();
      assert.equal(saved.version, version + 2);
      // The page's model (loaded before the other save) with the duplicate, under a new id.
      assert.equal(saved.panels.length, cells + 1);
      assert.equal(saved.panels.filter((p) => p['title'] === 'Scrape duration').length, 2);
      assert.equal(new Set(saved.panels.map((p) => p['id'])).size, cells + 1, 'panel ids are unique');
    });
  });

  test('settings, JSON and the panel editor on a phone; typed text stays text', { timeout: 60_000 }, async () => {
    await withPage('phone', async ({ page }) => {
      await settledPanels(page);
      await enterEditMode(page);
      await settledPanels(page);
      await page.evaluate('window.scrollTo(0, 0)');
      await screenshot(page, 'dashboard-edit-mode', 'phone');
      await page.locator('[data-testid=edit-grid] [data-edit-panel-id="2"] [data-testid=panel-edit-button]').click();
      const editor = page.locator('[data-testid=panel-editor]');
      await editor.waitFor({ timeout: 10_000 });
      const hostile = '<img src=x onerror="window.__pwned=1">';
      await editor.locator('[data-testid=panel-title-input]').fill(hostile);
      await editor.locator('[data-testid=add-threshold]').click();
      await editor.locator('[data-testid=panel-preview] [data-panel-id][data-state=ok]').waitFor({ timeout: 15_000 });
      await page.waitForFunction(`document.querySelector('[data-testid=panel-preview] .dash-panel-title')?.textContent === ${JSON.stringify(hostile)}`, undefined, { timeout: 5000 });
      assert.equal(await page.locator('[data-testid=panel-preview] img').count(), 0);
      assert.equal(await page.evaluate('window.__pwned'), undefined);
      await screenshot(page, 'dashboard-panel-editor', 'phone');
      await editor.locator('[data-testid=panel-editor-cancel]').click();
      await editor.waitFor({ state: 'detached', timeout: 5000 });

      await page.locator('[data-testid=edit-tab-settings]').click();
      const settings = page.locator('[data-testid=dashboard-settings]');
      await settings.waitFor({ timeout: 5000 });
      assert.equal(await settings.locator('[data-testid=settings-title]').inputValue(), 'UI test: editing');
      assert.equal(await settings.locator('[data-testid=variable-name]').first().inputValue(), 'job');
      await settings.locator('[data-testid=add-variable]').click();
      assert.equal(await settings.locator('[data-testid=variable-row]').count(), 2);
      await screenshot(page, 'dashboard-settings', 'phone');
      // The JSON tab shows the model with the settings' changes.
      await page.locator('[data-testid=edit-tab-json]').click();
      const json = JSON.parse(await page.locator('[data-testid=dashboard-json]').inputValue()) as { templating: { list: { name: string }[] } };
      assert.deepEqual(json.templating.list.map((v) => v.name), ['job', 'query0']);
      await page.locator('[data-testid=discard-edits]').click();
      await page.locator('[data-testid=dashboard-edit-mode]').waitFor({ state: 'detached', timeout: 5000 });
    });
  });

  test('panels trade places by drag and drop and by the move buttons', { timeout: 60_000 }, async () => {
    await withPage('desktop', async ({ page }) => {
      await enterEditMode(page);
      const order = async (): Promise<string[]> => page.locator('[data-testid=edit-grid] .de-cell').evaluateAll((els) => els.map((el) => el.getAttribute('data-edit-panel-id') ?? ''));
      const first = await order();
      assert.equal(first[0], '1');
      await page.locator('[data-edit-panel-id="2"] .de-drag').dragTo(page.locator('[data-edit-panel-id="1"]'));
      await page.waitForFunction(`document.querySelector('[data-testid=edit-grid] .de-cell')?.getAttribute('data-edit-panel-id') === '2'`, undefined, { timeout: 5000 });
      await page.locator('[data-edit-panel-id="2"] [data-testid=panel-move-down]').click();
      await page.waitForFunction(`document.querySelector('[data-testid=edit-grid] .de-cell')?.getAttribute('data-edit-panel-id') === '1'`, undefined, { timeout: 5000 });
      assert.deepEqual(await order(), first);
      await page.locator('[data-testid=discard-edits]').click();
      await page.locator('[data-testid=dashboard-edit-mode]').waitFor({ state: 'detached', timeout: 5000 });
    });
  });
});
