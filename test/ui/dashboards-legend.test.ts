/**
 * Time series legends and tooltips as Grafana reads them (timeseries options and the legacy
 * graph panel's legend), and the legend's value columns (calcs) per series.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calcHeaders, hiddenByLegend, legendCalcs, legendOptions, tooltipOptions } from '../../ui/src/dashboards/legend.js';
import { parsePanel } from '../../ui/src/dashboards/model.js';

test('timeseries legend options: table on the right, calcs, sortBy by reducer name', () => {
  const p = parsePanel({ type: 'timeseries', options: { legend: { displayMode: 'table', placement: 'right', calcs: ['mean', 'max', 'lastNotNull'], sortBy: 'Max', sortDesc: true, width: 300 } } });
  const l = legendOptions(p);
  assert.equal(l.show, true);
  assert.equal(l.mode, 'table');
  assert.equal(l.placement, 'right');
  assert.deepEqual(l.calcs, ['mean', 'max', 'lastNotNull']);
  assert.equal(l.sortBy, 1);
  assert.equal(l.sortDesc, true);
  assert.equal(l.width, 300);
  assert.deepEqual(calcHeaders(l.calcs), ['Mean', 'Max', 'Last *']);
  assert.equal(legendOptions(parsePanel({ type: 'timeseries', options: { legend: { sortBy: 'Last *', calcs: ['lastNotNull'] } } })).sortBy, 0);
});

test('hidden legends: displayMode hidden, showLegend false, legacy show false', () => {
  assert.equal(legendOptions(parsePanel({ type: 'timeseries', options: { legend: { displayMode: 'hidden' } } })).show, false);
  assert.equal(legendOptions(parsePanel({ type: 'timeseries', options: { legend: { showLegend: false, displayMode: 'list' } } })).show, false);
  assert.equal(legendOptions(parsePanel({ type: 'graph', legend: { show: false } })).show, false);
  const d = legendOptions(parsePanel({ type: 'timeseries' }));
  assert.deepEqual([d.show, d.mode, d.placement, d.calcs.length], [true, 'list', 'bottom', 0]);
});

test('legacy graph legend: values in Grafana order, alignAsTable, rightSide, sort', () => {
  const p = parsePanel({ type: 'graph', legend: { show: true, values: true, current: true, max: true, avg: true, min: false, total: true, alignAsTable: true, rightSide: true, sort: 'current', sortDesc: true, sideWidth: 250 } });
  const l = legendOptions(p);
  assert.deepEqual(l.calcs, ['max', 'mean', 'lastNotNull', 'sum']);
  assert.equal(l.mode, 'table');
  assert.equal(l.placement, 'right');
  assert.equal(l.sortBy, 2);
  assert.equal(l.width, 250);
  // values: false shows no columns even with max: true.
  assert.deepEqual(legendOptions(parsePanel({ type: 'graph', legend: { values: false, max: true } })).calcs, []);
});

test('tooltip options: timeseries mode/sort and the legacy shared/sort', () => {
  assert.deepEqual(tooltipOptions(parsePanel({ type: 'timeseries', options: { tooltip: { mode: 'multi', sort: 'desc' } } })), { mode: 'multi', sort: 'desc' });
  assert.deepEqual(tooltipOptions(parsePanel({ type: 'timeseries', options: { tooltip: { mode: 'none' } } })), { mode: 'none', sort: 'none' });
  assert.deepEqual(tooltipOptions(parsePanel({ type: 'timeseries' })), { mode: 'single', sort: 'none' });
  assert.deepEqual(tooltipOptions(parsePanel({ type: 'graph', tooltip: { shared: true, sort: 2 } })), { mode: 'multi', sort: 'desc' });
  assert.deepEqual(tooltipOptions(parsePanel({ type: 'graph', tooltip: { shared: false, sort: 1 } })), { mode: 'single', sort: 'asc' });
});

test('legend calcs: reducers over a series, formatted with its unit, NaN as null', () => {
  const v = new Float64Array([1, 3, NaN, 2]);
  const r = legendCalcs(v, ['min', 'max', 'mean', 'sum', 'count', 'last', 'lastNotNull', 'first'], 'bytes', 0);
  assert.deepEqual(r.sort, [1, 3, 2, 6, 4, 2, 2, 1]);
  assert.deepEqual(r.texts, ['1 B', '3 B', '2 B', '6 B', '4', '2 B', '2 B', '1 B']);
  const trailingGap = legendCalcs(new Float64Array([5, NaN]), ['last', 'lastNotNull'], 'percent');
  assert.deepEqual(trailingGap.sort, [null, 5]);
  assert.deepEqual(trailingGap.texts, ['', '5%']);
  const empty = legendCalcs(new Float64Array(0), ['mean', 'max'], undefined);
  assert.deepEqual(empty.sort, [null, null]);
});

test('legacy legend hideEmpty / hideZero hide series from the legend', () => {
  const l = legendOptions(parsePanel({ type: 'graph', legend: { show: true, hideEmpty: true, hideZero: true } }));
  assert.equal(hiddenByLegend(l, new Float64Array([NaN, NaN])), true);
  assert.equal(hiddenByLegend(l, new Float64Array([0, NaN, 0])), true);
  assert.equal(hiddenByLegend(l, new Float64Array([0, 1])), false);
  const onlyEmpty = legendOptions(parsePanel({ type: 'graph', legend: { hideEmpty: true } }));
  assert.equal(hiddenByLegend(onlyEmpty, new Float64Array([0, 0])), false);
  assert.equal(hiddenByLegend(legendOptions(parsePanel({ type: 'timeseries' })), new Float64Array(0)), false);
});
