/**
 * The dashboards' pure parts (no DOM): Grafana's unit formatting, time expressions and query
 * intervals, variable interpolation and selection, the transformations the kube-prometheus
 * dashboards use, and the grid layout with rows and repeats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { formatValue } from '../../ui/src/dashboards/units.js';
import { parseDuration, parseTime, queryInterval, resolveRange, roundInterval } from '../../ui/src/dashboards/time-range.js';
import { ALL_VALUE, interpolate, prometheusQueryFormat, singleValue, type VarValue } from '../../ui/src/dashboards/interpolate.js';
import { parseDashboard, parseVariable } from '../../ui/src/dashboards/model.js';
import { applyTransformations } from '../../ui/src/dashboards/transformations.js';
import type { DataFrame } from '../../ui/src/dashboards/frames.js';
import { layoutDashboard } from '../../ui/src/dashboards/layout.js';
import { applyRegex, customOptions, dependents, selectCurrent, sortOptions } from '../../ui/src/dashboards/variable-state.js';
import { resolveFieldConfig, thresholdColor } from '../../ui/src/dashboards/field-config.js';

test('units format as Grafana does', () => {
  assert.equal(formatValue(1536, 'bytes'), '1.50 KiB');
  assert.equal(formatValue(2.5e9, 'decbytes'), '2.50 GB');
  assert.equal(formatValue(0, 'bytes'), '0 B');
  assert.equal(formatValue(42, 'percent'), '42%');
  assert.equal(formatValue(0.5, 'percentunit'), '50%');
  assert.equal(formatValue(1500, 'bps'), '1.50 kb/s');
  assert.equal(formatValue(2_000_000, 'Bps'), '2 MB/s');
  assert.equal(formatValue(0.25, 's'), '250 ms');
  assert.equal(formatValue(90, 's'), '1.50 min');
  assert.equal(formatValue(5, 'ms'), '5 ms');
  assert.equal(formatValue(1500, 'ms'), '1.50 s');
  assert.equal(formatValue(1234, 'short'), '1.23 K');
  assert.equal(formatValue(12, 'reqps'), '12 req/s');
  assert.equal(formatValue(3, 'rds'), '3 rds');
  assert.equal(formatValue(3.14159, 'none', 2), '3.14');
  assert.equal(formatValue(7, undefined), '7');
  assert.equal(formatValue(null, 'bytes'), '');
});

test('time expressions and intervals', () => {
  const now = Date.UTC(2024, 0, 15, 13, 45, 30);
  assert.equal(parseTime('now-6h', now), now - 6 * 3600_000);
  assert.equal(parseTime('now/d', now, false, true), Date.UTC(2024, 0, 15));
  assert.equal(parseTime('now-1d/d', now, true, true), Date.UTC(2024, 0, 15) - 1);
  assert.equal(parseTime('1700000000000', now), 1700000000000);
  assert.equal(parseTime('2024-01-02 03:04:05', now, false, true), Date.UTC(2024, 0, 2, 3, 4, 5));
  assert.equal(parseTime('yesterday', now), null);
  assert.equal(resolveRange({ from: 'now', to: 'now-1h' }, now, true), null);
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(roundInterval(12_000), 10_000);
  assert.equal(roundInterval(13_000), 15_000);
  const range = { from: now - 3600_000, to: now, raw: { from: 'now-1h', to: 'now' } };
  // 1h over 1000 px -> 3.6s -> rounded 2s, raised to the 15s scrape interval.
  assert.deepEqual(queryInterval(range, 1000, ''), { intervalMs: 15_000, stepMs: 15_000, rateIntervalMs: 60_000 });
  // 7d over 500 px -> 20 min; rate interval = interval + scrape interval.
  const week = { from: now - 7 * 86400_000, to: now, raw: { from: 'now-7d', to: 'now' } };
  assert.deepEqual(queryInterval(week, 500, ''), { intervalMs: 1_200_000, stepMs: 1_200_000, rateIntervalMs: 1_215_000 });
  assert.equal(queryInterval(range, 1000, '1m').intervalMs, 60_000);
  assert.equal(queryInterval(range, 1000, '', '', 5).stepMs, 75_000);
});

function v(value: string[], extra: Partial<VarValue> = {}): VarValue {
  return { value, text: value, isAll: false, allValues: [], multi: false, includeAll: false, ...extra };
}

test('interpolation: syntaxes, formats, All and the Prometheus escaping', () => {
  const vars = new Map<string, VarValue>([
    ['job', singleValue('node')],
    ['inst', v(['a:1', 'b.2'], { multi: true })],
    ['all', v([ALL_VALUE], { isAll: true, allValues: ['x', 'y'], includeAll: true })],
    ['allv', v([ALL_VALUE], { isAll: true, allValue: '.+', allValues: ['x'], includeAll: true })],
  ]);
  assert.equal(interpolate('$job ${job} [[job]] ${job:csv}', vars), 'node node node node');
  assert.equal(interpolate('x{i=~"$inst"}', vars, prometheusQueryFormat), 'x{i=~"(a:1|b\\\\.2)"}');
  assert.equal(interpolate('${inst:pipe} ${inst:csv} ${inst:regex}', vars), 'a:1|b.2 a:1,b.2 (a:1|b\\.2)');
  assert.equal(interpolate('$all', vars, prometheusQueryFormat), '(x|y)');
  assert.equal(interpolate('$allv ${allv:text}', vars, prometheusQueryFormat), '.+ All');
  assert.equal(interpolate('$unknown ${nope}', vars), '$unknown ${nope}');
  assert.equal(interpolate('rate(x[$__rate_interval])', new Map([['__rate_interval', singleValue('1m')]])), 'rate(x[1m])');
});

test('variable options: custom, regex, sort, selection, dependencies', () => {
  assert.deepEqual(customOptions('a, b\\,c, Label : val'), [{ text: 'a', value: 'a' }, { text: 'b,c', value: 'b,c' }, { text: 'Label', value: 'val' }]);
  assert.deepEqual(applyRegex(['host1:9100', 'host2:9100', 'other'], '/(host\\d):.*/'), [{ text: 'host1', value: 'host1' }, { text: 'host2', value: 'host2' }]);
  assert.deepEqual(sortOptions([{ text: 'b10', value: 'b10' }, { text: 'b9', value: 'b9' }], 3).map((o) => o.text), ['b9', 'b10']);
  assert.deepEqual(sortOptions([{ text: 'a', value: 'a' }, { text: 'c', value: 'c' }], 2).map((o) => o.text), ['c', 'a']);
  const multi = parseVariable({ name: 'x', type: 'query', multi: true, includeAll: true });
  const opts = [{ text: 'a', value: 'a' }, { text: 'b', value: 'b' }];
  assert.deepEqual(selectCurrent(multi, opts, ['b', 'zz']), { value: ['b'], text: ['b'] });
  assert.deepEqual(selectCurrent(multi, opts, ['zz']), { value: [ALL_VALUE], text: ['All'] });
  const single = parseVariable({ name: 'y', type: 'query' });
  assert.deepEqual(selectCurrent(single, opts, []), { value: ['a'], text: ['a'] });
  assert.deepEqual(selectCurrent(single, [], []), { value: [''], text: [''] });
  const models = [
    parseVariable({ name: 'cluster', type: 'query', query: 'label_values(up, cluster)' }),
    parseVariable({ name: 'job', type: 'query', query: 'label_values(up{cluster=~"$cluster"}, job)' }),
    parseVariable({ name: 'instance', type: 'query', query: 'label_values(up{job=~"${job}"}, instance)' }),
    parseVariable({ name: 'other', type: 'custom', query: 'a,b' }),
  ];
  assert.deepEqual([...dependents(models, 'cluster')], ['job', 'instance']);
});

test('nodes.json "Disk Space Usage" transformations give its table', () => {
  const frame = (refId: string, values: number[]): DataFrame => ({
    refId,
    fields: [
      { name: 'Time', type: 'time', values: [1000, 1000] },
      { name: 'mountpoint', type: 'string', values: ['/', '/boot'] },
      { name: `Value #${refId}`, type: 'number', values },
    ],
  });
  const d = JSON.parse(fs.readFileSync('/work/shared/dashboards/kube-prometheus/nodes.json', 'utf8')) as unknown;
  const panel = parseDashboard(d).panels.find((p) => p.id === 9);
  assert.ok(panel !== undefined);
  const out = applyTransformations([frame('A', [100, 10]), frame('B', [25, 5])], panel.transformations);
  assert.deepEqual(out.unsupported, []);
  assert.equal(out.frames.length, 1);
  const f = out.frames[0];
  assert.ok(f !== undefined);
  assert.deepEqual(f.fields.map((x) => x.name), ['Mounted on', 'Size', 'Available', 'Used', 'Used, %']);
  assert.deepEqual(f.fields.map((x) => x.values), [['/', '/boot'], [100, 10], [25, 5], [75, 5], [0.75, 0.5]]);
  const used = f.fields[4];
  assert.ok(used !== undefined);
  const { config } = resolveFieldConfig(panel, used);
  assert.equal(config.unit, 'percentunit');
  assert.equal(config.max, 1);
  assert.equal(thresholdColor(config, 0.95), '#F2495C');
});

test('joinByField, organize, reduce', () => {
  const a: DataFrame = { refId: 'A', fields: [{ name: 'Time', type: 'time', values: [1, 2] }, { name: 'Value', type: 'number', values: [10, 20], legend: 'cpu' }] };
  const b: DataFrame = { refId: 'B', fields: [{ name: 'Time', type: 'time', values: [2, 3] }, { name: 'Value', type: 'number', values: [5, 6], legend: 'mem' }] };
  const joined = applyTransformations([a, b], [
    { id: 'joinByField', options: { byField: 'Time', mode: 'outer' }, disabled: false },
    { id: 'organize', options: { renameByName: { cpu: 'CPU' }, excludeByName: { mem: true } }, disabled: false },
  ]).frames[0];
  assert.deepEqual(joined?.fields.map((f) => [f.name, f.values]), [['Time', [1, 2, 3]], ['CPU', [10, 20, null]]]);
  const reduced = applyTransformations([a, b], [{ id: 'reduce', options: { reducers: ['max', 'mean'] }, disabled: false }]).frames[0];
  assert.deepEqual(reduced?.fields.map((f) => [f.name, f.values]), [['Field', ['cpu', 'mem']], ['Max', [20, 6]], ['Mean', [15, 5.5]]]);
  assert.deepEqual(applyTransformations([a], [{ id: 'nope', options: {}, disabled: false }]).unsupported, ['nope']);
});

test('layout: rows collapse, panels repeat, legacy rows convert, bad JSON is named', () => {
  const dash = parseDashboard({
    panels: [
      { id: 1, type: 'row', title: 'A', gridPos: { x: 0, y: 0, w: 24, h: 1 } },
      { id: 2, type: 'stat', gridPos: { x: 0, y: 1, w: 12, h: 4 }, repeat: 'inst' },
      { id: 3, type: 'row', title: 'B', collapsed: true, gridPos: { x: 0, y: 5, w: 24, h: 1 }, panels: [{ id: 4, type: 'text', gridPos: { x: 0, y: 6, w: 24, h: 3 } }] },
      { id: 5, type: 'graph', gridPos: { x: 0, y: 20, w: 24, h: 5 } },
    ],
  });
  const vars = new Map<string, VarValue>([['inst', v([ALL_VALUE], { isAll: true, allValues: ['a', 'b', 'c'], multi: true, includeAll: true })]]);
  const items = layoutDashboard(dash.panels, vars, new Map());
  assert.deepEqual(items.map((i) => [i.panel.id, i.pos.x, i.pos.y, i.pos.w, i.scoped?.get('inst')?.value[0] ?? '']), [
    [1, 0, 0, 24, ''], [2, 0, 1, 8, 'a'], [2, 8, 1, 8, 'b'], [2, 16, 1, 8, 'c'], [3, 0, 5, 24, ''], [5, 0, 6, 24, ''],
  ]);
  const expanded = layoutDashboard(dash.panels, vars, new Map([[3, false]]));
  assert.deepEqual(expanded.slice(4).map((i) => [i.panel.id, i.pos.y]), [[3, 5], [4, 6], [5, 9]]);
  const rowRepeat = parseDashboard({ panels: [
    { id: 1, type: 'row', title: 'Host $inst', repeat: 'inst', gridPos: { x: 0, y: 0, w: 24, h: 1 } },
    { id: 2, type: 'stat', gridPos: { x: 0, y: 1, w: 24, h: 3 } },
  ] });
  const rr = layoutDashboard(rowRepeat.panels, new Map([['inst', v(['h1', 'h2'], { multi: true })]]), new Map());
  assert.deepEqual(rr.map((i) => [i.panel.id, i.pos.y, i.scoped?.get('inst')?.value[0]]), [[1, 0, 'h1'], [2, 1, 'h1'], [1, 4, 'h2'], [2, 5, 'h2']]);
  const legacy = parseDashboard({ rows: [{ title: 'r', height: '250px', panels: [{ id: 1, type: 'graph', span: 6, yaxes: [{ format: 'bytes' }] }, { id: 2, type: 'singlestat', span: 6 }] }] });
  assert.deepEqual(legacy.panels.map((p) => [p.id, p.gridPos]), [[1, { x: 0, y: 0, w: 12, h: 9 }], [2, { x: 12, y: 0, w: 12, h: 9 }]]);
  assert.equal(legacy.panels[0]?.fieldConfig.defaults.unit, 'bytes');
  assert.throws(() => parseDashboard([1, 2]), /dashboard JSON must be an object/);
});
