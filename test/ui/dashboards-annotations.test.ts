/**
 * Dashboard annotations from Prometheus queries, links and panel time overrides: which
 * entries run, their interpolation, the events (points and regions) a result gives, link
 * URLs (variables, time, only safe schemes) and timeFrom/timeShift.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotationEvents, annotationExpr, annotationQueries } from '../../ui/src/dashboards/annotations.js';
import { singleValue, type VarValue } from '../../ui/src/dashboards/interpolate.js';
import { linkUrl, parseLinks, safeUrl } from '../../ui/src/dashboards/links.js';
import { parsePanel } from '../../ui/src/dashboards/model.js';
import { panelTimeRange } from '../../ui/src/dashboards/panel-time.js';

const dash = {
  annotations: {
    list: [
      { builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' },
      { name: 'Alerts', enable: true, expr: 'ALERTS{alertstate="firing", job=~"$job"}', step: '30s', titleFormat: '{{alertname}}', textFormat: 'on {{instance}}', tagKeys: 'alertname, severity', iconColor: 'red' },
      { name: 'Off', enable: false, expr: 'up' },
      { name: 'Empty', enable: true, expr: '' },
      { name: 'Target form', enable: true, target: { expr: 'changes(x[5m]) > 0', step: '1m' } },
    ],
  },
};

test('annotation queries: the built-in entry, disabled and empty ones are skipped', () => {
  const qs = annotationQueries(dash);
  assert.deepEqual(qs.map((q) => q.name), ['Alerts', 'Target form']);
  const a = qs[0];
  assert.ok(a !== undefined);
  assert.equal(a.stepMs, 30_000);
  assert.deepEqual(a.tagKeys, ['alertname', 'severity']);
  assert.equal(a.color, '#F2495C');
  assert.equal(qs[1]?.expr, 'changes(x[5m]) > 0');
  assert.equal(qs[1]?.stepMs, 60_000);
  assert.deepEqual(annotationQueries({}), []);
  assert.deepEqual(annotationQueries({ annotations: { list: 'bad' } }), []);
});

test('annotation exprs interpolate variables with Prometheus regex escaping', () => {
  const q = annotationQueries(dash)[0];
  assert.ok(q !== undefined);
  const job: VarValue = { value: ['node', 'a.b'], text: ['node', 'a.b'], isAll: false, allValues: [], multi: true, includeAll: false };
  assert.equal(annotationExpr(q, new Map([['job', job]])), 'ALERTS{alertstate="firing", job=~"(node|a\\\\.b)"}');
  assert.equal(annotationExpr(q, new Map([['job', singleValue('node')]])), 'ALERTS{alertstate="firing", job=~"node"}');
});

test('annotation events: runs of non-zero samples a step apart become regions', () => {
  const q = annotationQueries(dash)[0];
  assert.ok(q !== undefined);
  const result = [
    { metric: { alertname: 'HighLoad', severity: 'warning', instance: 'h1' }, values: [[100, '1'], [130, '1'], [160, '1'], [250, '1'], [280, '0'], [310, '1']] },
    { metric: { alertname: 'Down' }, values: [[50, '1']] },
    { bogus: true },
  ];
  const ev = annotationEvents(q, result);
  assert.deepEqual(ev.map((e) => [e.time, e.timeEnd]), [[50_000, undefined], [100_000, 160_000], [250_000, undefined], [310_000, undefined]]);
  assert.equal(ev[1]?.title, 'HighLoad');
  assert.equal(ev[1]?.text, 'on h1');
  assert.deepEqual(ev[1]?.tags, ['HighLoad', 'warning']);
  assert.deepEqual(ev[0]?.tags, ['Down']);
  assert.deepEqual(annotationEvents(q, 'nope'), []);
});

test('links: variables interpolated, keepTime/includeVars, unsafe schemes dropped', () => {
  const vars = new Map([['job', singleValue('node exporter')], ['__range', singleValue('1h')]]);
  const range = { from: 0, to: 3_600_000, raw: { from: 'now-1h', to: 'now' } };
  const [plain, keep, evil, tags] = parseLinks([
    { title: 'Docs', url: 'https://example.org/x?job=${job}', targetBlank: true },
    { title: 'Same', url: '/d/abc/x', keepTime: true, includeVars: true },
    { title: 'Evil', url: 'javascript:alert(1)' },
    { title: 'Tagged', type: 'dashboards', tags: ['a', 1], asDropdown: true },
  ]);
  assert.ok(plain !== undefined && keep !== undefined && evil !== undefined && tags !== undefined);
  assert.equal(linkUrl(plain, vars, range), 'https://example.org/x?job=node%20exporter');
  assert.equal(plain.targetBlank, true);
  assert.equal(linkUrl(keep, vars, range), '/d/abc/x?from=now-1h&to=now&var-job=node%20exporter');
  assert.equal(linkUrl(evil, vars, range), '');
  assert.deepEqual([tags.type, tags.tags, tags.asDropdown], ['dashboards', ['a'], true]);
  assert.equal(safeUrl('//evil.example/x'), '');
  assert.equal(safeUrl('data:text/html,x'), '');
  assert.equal(safeUrl('relative/path'), 'relative/path');
});

test('panel time overrides: timeFrom, timeShift, hideTimeOverride', () => {
  const range = { from: 0, to: 24 * 3_600_000, raw: { from: 'now-24h', to: 'now' } };
  const r1 = panelTimeRange(parsePanel({ timeFrom: '1h' }), range);
  assert.deepEqual([r1.range.from, r1.range.to, r1.info], [23 * 3_600_000, 24 * 3_600_000, 'Last 1h']);
  const r2 = panelTimeRange(parsePanel({ timeFrom: 'now-2h', timeShift: '1h' }), range);
  assert.deepEqual([r2.range.from, r2.range.to, r2.info], [21 * 3_600_000, 23 * 3_600_000, 'Last 2h timeshift -1h']);
  assert.equal(panelTimeRange(parsePanel({ timeFrom: '1h', hideTimeOverride: true }), range).info, '');
  assert.equal(panelTimeRange(parsePanel({ timeFrom: 'bogus' }), range).range, range);
  assert.equal(panelTimeRange(parsePanel({}), range).range, range);
});
