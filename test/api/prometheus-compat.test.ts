/**
 * Side by side with Debian's Prometheus 2.42: the same data backfilled into it (promtool tsdb
 * create-blocks-from openmetrics) and loaded into Vigil's API over MemoryStorage; the JSON of
 * query, query_range, series, labels and label values must agree (values within 1e-6 relative),
 * and promtool's `query instant|range|series|labels` must print the same against both servers,
 * as must Vigil's own `vigil query`.
 *
 * Evaluation times are ≡ 7 s (mod 60 s) while samples sit at ≡ 5, 20, 35, 50 s, so no range or
 * lookback window boundary coincides with a sample. Known 2.42 vs 3.x differences kept out:
 *  - windows are left-open in 3.x (range selectors, lookback, subqueries): boundary-aligned
 *    evaluation times would differ;
 *  - holt_winters was renamed double_exponential_smoothing (and needs a feature flag in 3.x);
 *  - 3.x adds PromQL warnings/infos (e.g. "metric might not be a counter", missing "le"), so
 *    only `data` is compared, never `warnings`/`infos`;
 *  - 3.x sums with Kahan compensation (sum, avg, ..._over_time), so the last digit may differ:
 *    values are compared within 1e-6, and promtool's printed output only for queries without sums;
 *  - 3.x prefixes every query_range engine error with `invalid parameter "query": `, 2.42 only
 *    parse errors of instant queries;
 *  - 3.x orders the two series of a "found duplicate series" error, 2.42 does not;
 *  - error texts: 2.42 says "Invalid time value", 3.x "invalid time value"; 3.x accepts any UTF-8
 *    label name in label/<name>/values where 2.42 answers "invalid label name";
 *  - Prometheus 2.42 has no parse_query and no limit parameter; promtool 2.42 has no `query analyze`
 *    and cannot print string results (its client fails to unmarshal them).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { queryCommand } from '../../src/cmd/promtool/query.js';
import { dataSet, getJson, haveReference, promtoolAsync, request, startDataServer, startPrometheusWithData, T0 } from './harness.js';
import type { HttpReply, RunningPrometheus, TestServer } from './harness.js';

const skip = haveReference() ? false : 'Debian prometheus/promtool 2.42 not installed';

let prom: RunningPrometheus | null = null;
let vigil: TestServer | null = null;

before(async () => {
  if (skip) return;
  [prom, vigil] = await Promise.all([startPrometheusWithData(dataSet()), startDataServer()]);
});
after(async () => {
  await prom?.stop();
  await vigil?.close();
});

const INSTANT_QUERIES = [
  'up',
  'http_requests_total',
  'http_requests_total{job="api",code="500"}',
  '{__name__=~"node_.*"}',
  'up == 0',
  'up offset 10m',
  'node_temp @ 1700001007',
  'rate(http_requests_total[1m])',
  'irate(http_requests_total[2m])',
  'increase(http_requests_total[5m])',
  'resets(http_requests_total[30m])',
  'changes(node_temp[10m])',
  'delta(node_temp[10m])',
  'idelta(node_temp[5m])',
  'deriv(node_temp[10m])',
  'predict_linear(node_temp[10m], 3600)',
  'sum by (job) (rate(http_requests_total[5m]))',
  'avg without (instance) (http_requests_total)',
  'max by (code) (http_requests_total)',
  'min(node_temp)',
  'count by (job) (up)',
  'stddev(node_temp)',
  'stdvar by (job) (http_requests_total)',
  'group by (job) (up)',
  'topk(3, http_requests_total)',
  'bottomk(2, node_temp)',
  'quantile(0.75, node_temp)',
  'count_values("value", up)',
  'node_temp * 2 - 1',
  'node_temp > 22',
  'node_temp > bool 22',
  '-node_temp',
  'http_requests_total / on (job, instance, code) http_requests_total',
  'sum by (job, instance) (http_requests_total) / on (job, instance) group_left up',
  'up and on (instance) node_temp',
  'up or node_temp',
  'http_requests_total unless on (code) http_requests_total{code="500"}',
  'avg_over_time(node_temp[10m])',
  'max_over_time(node_temp[10m])',
  'min_over_time(node_temp[10m])',
  'sum_over_time(up[10m])',
  'count_over_time(node_temp[10m])',
  'quantile_over_time(0.9, node_temp[30m])',
  'stddev_over_time(node_temp[30m])',
  'stdvar_over_time(node_temp[30m])',
  'last_over_time(gone_metric[1h])',
  'present_over_time(gone_metric[10m])',
  'histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))',
  'histogram_quantile(0.5, rate(request_duration_seconds_bucket[10m]))',
  'rate(request_duration_seconds_sum[5m]) / rate(request_duration_seconds_count[5m])',
  'abs(node_temp - 20)',
  'ceil(node_temp)',
  'floor(node_temp)',
  'round(node_temp, 0.5)',
  'clamp(node_temp, 18, 22)',
  'clamp_min(node_temp, 21)',
  'clamp_max(node_temp, 21)',
  'exp(node_temp / 10)',
  'ln(node_temp)',
  'log2(node_temp)',
  'log10(node_temp)',
  'sqrt(node_temp)',
  'sgn(node_temp - 21)',
  'label_replace(up, "host", "$1", "instance", "(.*):.*")',
  'label_join(up, "both", "/", "job", "instance")',
  'absent(nonexistent{job="x"})',
  'absent_over_time(nonexistent[5m])',
  'absent(up)',
  'vector(1)',
  'scalar(sum(up))',
  'time()',
  'timestamp(node_temp)',
  'minute(vector(1700001007))',
  'max_over_time(rate(http_requests_total[1m])[10m:1m])',
  'avg_over_time(node_temp[10m:30s] offset 5m)',
  'gone_metric',
  'tiny_values',
  'big_values',
  'special_values',
  'special_values > 0',
  'escaped_labels',
  '1 + 2 * 3',
  '2 ^ 0.5',
  'sum(http_requests_total) % 7',
];

const RANGE_QUERIES = [
  'up',
  'gone_metric',
  'rate(http_requests_total[2m])',
  'sum by (job) (increase(http_requests_total[5m]))',
  'node_temp > 21',
  'avg_over_time(node_temp[5m])',
  'histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))',
  'deriv(node_temp[5m])',
  'absent(gone_metric)',
  'time()',
  'scalar(up{instance="10.0.0.1:9100",job="api"})',
  'max_over_time(rate(http_requests_total[1m])[5m:1m])',
  'special_values',
  'tiny_values',
  'count_values("v", up)',
];

const INSTANT_TIMES = [T0 + 647, T0 + 1847, T0 + 3587, T0 + 3887];

interface Sample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

function close(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a.replace('+Inf', 'Infinity').replace('-Inf', '-Infinity'));
  const y = Number(b.replace('+Inf', 'Infinity').replace('-Inf', '-Infinity'));
  if (Number.isNaN(x) && Number.isNaN(y)) return true;
  if (x === y) return true;
  return Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));
}

function sortByMetric(list: Sample[]): Sample[] {
  return [...list].sort((a, b) => (JSON.stringify(a.metric) < JSON.stringify(b.metric) ? -1 : 1));
}

function comparePoints(what: string, a: Array<[number, string]>, b: Array<[number, string]>): void {
  assert.equal(a.length, b.length, `${what}: point count`);
  for (let i = 0; i < a.length; i++) {
    const [ta, va] = a[i] as [number, string];
    const [tb, vb] = b[i] as [number, string];
    assert.equal(ta, tb, `${what}: timestamp #${i}`);
    assert.ok(close(va, vb), `${what}: value at ${ta}: prometheus ${va} vs vigil ${vb}`);
  }
}

function compareData(what: string, p: Record<string, unknown>, v: Record<string, unknown>): void {
  assert.equal(v['resultType'], p['resultType'], `${what}: resultType`);
  const pr = p['result'];
  const vr = v['result'];
  if (p['resultType'] === 'scalar' || p['resultType'] === 'string') {
    comparePoints(what, [pr as [number, string]], [vr as [number, string]]);
    return;
  }
  const ps = sortByMetric(pr as Sample[]);
  const vs = sortByMetric(vr as Sample[]);
  assert.deepEqual(
    vs.map((s) => s.metric),
    ps.map((s) => s.metric),
    `${what}: series`,
  );
  for (let i = 0; i < ps.length; i++) {
    const a = ps[i] as Sample;
    const b = vs[i] as Sample;
    if (a.value) comparePoints(`${what} ${JSON.stringify(a.metric)}`, [a.value], [b.value as [number, string]]);
    else comparePoints(`${what} ${JSON.stringify(a.metric)}`, a.values ?? [], b.values ?? []);
  }
}

async function both(path: string): Promise<[{ status: number; json: Record<string, unknown> }, { status: number; json: Record<string, unknown> }]> {
  if (!prom || !vigil) throw new Error('servers not started');
  return Promise.all([getJson(`${prom.url}/api/v1/${path}`), getJson(`${vigil.url}/api/v1/${path}`)]);
}

const enc = encodeURIComponent;

describe('API side by side with Prometheus 2.42', { skip }, () => {
  test('instant queries agree', async () => {
    let n = 0;
    for (const q of INSTANT_QUERIES) {
      for (const t of INSTANT_TIMES) {
        const [p, v] = await both(`query?query=${enc(q)}&time=${t}`);
        assert.equal(v.status, p.status, `${q} @${t}: status (${JSON.stringify(p.json)} vs ${JSON.stringify(v.json)})`);
        if (p.status === 200) compareData(`${q} @${t}`, p.json['data'] as Record<string, unknown>, v.json['data'] as Record<string, unknown>);
        n++;
      }
    }
    assert.equal(n, INSTANT_QUERIES.length * INSTANT_TIMES.length);
  });

  test('range queries agree', async () => {
    const ranges: Array<[number, number, number]> = [
      [T0 + 347, T0 + 3587, 60],
      [T0 + 1817, T0 + 2447, 30],
      [T0 + 3407, T0 + 4007, 60],
    ];
    for (const q of RANGE_QUERIES) {
      for (const [s, e, st] of ranges) {
        const [p, v] = await both(`query_range?query=${enc(q)}&start=${s}&end=${e}&step=${st}`);
        assert.equal(v.status, p.status, `${q}: status`);
        compareData(`${q} [${s},${e}]/${st}`, p.json['data'] as Record<string, unknown>, v.json['data'] as Record<string, unknown>);
      }
    }
  });

  test('value and timestamp formatting is byte-identical', async () => {
    if (!prom || !vigil) return;
    for (const path of [
      `query?query=tiny_values&time=${T0 + 647}`,
      `query?query=big_values&time=${T0 + 647}`,
      `query?query=special_values&time=${T0 + 647}`,
      `query?query=${enc('tiny_values[1m]')}&time=${T0 + 647}.25`,
      `query?query=${enc('special_values[2m]')}&time=${T0 + 647}`,
      `query?query=${enc('vector(1e-7)')}&time=1700001000.005`,
      `query?query=${enc('1/3')}&time=1700001000.5`,
      `query?query=${enc('"a<b"')}&time=1700001000`,
      `query_range?query=big_values&start=${T0 + 347}&end=${T0 + 947}&step=60`,
      `series?match[]=escaped_labels`,
      `series?match[]=up&match[]=${enc('node_temp{room!="attic"}')}`,
      'labels',
      'label/job/values',
    ]) {
      const [p, v]: [HttpReply, HttpReply] = await Promise.all([request(`${prom.url}/api/v1/${path}`), request(`${vigil.url}/api/v1/${path}`)]);
      assert.equal(v.body, p.body, path);
    }
  });

  test('series, labels and label values agree', async () => {
    const paths = [
      'series?match[]=up',
      `series?match[]=${enc('{__name__=~"node_.*|gone_.*"}')}&start=${T0 + 2000}`,
      `series?match[]=${enc('http_requests_total{code="500"}')}&match[]=${enc('up{job="web"}')}`,
      `series?match[]=gone_metric&start=${T0 + 2000}&end=${T0 + 3000}`,
      'labels',
      `labels?match[]=node_temp`,
      `labels?match[]=up&match[]=request_duration_seconds_bucket`,
      'label/__name__/values',
      `label/instance/values?match[]=${enc('up{job="api"}')}`,
      `label/le/values`,
      `label/room/values?start=${T0 + 100}&end=${T0 + 200}`,
      'label/nonexistent/values',
    ];
    for (const path of paths) {
      const [p, v] = await both(path);
      assert.equal(v.status, p.status, path);
      const sortSeries = (x: unknown): unknown => (Array.isArray(x) ? [...x].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : x);
      assert.deepEqual(sortSeries(v.json['data']), sortSeries(p.json['data']), path);
    }
  });

  test('errors agree', async () => {
    for (const path of [
      `query?query=${enc('sum(')}`,
      `query?query=${enc('foo{')}`,
      `query?query=${enc('rate(up)')}`,
      'query_range?query=up&start=1&end=0&step=1',
      'query_range?query=up&start=1&end=1000000&step=1',
      'query_range?query=up&start=1&end=1000&step=x',
      'query_range?query=up&start=1&end=1000&step=-1',
      'query_range?query=up&start=a&end=1000&step=1',
      'series',
      `series?match[]=${enc('{a=""}')}`,
      `labels?match[]=${enc('{')}`,
    ]) {
      const [p, v] = await both(path);
      assert.equal(v.status, p.status, path);
      assert.deepEqual(v.json, p.json, path);
    }
  });
});

describe('promtool 2.42 query commands against Vigil', { skip }, () => {
  const commands = (url: string): string[][] => [
    ['query', 'instant', url, 'node_temp', `--time=${T0 + 647}`],
    ['query', 'instant', url, 'max by (job) (rate(http_requests_total[5m]))', `--time=${T0 + 647}`],
    ['query', 'instant', '-o', 'json', url, 'up', `--time=${T0 + 647}`],
    ['query', 'instant', url, 'scalar(sum(up))', `--time=${T0 + 647}.5`],
    ['query', 'instant', url, 'tiny_values', `--time=${T0 + 647}`],
    ['query', 'instant', url, 'nonexistent', `--time=${T0 + 647}`],
    ['query', 'range', url, 'rate(http_requests_total{code="500"}[2m])', `--start=${T0 + 347}`, `--end=${T0 + 947}`, '--step=1m'],
    ['query', 'range', '--format=json', url, 'node_temp', `--start=${T0 + 347}`, `--end=${T0 + 647}`, '--step=30s'],
    ['query', 'range', url, 'gone_metric', `--start=${T0 + 1700}`, `--end=${T0 + 1800}`],
    ['query', 'series', url, '--match=up', '--match=node_temp', '--start=1600000000', '--end=1800000000'],
    ['query', 'series', '-o', 'json', url, '--match=gone_metric', '--start=1600000000', '--end=1800000000'],
    ['query', 'labels', url, 'job', '--start=1600000000', '--end=1800000000'],
    ['query', 'labels', '-o', 'json', url, 'room', '--match=node_temp', '--start=1600000000', '--end=1800000000'],
    ['query', 'instant', url, 'sum('],
    ['query', 'range', url, 'up', '--start=1', '--end=1700000000', '--step=1s'],
  ];

  test('same output and exit code as against Prometheus', async () => {
    if (!prom || !vigil) return;
    const pc = commands(prom.url);
    const vc = commands(vigil.url);
    for (let i = 0; i < pc.length; i++) {
      const [p, v] = await Promise.all([promtoolAsync(pc[i] as string[]), promtoolAsync(vc[i] as string[])]);
      const label = (vc[i] as string[]).join(' ');
      assert.equal(v.status, p.status, `${label}: exit code (${v.stderr})`);
      assert.equal(v.stdout, p.stdout, `${label}: stdout`);
      assert.equal(v.stderr, p.stderr, `${label}: stderr`);
      if (i < 13) assert.equal(v.status, 0, `${label}: ${v.stderr}`);
    }
  });

  test('vigil query prints what promtool prints', async () => {
    if (!prom || !vigil) return;
    const pc = commands(prom.url);
    const vc = commands(vigil.url);
    for (let i = 0; i < pc.length; i++) {
      const ref = await promtoolAsync(pc[i] as string[]);
      for (const args of [pc[i] as string[], vc[i] as string[]]) {
        let out = '';
        let err = '';
        const code = await queryCommand(args.slice(1), { stdout: (s) => (out += s), stderr: (s) => (err += s) });
        const label = args.join(' ');
        assert.equal(code, ref.status, `${label}: exit code (${err})`);
        assert.equal(out, ref.stdout, `${label}: stdout`);
        assert.equal(err, ref.stderr, `${label}: stderr`);
      }
    }
  });
});
