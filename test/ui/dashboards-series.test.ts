/**
 * Per-series drawing from field config and overrides, the legacy graph panel's seriesOverrides,
 * y axes by placement and unit, and stacking (groups, percent, negative values).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveFieldConfig } from '../../ui/src/dashboards/field-config.js';
import type { Field } from '../../ui/src/dashboards/frames.js';
import { parsePanel } from '../../ui/src/dashboards/model.js';
import { aliasMatches, assignAxes, legacyGraphCustom, seriesStyle } from '../../ui/src/dashboards/series-config.js';
import { stackColumns } from '../../ui/src/components/time-series-stack.js';

const field = (legend: string): Field => ({ name: 'Value', type: 'number', values: [1], legend });

test('overrides by name and regex set custom draw properties per series', () => {
  const p = parsePanel({
    type: 'timeseries',
    fieldConfig: {
      defaults: { unit: 'Bps', custom: { fillOpacity: 10, lineWidth: 1, stacking: { mode: 'normal', group: 'A' } } },
      overrides: [
        { matcher: { id: 'byName', options: 'transmit' }, properties: [{ id: 'custom.transform', value: 'negative-Y' }, { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 5] } }, { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }] },
        { matcher: { id: 'byRegexp', options: '/pack.*/' }, properties: [{ id: 'unit', value: 'pps' }, { id: 'custom.axisPlacement', value: 'right' }, { id: 'custom.drawStyle', value: 'bars' }, { id: 'custom.stacking', value: { mode: 'none' } }, { id: 'custom.hideFrom', value: { legend: true, tooltip: false, viz: false } }] },
      ],
    },
  });
  const tx = resolveFieldConfig(p, field('transmit'));
  const txStyle = seriesStyle(p, tx.config, tx.name);
  assert.equal(txStyle.negativeY, true);
  assert.deepEqual(txStyle.dash, [10, 5]);
  assert.equal(txStyle.color, '#F2495C');
  assert.equal(txStyle.stackGroup, 'A');
  assert.equal(txStyle.fillOpacity, 10);
  const pk = resolveFieldConfig(p, field('packets'));
  const pkStyle = seriesStyle(p, pk.config, pk.name);
  assert.equal(pk.config.unit, 'pps');
  assert.equal(pkStyle.axisPlacement, 'right');
  assert.equal(pkStyle.drawStyle, 'bars');
  assert.equal(pkStyle.stackGroup, null);
  assert.deepEqual(pkStyle.hideFrom, { legend: true, tooltip: false, viz: false });
  const rx = resolveFieldConfig(p, field('receive'));
  assert.equal(seriesStyle(p, rx.config, rx.name).negativeY, false);
});

test('legacy aliases: exact names and /regex/flags', () => {
  assert.equal(aliasMatches('tx', 'tx'), true);
  assert.equal(aliasMatches('tx', 'tx bytes'), false);
  assert.equal(aliasMatches('/^tx/', 'tx bytes'), true);
  assert.equal(aliasMatches('/TX/i', 'eth0 tx'), true);
  assert.equal(aliasMatches('/[/', 'x'), false);
});

test('legacy seriesOverrides migrate as Grafana migrates graph panels', () => {
  const p = parsePanel({
    type: 'graph', fill: 1, linewidth: 1, stack: true, percentage: true, lines: true,
    seriesOverrides: [
      { alias: '/tx/', transform: 'negative-Y', yaxis: 2, linewidth: 3, fill: 0, color: '#E24D42', stack: false },
      { alias: 'hidden one', hiddenSeries: true },
      { alias: 'dashed', dashes: true, dashLength: 4, spaceLength: 2, legend: false },
      { alias: 'B', stack: 'B' },
    ],
  });
  assert.deepEqual(legacyGraphCustom(p, 'rx'), { fillOpacity: 10, lineWidth: 1, drawStyle: 'line', stacking: { mode: 'percent', group: 'A' } });
  const tx = legacyGraphCustom(p, 'eth0 tx');
  assert.equal(tx['transform'], 'negative-Y');
  assert.equal(tx['axisPlacement'], 'right');
  assert.equal(tx['lineWidth'], 3);
  assert.equal(tx['fillOpacity'], 0);
  assert.deepEqual(tx['stacking'], { mode: 'none' });
  const style = seriesStyle(p, resolveFieldConfig(p, field('eth0 tx')).config, 'eth0 tx');
  assert.equal(style.color, '#E24D42');
  assert.equal(style.stackGroup, null);
  assert.equal(seriesStyle(p, resolveFieldConfig(p, field('rx')).config, 'rx').stackPercent, true);
  assert.deepEqual(seriesStyle(p, resolveFieldConfig(p, field('hidden one')).config, 'hidden one').hideFrom, { viz: true, legend: false, tooltip: false });
  const dashed = seriesStyle(p, resolveFieldConfig(p, field('dashed')).config, 'dashed');
  assert.deepEqual(dashed.dash, [4, 2]);
  assert.equal(dashed.hideFrom.legend, true);
  assert.equal(seriesStyle(p, resolveFieldConfig(p, field('B')).config, 'B').stackGroup, 'B');
});

test('y axes: by placement and unit, auto puts other units on the right', () => {
  const a = assignAxes([
    { placement: 'auto', unit: 'Bps' }, { placement: 'auto', unit: 'Bps' }, { placement: 'auto', unit: 'pps' },
    { placement: 'right', unit: 'Bps' }, { placement: 'hidden', unit: 'short' },
  ]);
  assert.deepEqual(a.axisOf, [0, 0, 1, 2, 3]);
  assert.deepEqual(a.axes.map((x) => [x.placement, x.unit]), [['left', 'Bps'], ['right', 'pps'], ['right', 'Bps'], ['hidden', 'short']]);
  assert.deepEqual(assignAxes([{ placement: 'auto' }, { placement: 'auto' }]).axisOf, [0, 0]);
});

test('stacking: groups, unstacked series, hidden series, negative values apart', () => {
  const ys = [[1, 2, null], [3, undefined, 1], [10, 10, 10], [-1, -2, -3], [-1, -1, -1]];
  const st = stackColumns(ys, ['A', 'A', null, 'A', 'A'], new Set(), false);
  assert.deepEqual(st.cols[0], [1, 2, null]);
  assert.deepEqual(st.cols[1], [4, undefined, 1]);
  assert.deepEqual(st.cols[2], [10, 10, 10]);
  assert.deepEqual(st.cols[3], [-1, -2, -3]);
  assert.deepEqual(st.cols[4], [-2, -3, -4]);
  assert.deepEqual(st.below, [-1, 0, -1, 1, 3]);
  const hidden = stackColumns([[1, 1], [2, 2], [3, 3]], ['A', 'A', 'A'], new Set([1]), false);
  assert.deepEqual(hidden.cols, [[1, 1], [2, 2], [4, 4]]);
  const groups = stackColumns([[1], [2], [3], [4]], ['A', 'B', 'A', 'B'], new Set(), false);
  assert.deepEqual(groups.cols, [[1], [2], [4], [6]]);
  assert.deepEqual(groups.below, [-1, -1, 0, 1]);
});

test('stacking percent: shares of the group total at each x', () => {
  const st = stackColumns([[1, 0, 2], [3, 0, null], [4, 4, 4]], ['A', 'A', 'B'], new Set(), true);
  assert.deepEqual(st.cols[0], [0.25, 0, 1]);
  assert.deepEqual(st.cols[1], [1, 0, null]);
  assert.deepEqual(st.cols[2], [1, 1, 1]);
  const hidden = stackColumns([[1], [1], [2]], ['A', 'A', 'A'], new Set([2]), true);
  assert.deepEqual(hidden.cols, [[0.5], [1], [2]]);
});

test('gaps and log scales: spanNulls, nullPointMode connected, scaleDistribution, logBase', () => {
  const ts = parsePanel({ type: 'timeseries', fieldConfig: { defaults: { custom: { spanNulls: true, scaleDistribution: { type: 'log', log: 10 } } } } });
  const s = seriesStyle(ts, resolveFieldConfig(ts, field('a')).config, 'a');
  assert.equal(s.spanNulls, true);
  assert.equal(s.log, 10);
  const g = parsePanel({ type: 'graph', nullPointMode: 'connected', yaxes: [{ format: 's', logBase: 2 }, { format: 'short', logBase: 1 }] });
  const gs = seriesStyle(g, resolveFieldConfig(g, field('a')).config, 'a');
  assert.equal(gs.spanNulls, true);
  assert.equal(gs.log, 2);
  const plain = parsePanel({ type: 'graph', nullPointMode: 'null', yaxes: [{ logBase: 1 }] });
  const ps = seriesStyle(plain, resolveFieldConfig(plain, field('a')).config, 'a');
  assert.deepEqual([ps.spanNulls, ps.log], [false, undefined]);
});
