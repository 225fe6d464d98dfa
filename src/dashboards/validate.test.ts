import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseExpr } from '../promql/parser/index.js';
import { DashboardValidationError } from './errors.js';
import { bundledDashboardsDir } from './handler.js';
import { validateDashboard } from './validate.js';

function message(d: unknown): string {
  try {
    validateDashboard(d);
  } catch (e) {
    assert.ok(e instanceof DashboardValidationError);
    assert.equal(e.code, 400);
    return e.message;
  }
  return 'valid';
}

const panel = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'timeseries', gridPos: { h: 8, w: 12, x: 0, y: 0 }, ...extra });

test('a well-formed dashboard is valid', () => {
  const d = {
    title: 'x',
    panels: [panel({ targets: [{ expr: 'up', refId: 'A' }] }), { type: 'row', panels: [panel()], gridPos: { h: 1, w: 24, x: 0, y: 9 } }],
    templating: { list: [{ name: 'job', type: 'query' }] },
    time: { from: 'now-1h', to: 'now' },
    refresh: false,
  };
  assert.equal(message(d), 'valid');
});

test('messages name what is wrong and where', () => {
  const cases: Array<[unknown, string]> = [
    ['x', 'dashboard must be an object, got a string'],
    [[], 'dashboard must be an object, got an array'],
    [{ panels: {} }, 'dashboard.panels must be an array, got an object'],
    [{ panels: [panel(), panel(), panel(), panel({ gridPos: { h: 1, w: '12', x: 0, y: 0 } })] }, 'dashboard.panels[3].gridPos.w must be a number, got a string'],
    [{ panels: [{ gridPos: { h: 1, w: 1, x: 0, y: 0 } }] }, 'dashboard.panels[0].type is missing'],
    [{ panels: [panel({ type: 7 })] }, 'dashboard.panels[0].type must be a string, got a number'],
    [{ panels: [panel({ gridPos: [1] })] }, 'dashboard.panels[0].gridPos must be an object, got an array'],
    [{ panels: [panel({ gridPos: { w: 30 } })] }, 'dashboard.panels[0].gridPos.w must be between 1 and 24, got 30'],
    [{ panels: [5] }, 'dashboard.panels[0] must be an object, got a number'],
    [{ panels: [panel({ targets: [{ expr: 3 }] })] }, 'dashboard.panels[0].targets[0].expr must be a string, got a number'],
    [{ panels: [{ type: 'row', panels: [{ title: 'no type' }] }] }, 'dashboard.panels[0].panels[0].type is missing'],
    [{ templating: { list: {} } }, 'dashboard.templating.list must be an array, got an object'],
    [{ templating: { list: [{ type: 'query' }] } }, 'dashboard.templating.list[0].name is missing (must be a string)'],
    [{ tags: ['a', 1] }, 'dashboard.tags[1] must be a string, got a number'],
    [{ title: 5 }, 'dashboard.title must be a string, got a number'],
    [{ time: { from: 1 } }, 'dashboard.time.from must be a string, got a number'],
    [{ refresh: 10 }, 'dashboard.refresh must be a string or false, got a number'],
    [{ rows: [{ panels: [{}] }] }, 'dashboard.rows[0].panels[0].type is missing'],
    [{ panels: [panel({ fieldConfig: { overrides: 'x' } })] }, 'dashboard.panels[0].fieldConfig.overrides must be an array, got a string'],
  ];
  for (const [d, want] of cases) assert.equal(message(d), want);
});

test('a library panel reference needs no type', () => {
  assert.equal(message({ panels: [{ id: 1, gridPos: { h: 1, w: 1, x: 0, y: 0 }, libraryPanel: { uid: 'u', name: 'n' } }] }), 'valid');
});

test('the bundled dashboards are valid Grafana dashboards with a datasource variable', () => {
  const dir = bundledDashboardsDir();
  assert.ok(dir !== null);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(files, ['http-services.json', 'node-exporter.json', 'vigil-overview.json']);
  for (const f of files) {
    const d = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
    assert.equal(message(d), 'valid', f);
    assert.equal(d['schemaVersion'], 39);
    const vars = (d['templating'] as { list: Array<Record<string, unknown>> }).list;
    assert.equal(vars[0]?.['type'], 'datasource', f);
    const panels = d['panels'] as Array<Record<string, unknown>>;
    const ids = new Set<unknown>();
    for (const p of panels) {
      assert.ok(!ids.has(p['id']), `${f}: duplicate panel id ${String(p['id'])}`);
      ids.add(p['id']);
      if (p['type'] === 'row') continue;
      assert.deepEqual(p['datasource'], { type: 'prometheus', uid: '${datasource}' }, `${f} panel ${String(p['title'])}`);
      const targets = p['targets'] as Array<Record<string, unknown>>;
      assert.ok(targets.length > 0);
      for (const t of targets) assert.equal(typeof t['expr'], 'string');
    }
  }
});

test('every query of the bundled dashboards is valid PromQL once variables are replaced', () => {
  const dir = bundledDashboardsDir() as string;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const d = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { panels: Array<{ title?: string; targets?: Array<{ expr: string }> }> };
    for (const p of d.panels) {
      for (const t of p.targets ?? []) {
        const expr = t.expr.replace(/\$__rate_interval|\$__interval/g, '1m').replace(/\$__range/g, '1h').replace(/\$(job|instance)\b/g, 'x');
        assert.doesNotThrow(() => parseExpr(expr), `${f} / ${String(p.title)}: ${expr}`);
      }
    }
  }
});
