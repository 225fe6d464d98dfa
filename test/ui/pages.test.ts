/**
 * Smoke test of every page of the browser app, for both programs: each route of
 * ui/src/pages/routes.tsx opened in headless chromium at the desktop and phone sizes against
 * the real `vigil server` and `vigil alertmanager`, with no uncaught error in the page, the
 * navigation bar shown, and a screenshot saved under test-output/ui/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { openPage, pageRoutes, screenshot, startUiEnv, stopUiEnv, uiSkipReason, waitForApp, VIEWPORTS, type Program, type UiEnv, type ViewportName } from './harness.js';

/** A concrete path for a pattern (`:id` is the harness's silence). */
function concrete(pattern: string, env: UiEnv): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'id' ? env.silenceId : `ui-test-${name}`));
}

function pageUrl(program: Program, p: string, env: UiEnv): string {
  return program === 'prometheus' ? `${env.server.url}${p}` : `${env.am.url}/#${p}`;
}

/** Opens one page at one size and checks it: status 200, the app shell, content, no page errors, a screenshot. */
async function visit(env: UiEnv, program: Program, pattern: string, viewport: ViewportName): Promise<void> {
  const target = concrete(pattern, env);
  const p = await openPage(env, viewport);
  try {
    const res = await p.page.goto(pageUrl(program, target, env), { waitUntil: 'load' });
    // A page the server does not know answers 404: add its first segment to APP_PAGES (src/web/ui).
    assert.equal(res?.status(), 200, `${target} answered ${res?.status() ?? 'nothing'}: is it in APP_PAGES of src/web/ui/ui-handler.ts?`);
    await waitForApp(p.page).catch(async (e: unknown) => {
      const text = (await p.page.locator('body').innerText().catch(() => '')).slice(0, 400);
      throw new Error(`${program} ${target} (${viewport}): ${e instanceof Error ? e.message : String(e)}\npage text: ${text}\n${[...p.errors, ...p.log].join('\n')}`);
    });
    // Give the page's first API requests a moment to land before the picture.
    await p.page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
    assert.equal(await p.page.locator('header.navbar').count(), 1, 'navigation bar');
    assert.notEqual((await p.page.locator('main.content').innerText()).trim(), '', 'page content');
    const file = await screenshot(p.page, `${program}${pattern.replaceAll('/', '-').replaceAll(':', '')}`, viewport);
    assert.ok(fs.statSync(file).size > 1000, `${file} written`);
    assert.deepEqual(p.errors, [], `uncaught errors in ${target} (${viewport})`);
  } finally {
    await p.close();
  }
}

const skip = uiSkipReason();
const routes = pageRoutes();

describe('every page renders in chromium', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;

  before(async () => {
    env = await startUiEnv();
  }, { timeout: 90_000 });

  after(async () => {
    await stopUiEnv(env);
  }, { timeout: 30_000 });

  test('the page table lists pages for both programs', () => {
    assert.ok(routes.prometheus.includes('/query') && routes.prometheus.includes('/graph'), routes.prometheus.join(' '));
    assert.ok(routes.alertmanager.includes('/alerts') && routes.alertmanager.includes('/silences'), routes.alertmanager.join(' '));
  });

  for (const program of ['prometheus', 'alertmanager'] as const) {
    for (const pattern of routes[program]) {
      test(`${program} ${pattern}`, { timeout: 60_000 }, async () => {
        const e = env;
        if (e === undefined) throw new Error('environment not started');
        // Both sizes at once: each in its own browser context.
        await Promise.all((Object.keys(VIEWPORTS) as ViewportName[]).map((viewport) => visit(e, program, pattern, viewport)));
      });
    }
  }
});
