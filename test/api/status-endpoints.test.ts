/**
 * The non-query endpoints (targets, metadata, rules, alerts, alertmanagers, status/*, admin)
 * over fake providers, and /federate over the data set, on a real loopback server.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Labels } from '../../src/model/labels/index.js';
import type { Matcher } from '../../src/model/labels/index.js';
import { Engine } from '../../src/promql/engine/index.js';
import type { ActiveTarget, ApiV1Deps, RuleGroupInfo, TsdbAdmin } from '../../src/web/api/v1/index.js';
import { dataSet, getJson, loadStorage, request, startApiServer, T0, tmpDir } from './harness.js';
import type { TestServer } from './harness.js';

const L = (o: Record<string, string>): Labels => Labels.fromObject(o);

function target(job: string, instance: string, health: 'up' | 'down'): ActiveTarget {
  const md = [
    { metricFamily: 'up', type: 'gauge', help: 'Up.', unit: '' },
    { metricFamily: `${job}_requests_total`, type: 'counter', help: 'Requests.', unit: '' },
  ];
  return {
    discoveredLabels: L({ __address__: instance, __scheme__: 'http', job }),
    labels: L({ instance, job }),
    scrapeUrl: `http://${instance}/metrics`,
    lastError: health === 'down' ? 'connection refused' : '',
    lastScrape: Date.UTC(2023, 10, 14, 22, 13, 20, 123),
    lastScrapeDuration: 0.0125,
    health,
    scrapeInterval: '15s',
    scrapeTimeout: '10s',
    listMetadata: () => md,
    getMetadata: (m) => md.find((x) => x.metricFamily === m),
  };
}

const groups: RuleGroupInfo[] = [
  {
    name: 'g1',
    file: '/etc/rules/a.yml',
    interval: 30,
    limit: 0,
    evaluationTime: 0.001,
    lastEvaluation: Date.UTC(2023, 10, 14, 22, 13, 20),
    rules: [
      {
        type: 'recording',
        name: 'job:up:sum',
        query: 'sum by (job) (up)',
        labels: L({ team: 'a' }),
        health: 'ok',
        lastError: '',
        evaluationTime: 0.0005,
        lastEvaluation: Date.UTC(2023, 10, 14, 22, 13, 20),
      },
      {
        type: 'alerting',
        name: 'InstanceDown',
        query: 'up == 0',
        labels: L({ severity: 'page' }),
        annotations: L({ summary: 'down' }),
        state: 'firing',
        duration: 300,
        keepFiringFor: 0,
        health: 'ok',
        lastError: '',
        evaluationTime: 0.0002,
        lastEvaluation: null,
        alerts: [
          {
            labels: L({ alertname: 'InstanceDown', instance: 'x', severity: 'page' }),
            annotations: L({ summary: 'down' }),
            state: 'firing',
            activeAt: Date.UTC(2023, 10, 14, 22, 0, 0),
            keepFiringSince: null,
            value: 0,
          },
        ],
      },
    ],
  },
  {
    name: 'g2',
    file: '/etc/rules/b.yml',
    interval: 60,
    limit: 10,
    evaluationTime: 0,
    lastEvaluation: null,
    rules: [
      {
        type: 'recording',
        name: 'other',
        query: 'vector(1)',
        labels: Labels.EMPTY,
        health: 'err',
        lastError: 'boom',
        evaluationTime: 0,
        lastEvaluation: null,
      },
    ],
  },
];

const deleted: Array<{ mint: number; maxt: number; matchers: string }> = [];
let snapshotDir = '';

const tsdbAdmin: TsdbAdmin = {
  stats: () => ({
    headStats: { numSeries: 1, numLabelPairs: 2, chunkCount: 3, minTime: 4, maxTime: 5 },
    seriesCountByMetricName: [{ name: 'up', value: 1 }],
    labelValueCountByLabelName: [],
    memoryInBytesByLabelName: [],
    seriesCountByLabelValuePair: [],
  }),
  walReplayStatus: () => ({ min: 0, max: 10, current: 10 }),
  deleteSeries: (mint: number, maxt: number, ms: Matcher[]) => {
    deleted.push({ mint, maxt, matchers: ms.map(String).join(',') });
    return Promise.resolve();
  },
  cleanTombstones: () => Promise.resolve(),
  snapshot: (dir: string) => {
    snapshotDir = dir;
    return Promise.resolve();
  },
};

let srv: TestServer;
let api: string;
let dbDir: string;

function deps(extra: Partial<ApiV1Deps> = {}): ApiV1Deps {
  return {
    queryable: loadStorage(dataSet()),
    engine: new Engine(),
    targets: {
      targetsActive: () => new Map([['node', [target('node', '10.0.0.2:9100', 'down'), target('node', '10.0.0.1:9100', 'up')]], ['app', [target('app', 'a:80', 'up')]]]),
      targetsDropped: () => new Map([['node', [{ discoveredLabels: L({ __address__: 'x:1', job: 'node' }) }]]]),
      targetsDroppedCounts: () => ({ node: 1 }),
    },
    alertmanagers: { alertmanagers: () => ['http://am:9093/api/v2/alerts'], droppedAlertmanagers: () => [] },
    rules: { ruleGroups: () => groups },
    config: () => 'global:\n  scrape_interval: 15s\n',
    flags: { 'web.enable-admin-api': 'true', 'query.max-concurrency': '20' },
    runtimeInfo: () => ({
      startTime: Date.UTC(2023, 10, 14),
      CWD: '/',
      hostname: 'h',
      serverTime: Date.UTC(2023, 10, 14, 1),
      reloadConfigSuccess: true,
      lastConfigTime: Date.UTC(2023, 10, 14),
      corruptionCount: 0,
      goroutineCount: 1,
      GOMAXPROCS: 2,
      GOMEMLIMIT: 0,
      GOGC: '',
      GODEBUG: '',
      storageRetention: '15d',
    }),
    buildInfo: { version: '0.1.0', revision: 'r', branch: 'main', buildUser: 'u', buildDate: 'd', goVersion: 'node' },
    tsdb: tsdbAdmin,
    dbDir,
    enableAdminApi: true,
    ...extra,
  };
}

before(async () => {
  dbDir = tmpDir('vigil-api-admin-');
  srv = await startApiServer(deps(), { lookbackDelta: 5 * 60_000, now: () => (T0 + 600) * 1000, externalLabels: L({ cluster: 'c1', job: 'ext' }) });
  api = `${srv.url}/api/v1`;
});
after(async () => {
  await srv.close();
  fs.rmSync(dbDir, { recursive: true, force: true });
});

describe('targets and metadata', () => {
  test('targets: pools sorted, upstream fields', async () => {
    const { json } = await getJson(`${api}/targets`);
    const data = json['data'] as { activeTargets: Array<Record<string, unknown>>; droppedTargets: unknown[]; droppedTargetCounts: unknown };
    assert.deepEqual(
      data.activeTargets.map((t) => t['scrapePool']),
      ['app', 'node', 'node'],
    );
    assert.deepEqual(data.activeTargets[1], {
      discoveredLabels: { __address__: '10.0.0.2:9100', __scheme__: 'http', job: 'node' },
      labels: { instance: '10.0.0.2:9100', job: 'node' },
      scrapePool: 'node',
      scrapeUrl: 'http://10.0.0.2:9100/metrics',
      globalUrl: 'http://10.0.0.2:9100/metrics',
      lastError: 'connection refused',
      lastScrape: '2023-11-14T22:13:20.123Z',
      lastScrapeDuration: 0.0125,
      health: 'down',
      scrapeInterval: '15s',
      scrapeTimeout: '10s',
    });
    assert.deepEqual(data.droppedTargets, [{ discoveredLabels: { __address__: 'x:1', job: 'node' }, scrapePool: 'node' }]);
    assert.deepEqual(data.droppedTargetCounts, { node: 1 });
  });

  test('targets state and scrapePool filters', async () => {
    let { json } = await getJson(`${api}/targets?state=active&scrapePool=app`);
    let data = json['data'] as Record<string, unknown[] | null>;
    assert.equal(data['activeTargets']?.length, 1);
    assert.deepEqual(data['droppedTargets'], []);
    assert.equal(data['droppedTargetCounts'], null);
    ({ json } = await getJson(`${api}/targets?state=dropped`));
    data = json['data'] as Record<string, unknown[] | null>;
    assert.deepEqual(data['activeTargets'], []);
    assert.equal(data['droppedTargets']?.length, 1);
  });

  test('scrape_pools, targets/metadata, metadata', async () => {
    let { json } = await getJson(`${api}/scrape_pools`);
    assert.deepEqual(json['data'], { scrapePools: ['app', 'node'] });
    ({ json } = await getJson(`${api}/targets/metadata?match_target=${encodeURIComponent('{job="app"}')}&metric=up`));
    assert.deepEqual(json['data'], [{ target: { instance: 'a:80', job: 'app' }, type: 'gauge', help: 'Up.', unit: '' }]);
    ({ json } = await getJson(`${api}/metadata`));
    assert.deepEqual(json['data'], {
      up: [{ type: 'gauge', help: 'Up.', unit: '' }],
      node_requests_total: [{ type: 'counter', help: 'Requests.', unit: '' }],
      app_requests_total: [{ type: 'counter', help: 'Requests.', unit: '' }],
    });
    ({ json } = await getJson(`${api}/metadata?metric=up&limit=1`));
    assert.deepEqual(json['data'], { up: [{ type: 'gauge', help: 'Up.', unit: '' }] });
    const r = await getJson(`${api}/metadata?limit=x`);
    assert.deepEqual(r.json, { status: 'error', errorType: 'bad_data', error: 'limit must be a number' });
  });

  test('alertmanagers', async () => {
    const { json } = await getJson(`${api}/alertmanagers`);
    assert.deepEqual(json['data'], { activeAlertmanagers: [{ url: 'http://am:9093/api/v2/alerts' }], droppedAlertmanagers: [] });
  });
});

describe('rules and alerts', () => {
  test('rules with upstream shape', async () => {
    const { json } = await getJson(`${api}/rules`);
    const data = json['data'] as { groups: Array<Record<string, unknown>> };
    assert.equal(data.groups.length, 2);
    const g1 = data.groups[0] as { rules: Array<Record<string, unknown>> } & Record<string, unknown>;
    assert.equal(g1['lastEvaluation'], '2023-11-14T22:13:20Z');
    assert.equal(g1['interval'], 30);
    assert.deepEqual(g1.rules[1], {
      state: 'firing',
      name: 'InstanceDown',
      query: 'up == 0',
      duration: 300,
      keepFiringFor: 0,
      labels: { severity: 'page' },
      annotations: { summary: 'down' },
      alerts: [
        {
          labels: { alertname: 'InstanceDown', instance: 'x', severity: 'page' },
          annotations: { summary: 'down' },
          state: 'firing',
          activeAt: '2023-11-14T22:00:00Z',
          value: '0e+00',
        },
      ],
      health: 'ok',
      evaluationTime: 0.0002,
      lastEvaluation: '0001-01-01T00:00:00Z',
      type: 'alerting',
    });
    const g2 = data.groups[1] as { rules: Array<Record<string, unknown>> };
    assert.equal(g2.rules[0]?.['lastError'], 'boom');
  });

  test('rules filters and errors', async () => {
    let { json } = await getJson(`${api}/rules?type=alert&exclude_alerts=true`);
    let data = json['data'] as { groups: Array<{ rules: Array<Record<string, unknown>> }> };
    assert.equal(data.groups.length, 1);
    assert.equal(data.groups[0]?.rules[0]?.['alerts'], null);
    ({ json } = await getJson(`${api}/rules?rule_group[]=g2`));
    data = json['data'] as { groups: Array<{ rules: Array<Record<string, unknown>> }> };
    assert.deepEqual(data.groups.map((g) => g.rules[0]?.['name']), ['other']);
    ({ json } = await getJson(`${api}/rules?match[]=${encodeURIComponent('{team="a"}')}`));
    data = json['data'] as { groups: Array<{ rules: Array<Record<string, unknown>> }> };
    assert.deepEqual(data.groups.map((g) => g.rules.map((r) => r['name'])), [['job:up:sum']]);
    ({ json } = await getJson(`${api}/rules?group_limit=1`));
    assert.match(String((json['data'] as Record<string, unknown>)['groupNextToken']), /^[0-9a-f]{64}$/);
    let r = await getJson(`${api}/rules?type=foo`);
    assert.deepEqual(r.json, { status: 'error', errorType: 'bad_data', error: 'invalid parameter "type": not supported value "foo"' });
    r = await getJson(`${api}/rules?group_next_token=abc`);
    assert.equal(r.json['error'], 'invalid parameter "group_next_token": group_limit needs to be present in order to paginate over the groups');
  });

  test('alerts', async () => {
    const { json } = await getJson(`${api}/alerts`);
    assert.deepEqual(json['data'], {
      alerts: [
        {
          labels: { alertname: 'InstanceDown', instance: 'x', severity: 'page' },
          annotations: { summary: 'down' },
          state: 'firing',
          activeAt: '2023-11-14T22:00:00Z',
          value: '0e+00',
        },
      ],
    });
  });
});

describe('status', () => {
  test('config, flags, buildinfo, runtimeinfo, walreplay, tsdb', async () => {
    let { json } = await getJson(`${api}/status/config`);
    assert.deepEqual(json, { status: 'success', data: { yaml: 'global:\n  scrape_interval: 15s\n' } });
    ({ json } = await getJson(`${api}/status/flags`));
    assert.equal((json['data'] as Record<string, string>)['query.max-concurrency'], '20');
    ({ json } = await getJson(`${api}/status/buildinfo`));
    assert.equal((json['data'] as Record<string, string>)['version'], '0.1.0');
    ({ json } = await getJson(`${api}/status/runtimeinfo`));
    assert.equal((json['data'] as Record<string, unknown>)['startTime'], '2023-11-14T00:00:00Z');
    assert.equal((json['data'] as Record<string, unknown>)['storageRetention'], '15d');
    ({ json } = await getJson(`${api}/status/walreplay`));
    assert.deepEqual(json['data'], { min: 0, max: 10, current: 10 });
    ({ json } = await getJson(`${api}/status/tsdb`));
    assert.deepEqual((json['data'] as Record<string, unknown>)['headStats'], { numSeries: 1, numLabelPairs: 2, chunkCount: 3, minTime: 4, maxTime: 5 });
    let r = await getJson(`${api}/status/tsdb?limit=0`);
    assert.deepEqual(r.json, { status: 'error', errorType: 'bad_data', error: 'limit must be a positive number' });
    r = await getJson(`${api}/status/tsdb?limit=10001`);
    assert.equal(r.json['error'], 'limit must not exceed 10000');
  });

  test('tsdb status computed from a plain queryable', async () => {
    const s2 = await startApiServer({ queryable: loadStorage(dataSet()), engine: new Engine() });
    try {
      const { json } = await getJson(`${s2.url}/api/v1/status/tsdb?limit=2`);
      const d = json['data'] as Record<string, unknown>;
      assert.deepEqual(d['seriesCountByMetricName'], [
        { name: 'http_requests_total', value: 8 },
        { name: 'request_duration_seconds_bucket', value: 4 },
      ]);
      assert.deepEqual((d['headStats'] as Record<string, number>)['minTime'], T0 * 1000);
    } finally {
      await s2.close();
    }
  });
});

describe('admin', () => {
  test('delete_series, clean_tombstones, snapshot', async () => {
    let r = await request(`${api}/admin/tsdb/delete_series?match[]=up&start=1&end=2`, { method: 'POST', body: '' });
    assert.equal(r.status, 204);
    assert.deepEqual(deleted.at(-1), { mint: 1000, maxt: 2000, matchers: '__name__="up"' });
    r = await request(`${api}/admin/tsdb/delete_series`, { method: 'PUT', body: '' });
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body), { status: 'error', errorType: 'bad_data', error: 'no match[] parameter provided' });
    r = await request(`${api}/admin/tsdb/clean_tombstones`, { method: 'POST', body: '' });
    assert.equal(r.status, 204);
    const s = await getJson(`${api}/admin/tsdb/snapshot?skip_head=true`, { method: 'POST', body: '' });
    const name = (s.json['data'] as { name: string }).name;
    assert.match(name, /^\d{8}T\d{6}Z-[0-9a-f]{16}$/);
    assert.equal(snapshotDir, path.join(dbDir, 'snapshots', name));
    assert.ok(fs.existsSync(snapshotDir));
  });

  test('disabled admin API', async () => {
    const s2 = await startApiServer(deps({ enableAdminApi: false }));
    try {
      const { status, json } = await getJson(`${s2.url}/api/v1/admin/tsdb/snapshot`, { method: 'POST', body: '' });
      assert.equal(status, 500);
      assert.deepEqual(json, { status: 'error', errorType: 'unavailable', error: 'admin APIs disabled' });
      const r = await request(`${s2.url}/api/v1/admin/tsdb/snapshot`);
      assert.equal(r.status, 405);
    } finally {
      await s2.close();
    }
  });
});

describe('federate', () => {
  test('latest samples within lookback, untyped families, external labels', async () => {
    const r = await request(`${srv.url}/federate?match[]=${encodeURIComponent('node_temp{room="attic"}')}&match[]=up&match[]=gone_metric`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores');
    const lines = r.body.split('\n');
    assert.equal(lines[0], '# TYPE gone_metric untyped');
    assert.equal(lines[1], `gone_metric{job="api",cluster="c1",instance=""} 40 ${(T0 + 600) * 1000}`);
    assert.equal(lines[2], '# TYPE node_temp untyped');
    assert.match(lines[3] ?? '', /^node_temp\{room="attic",cluster="c1",instance="",job="ext"\} [0-9.]+ 1700000600000$/);
    assert.equal(lines[4], '# TYPE up untyped');
    assert.equal(lines[5], `up{instance="10.0.0.1:9100",job="api",cluster="c1"} 1 ${(T0 + 600) * 1000}`);
    assert.equal(lines.filter((l) => l.startsWith('up{')).length, 4);
  });

  test('bad selector is a 400 text error; no match[] is empty', async () => {
    let r = await request(`${srv.url}/federate?match[]=${encodeURIComponent('{')}`);
    assert.equal(r.status, 400);
    assert.equal(r.body, '1:2: parse error: unexpected end of input inside braces\n');
    r = await request(`${srv.url}/federate`);
    assert.equal(r.status, 200);
    assert.equal(r.body, '');
  });

  test('escaping and special values', async () => {
    const r = await request(`${srv.url}/federate?match[]=escaped_labels&match[]=special_values&match[]=big_values`);
    assert.match(r.body, /^big_values\{cluster="c1",instance="",job="ext"\} 5\.1249999999999994e\+23 1700000600000$/m);
    assert.match(r.body, /^escaped_labels\{note="line\\\\n",path="\/a<b>&\\"c\\"",cluster="c1",instance="",job="ext"\} 40 1700000600000$/m);
    assert.match(r.body, /^special_values\{cluster="c1",instance="",job="ext"\} \+Inf 1700000600000$/m);
  });
});
