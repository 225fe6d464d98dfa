/**
 * /api/v1/query, query_range, series, labels, label values, format_query, parse_query and
 * query_exemplars over a real loopback server: envelopes, status codes and upstream error texts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import * as http from 'node:http';
import { Engine } from '../../src/promql/engine/index.js';
import { dataSet, getJson, loadStorage, request, startApiServer, startDataServer, T0 } from './harness.js';
import type { TestServer } from './harness.js';
import type { ApiV1Deps } from '../../src/web/api/v1/index.js';

let srv: TestServer;
let api: string;

before(async () => {
  srv = await startDataServer();
  api = `${srv.url}/api/v1`;
});
after(async () => srv.close());

const enc = encodeURIComponent;

function badData(json: Record<string, unknown>, error: string): void {
  assert.deepEqual(json, { status: 'error', errorType: 'bad_data', error });
}

describe('query', () => {
  test('instant vector with upstream JSON shape', async () => {
    const r = await request(`${api}/query?query=${enc('node_temp{room="attic"}')}&time=${T0 + 600}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/json');
    const j = JSON.parse(r.body) as { data: { result: Array<{ value: [number, string] }> } };
    assert.match(r.body, /^\{"status":"success","data":\{"resultType":"vector","result":\[\{"metric":\{"__name__":"node_temp","room":"attic"\},"value":\[1700000600,"[0-9.]+"\]\}\]\}\}$/);
    assert.equal(j.data.result.length, 1);
  });

  test('POST form body takes precedence over the URL', async () => {
    const { status, json } = await getJson(`${api}/query?query=xxx`, { method: 'POST', body: `query=${enc('vector(2)')}&time=${T0}` });
    assert.equal(status, 200);
    assert.deepEqual(json, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [T0, '2'] }] } });
  });

  test('scalar, string, fractional timestamps and Go float formats', async () => {
    let { json } = await getJson(`${api}/query?query=1e-7&time=1700000000.5`);
    assert.deepEqual(json['data'], { resultType: 'scalar', result: [1700000000.5, '0.0000001'] });
    ({ json } = await getJson(`${api}/query?query=${enc('"abc"')}&time=1700000000.5`));
    assert.deepEqual(json['data'], { resultType: 'string', result: [1700000000.5, 'abc'] });
    const r = await request(`${api}/query?query=${enc('vector(1e-7)')}&time=1700000000.005`);
    assert.equal(r.body, '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000.005,"1e-07"]}]}}');
    const r2 = await request(`${api}/query?query=${enc('vector(1)/0')}&time=1700000000.5`);
    assert.match(r2.body, /"value":\[1700000000\.500,"\+Inf"\]/);
    const r3 = await request(`${api}/query?query=${enc('big_values')}&time=${T0}`);
    assert.match(r3.body, /"value":\[1700000000,"1.25e\+22"\]/);
  });

  test('range vector result of an instant query', async () => {
    const { json } = await getJson(`${api}/query?query=${enc('gone_metric[30s]')}&time=${T0 + 30}`);
    assert.deepEqual(json['data'], {
      resultType: 'matrix',
      result: [{ metric: { __name__: 'gone_metric', job: 'api' }, values: [[T0 + 15, '1'], [T0 + 30, '2']] }],
    });
  });

  test('parse errors are bad_data 400 on "query"', async () => {
    const { status, json } = await getJson(`${api}/query?query=${enc('sum(')}`);
    assert.equal(status, 400);
    badData(json, 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis');
  });

  test('bad time, timeout, limit, lookback_delta', async () => {
    let r = await getJson(`${api}/query?query=up&time=abc`);
    assert.equal(r.status, 400);
    badData(r.json, `invalid parameter "time": invalid time value for 'time': cannot parse "abc" to a valid timestamp`);
    r = await getJson(`${api}/query?query=up&timeout=x`);
    badData(r.json, 'invalid parameter "timeout": cannot parse "x" to a valid duration');
    r = await getJson(`${api}/query?query=up&limit=x`);
    badData(r.json, 'invalid parameter "limit": strconv.Atoi: parsing "x": invalid syntax');
    r = await getJson(`${api}/query?query=up&limit=-1`);
    badData(r.json, 'invalid parameter "limit": limit must be non-negative');
    r = await getJson(`${api}/query?query=up&lookback_delta=zz`);
    badData(r.json, 'error parsing lookback delta duration: cannot parse "zz" to a valid duration');
  });

  test('RFC 3339 times', async () => {
    const iso = new Date((T0 + 600) * 1000).toISOString().replace('.000Z', 'Z');
    const a = await request(`${api}/query?query=up&time=${iso}`);
    const b = await request(`${api}/query?query=up&time=${T0 + 600}`);
    assert.equal(a.body, b.body);
    const c = await request(`${api}/query?query=up&time=${enc('2023-11-14T23:23:20+01:00')}`);
    assert.equal(c.body, b.body);
  });

  test('limit truncates and warns', async () => {
    const { json } = await getJson(`${api}/query?query=up&time=${T0 + 600}&limit=2`);
    const data = json['data'] as { result: unknown[] };
    assert.equal(data.result.length, 2);
    assert.deepEqual(json['warnings'], ['results truncated due to limit']);
  });

  test('lookback_delta shortens the lookback', async () => {
    const long = await getJson(`${api}/query?query=gone_metric&time=${T0 + 119 * 15 + 60}`);
    assert.equal((long.json['data'] as { result: unknown[] }).result.length, 1);
    const short = await getJson(`${api}/query?query=gone_metric&time=${T0 + 119 * 15 + 60}&lookback_delta=30s`);
    assert.equal((short.json['data'] as { result: unknown[] }).result.length, 0);
  });

  test('PromQL annotations become warnings and infos with positions', async () => {
    const { json } = await getJson(`${api}/query?query=${enc('histogram_quantile(0.9, node_temp)')}&time=${T0 + 600}`);
    assert.deepEqual(json['warnings'], ['PromQL warning: bucket label "le" is missing or has a malformed value of "" (1:25)']);
    const r2 = await getJson(`${api}/query?query=${enc('rate(node_temp[5m])')}&time=${T0 + 600}`);
    assert.ok((r2.json['infos'] as string[])[0]?.startsWith('PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "node_temp" (1:6)'));
  });

  test('execution errors are 422', async () => {
    const { status, json } = await getJson(`${api}/query?query=${enc('http_requests_total + on(job) http_requests_total')}&time=${T0 + 600}`);
    assert.equal(status, 422);
    assert.equal(json['errorType'], 'execution');
    assert.match(String(json['error']), /^found duplicate series for the match group/);
  });

  test('stats block and stats deprecation warning', async () => {
    const { json } = await getJson(`${api}/query?query=up&time=${T0}&stats=yes`);
    const data = json['data'] as { stats: { timings: Record<string, number>; samples: Record<string, number> } };
    assert.ok('execTotalTime' in data.stats.timings);
    assert.deepEqual(json['warnings'], ['value "yes" for parameter "stats" is deprecated and will be rejected in the next major release, use "true" or "all"']);
  });

  test('gzip when asked, Vary headers', async () => {
    const res = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${api}/query?query=up&time=${T0}`, { headers: { 'Accept-Encoding': 'gzip' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ headers: r.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.match(String(res.headers['vary']), /Accept-Encoding/);
    const json = JSON.parse(gunzipSync(res.body).toString()) as { status: string };
    assert.equal(json.status, 'success');
  });
});

describe('query_range', () => {
  test('matrix with upstream shape', async () => {
    const { status, json } = await getJson(`${api}/query_range?query=gone_metric&start=${T0}&end=${T0 + 30}&step=15`);
    assert.equal(status, 200);
    assert.deepEqual(json['data'], {
      resultType: 'matrix',
      result: [{ metric: { __name__: 'gone_metric', job: 'api' }, values: [[T0, '0'], [T0 + 15, '1'], [T0 + 30, '2']] }],
    });
  });

  test('parameter errors', async () => {
    let r = await getJson(`${api}/query_range?query=up&start=1&end=0&step=1`);
    badData(r.json, 'invalid parameter "end": end timestamp must not be before start time');
    r = await getJson(`${api}/query_range?query=up&start=1&end=1000000&step=1`);
    badData(r.json, 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
    r = await getJson(`${api}/query_range?query=up&start=1&end=1000000`);
    badData(r.json, 'invalid parameter "step": cannot parse "" to a valid duration');
    r = await getJson(`${api}/query_range?query=up&start=1&end=10&step=0`);
    badData(r.json, 'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
    r = await getJson(`${api}/query_range?query=up&start=x&end=10&step=1`);
    badData(r.json, 'invalid parameter "start": cannot parse "x" to a valid timestamp');
    r = await getJson(`${api}/query_range?query=${enc('up[5m]')}&start=1&end=10&step=1`);
    badData(r.json, 'invalid parameter "query": invalid expression type "range vector" for range query, must be Scalar or instant Vector');
  });

  test('durations as steps', async () => {
    const a = await request(`${api}/query_range?query=up&start=${T0}&end=${T0 + 600}&step=1m`);
    const b = await request(`${api}/query_range?query=up&start=${T0}&end=${T0 + 600}&step=60`);
    assert.equal(a.status, 200);
    assert.equal(a.body, b.body);
  });

  test('timeout returns 503 timeout', async () => {
    const st = loadStorage(dataSet());
    const s2 = await startApiServer({ queryable: st, engine: new Engine() });
    try {
      const q = enc('count_over_time(http_requests_total[1h:1s])');
      const { status, json } = await getJson(`${s2.url}/api/v1/query_range?query=${q}&start=${T0}&end=${T0 + 3600}&step=1&timeout=1ms`);
      assert.equal(status, 503);
      assert.equal(json['errorType'], 'timeout');
      assert.match(String(json['error']), /^query timed out in /);
    } finally {
      await s2.close();
    }
  });
});

describe('bounded concurrency and large results', () => {
  test('maxConcurrency queues queries beyond the limit', async () => {
    let active = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const engine = new Engine();
    const fake: ApiV1Deps['engine'] = {
      newInstantQuery: (q, qs, ts, o) => {
        const real = engine.newInstantQuery(q, qs, ts, o);
        return {
          exec: async (signal) => {
            active++;
            peak = Math.max(peak, active);
            await new Promise<void>((r) => releases.push(r));
            active--;
            return real.exec(signal);
          },
          close: () => real.close(),
        };
      },
      newRangeQuery: (...a) => engine.newRangeQuery(...a),
    };
    const s2 = await startApiServer({ queryable: loadStorage(dataSet()), engine: fake, maxConcurrency: 2 });
    try {
      const pending = [1, 2, 3, 4].map((i) => getJson(`${s2.url}/api/v1/query?query=vector(${i})&time=${T0}`));
      const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 30));
      for (let i = 0; i < 200 && releases.length < 2; i++) await tick();
      await tick();
      assert.equal(releases.length, 2, 'only two queries run at once');
      while (releases.length > 0 || active > 0) {
        releases.shift()?.();
        await tick();
      }
      const results = await Promise.all(pending);
      assert.deepEqual(
        results.map((r) => (r.json['data'] as { result: Array<{ value: [number, string] }> }).result[0]?.value[1]),
        ['1', '2', '3', '4'],
      );
      assert.equal(peak, 2);
    } finally {
      await s2.close();
    }
  });

  test('an 11,000-point matrix is streamed whole', async () => {
    const r = await request(`${api}/query_range?query=up&start=${T0}&end=${T0 + 10999}&step=1`);
    assert.equal(r.status, 200);
    const j = JSON.parse(r.body) as { data: { result: Array<{ values: unknown[] }> } };
    assert.equal(j.data.result.length, 4);
    for (const s of j.data.result) assert.equal(s.values.length, 3585 + 299 + 1); // last sample + lookback (left-open)
  });
});

describe('series, labels, label values', () => {
  test('series requires match[]', async () => {
    const { status, json } = await getJson(`${api}/series`);
    assert.equal(status, 400);
    badData(json, 'no match[] parameter provided');
  });

  test('series with several selectors, merged and sorted', async () => {
    const { json } = await getJson(`${api}/series?match[]=${enc('node_temp{room="attic"}')}&match[]=gone_metric&match[]=${enc('node_temp')}`);
    assert.deepEqual(json['data'], [
      { __name__: 'gone_metric', job: 'api' },
      { __name__: 'node_temp', room: 'attic' },
      { __name__: 'node_temp', room: 'bedroom' },
      { __name__: 'node_temp', room: 'kitchen' },
    ]);
  });

  test('series time range, POST, limit and errors', async () => {
    let r = await getJson(`${api}/series?match[]=gone_metric&start=${T0 + 3000}`);
    assert.deepEqual(r.json['data'], []);
    r = await getJson(`${api}/series`, { method: 'POST', body: `match[]=node_temp&limit=1` });
    assert.deepEqual(r.json['data'], [{ __name__: 'node_temp', room: 'attic' }]);
    assert.deepEqual(r.json['warnings'], ['results truncated due to limit']);
    r = await getJson(`${api}/series?match[]=${enc('{foo=""}')}`);
    badData(r.json, 'invalid parameter "match[]": match[] must contain at least one non-empty matcher');
    r = await getJson(`${api}/series?match[]=${enc('{')}`);
    badData(r.json, 'invalid parameter "match[]": 1:2: parse error: unexpected end of input inside braces');
  });

  test('labels', async () => {
    let r = await getJson(`${api}/labels`);
    assert.deepEqual(r.json, { status: 'success', data: ['__name__', 'code', 'instance', 'job', 'le', 'note', 'path', 'room'] });
    r = await getJson(`${api}/labels?match[]=node_temp&match[]=up`);
    assert.deepEqual(r.json['data'], ['__name__', 'instance', 'job', 'room']);
    r = await getJson(`${api}/labels?limit=2`);
    assert.deepEqual(r.json['data'], ['__name__', 'code']);
    assert.deepEqual(r.json['warnings'], ['results truncated due to limit']);
    r = await getJson(`${api}/labels?match[]=${enc('{a=""}')}`);
    badData(r.json, 'match[] must contain at least one non-empty matcher');
  });

  test('label values', async () => {
    let r = await getJson(`${api}/label/job/values`);
    assert.deepEqual(r.json, { status: 'success', data: ['api', 'web'] });
    r = await getJson(`${api}/label/__name__/values?match[]=${enc('{job="web"}')}`);
    assert.deepEqual(r.json['data'], ['http_requests_total', 'up']);
    r = await getJson(`${api}/label/nonexistent/values`);
    assert.deepEqual(r.json['data'], []);
    r = await getJson(`${api}/label/room/values?limit=1`);
    assert.deepEqual(r.json['data'], ['attic']);
    assert.deepEqual(r.json['warnings'], ['results truncated due to limit']);
    r = await getJson(`${api}/label/U__r_6f_om/values`);
    assert.deepEqual(r.json['data'], ['attic', 'bedroom', 'kitchen']);
    r = await getJson(`${api}/label/job/values?start=x`);
    badData(r.json, `invalid parameter "start": invalid time value for 'start': cannot parse "x" to a valid timestamp`);
  });

  test('HTML characters are escaped as Go does', async () => {
    const r = await request(`${api}/series?match[]=escaped_labels`);
    assert.equal(r.body, '{"status":"success","data":[{"__name__":"escaped_labels","note":"line\\\\n","path":"/a\\u003cb\\u003e\\u0026\\"c\\""}]}');
  });
});

describe('format_query, parse_query, query_exemplars', () => {
  test('format_query', async () => {
    const { json } = await getJson(`${api}/format_query?query=${enc('sum by(job)(rate(x[5m]))')}`);
    assert.deepEqual(json, { status: 'success', data: 'sum by (job) (rate(x[5m]))' });
    const r = await getJson(`${api}/format_query?query=${enc('sum(')}`);
    badData(r.json, 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis');
  });

  test('parse_query returns the AST tree', async () => {
    const { json } = await getJson(`${api}/parse_query?query=${enc('-a{b="c"} offset 1m * 2')}`);
    assert.deepEqual(json['data'], {
      type: 'binaryExpr',
      op: '*',
      lhs: {
        type: 'unaryExpr',
        op: '-',
        expr: {
          type: 'vectorSelector',
          name: 'a',
          offset: 60000,
          offsetExpr: null,
          matchers: [
            { name: 'b', value: 'c', type: '=' },
            { name: '__name__', value: 'a', type: '=' },
          ],
          timestamp: null,
          startOrEnd: null,
          anchored: false,
          smoothed: false,
        },
      },
      rhs: { type: 'numberLiteral', val: '2' },
      matching: null,
      bool: false,
    });
    const m = await getJson(`${api}/parse_query?query=${enc('a > on(d) group_left(e) b')}`);
    const data = m.json['data'] as { matching: unknown; bool: boolean };
    assert.deepEqual(data.matching, { card: 'many-to-one', labels: ['d'], on: true, include: ['e'], fillValues: { lhs: null, rhs: null } });
  });

  test('query_exemplars', async () => {
    let r = await request(`${api}/query_exemplars?query=${enc('1+1')}`);
    assert.equal(r.status, 204);
    const j = await getJson(`${api}/query_exemplars?query=up`);
    assert.deepEqual(j.json, { status: 'success', data: [] });
    const e = await getJson(`${api}/query_exemplars?query=up&start=10&end=5`);
    badData(e.json, 'end timestamp must not be before start timestamp');
    r = await request(`${api}/query_exemplars?query=${enc('sum(')}`);
    assert.equal(r.status, 400);
  });
});

describe('routing', () => {
  test('unknown endpoint 404, wrong method 405, OPTIONS 204 with CORS', async () => {
    let r = await request(`${api}/nonexistent`);
    assert.equal(r.status, 404);
    assert.equal(r.body, '404 page not found\n');
    r = await request(`${api}/label/job/values`, { method: 'POST', body: '' });
    assert.equal(r.status, 405);
    assert.equal(r.headers['allow'], 'GET, OPTIONS');
    r = await request(`${api}/query`, { method: 'OPTIONS', headers: { Origin: 'http://example.com' } });
    assert.equal(r.status, 204);
    assert.equal(r.headers['access-control-allow-origin'], '*');
    assert.equal(r.headers['access-control-allow-methods'], 'GET, POST, OPTIONS');
    r = await request(`${srv.url}/not-api`);
    assert.equal(r.body, 'not found\n');
  });

  test('CORS origin regexp', async () => {
    const s2 = await startApiServer({ queryable: loadStorage([]), engine: new Engine(), corsOrigin: /^(?:https:\/\/ok\.example)$/ });
    try {
      let r = await request(`${s2.url}/api/v1/labels`, { headers: { Origin: 'https://ok.example' } });
      assert.equal(r.headers['access-control-allow-origin'], 'https://ok.example');
      r = await request(`${s2.url}/api/v1/labels`, { headers: { Origin: 'https://evil.example' } });
      assert.equal(r.headers['access-control-allow-origin'], undefined);
    } finally {
      await s2.close();
    }
  });

  test('not ready: 503 except walreplay; agent mode refuses queries', async () => {
    const s2 = await startApiServer({ queryable: loadStorage([]), engine: new Engine(), ready: () => false });
    try {
      let r = await request(`${s2.url}/api/v1/query?query=1`);
      assert.equal(r.status, 503);
      assert.equal(r.body, 'Service Unavailable');
      r = await request(`${s2.url}/api/v1/status/walreplay`);
      assert.equal(r.status, 200);
    } finally {
      await s2.close();
    }
    const s3 = await startApiServer({ queryable: loadStorage([]), engine: new Engine(), isAgent: true });
    try {
      const { status, json } = await getJson(`${s3.url}/api/v1/query?query=1`);
      assert.equal(status, 422);
      assert.deepEqual(json, { status: 'error', errorType: 'execution', error: 'unavailable with Prometheus Agent' });
    } finally {
      await s3.close();
    }
  });
});
