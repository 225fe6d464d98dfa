/**
 * `vigil query ...` against a Vigil API server on loopback: every subcommand, both output
 * formats, server-side errors (`query error: bad_data: ...`) and exit codes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { queryCommand } from '../../src/cmd/promtool/query.js';
import { startDataServer, T0 } from './harness.js';
import type { TestServer } from './harness.js';

let srv: TestServer;
before(async () => {
  srv = await startDataServer();
});
after(async () => srv.close());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await queryCommand(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), now: () => (T0 + 647) * 1000 });
  return { code, out, err };
}

test('instant, both formats', async () => {
  let r = await run('instant', srv.url, 'up{job="api"}');
  assert.deepEqual(r, {
    code: 0,
    out: 'up{instance="10.0.0.1:9100", job="api"} => 1 @[1700000647]\nup{instance="10.0.0.2:9100", job="api"} => 1 @[1700000647]\n',
    err: '',
  });
  r = await run('instant', '-o', 'json', srv.url, 'gone_metric', `--time=${T0 + 30}`);
  assert.equal(r.out, '[{"metric":{"__name__":"gone_metric","job":"api"},"value":[1700000030,"2"]}]\n');
  r = await run('instant', srv.url, '"hello"');
  assert.equal(r.out, 'hello\n');
  r = await run('instant', srv.url, 'nonexistent');
  assert.equal(r.out, '\n');
});

test('range with default step and explicit step', async () => {
  let r = await run('range', srv.url, 'gone_metric', `--start=${T0}`, `--end=${T0 + 30}`, '--step=15s');
  assert.equal(r.out, 'gone_metric{job="api"} =>\n0 @[1700000000]\n1 @[1700000015]\n2 @[1700000030]\n');
  r = await run('range', srv.url, 'gone_metric', `--start=${T0}`, `--end=${T0 + 500}`);
  assert.equal(r.code, 0);
  assert.equal(r.out.split('\n').length - 2, 251, 'step = 2s for a 500s range');
  r = await run('range', srv.url, 'up', '--start=1', `--end=${T0}`, '--step=1s');
  assert.equal(r.code, 1);
  assert.equal(r.err, 'query error: bad_data: exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)\n');
});

test('series and labels', async () => {
  let r = await run('series', srv.url, '--match=gone_metric', '--match=node_temp{room="attic"}');
  assert.equal(r.out, '{__name__="gone_metric", job="api"}\n{__name__="node_temp", room="attic"}\n');
  r = await run('series', '-o', 'json', srv.url, '--match=gone_metric');
  assert.equal(r.out, '[{"__name__":"gone_metric","job":"api"}]\n');
  r = await run('labels', srv.url, 'room');
  assert.equal(r.out, 'attic\nbedroom\nkitchen\n');
  r = await run('labels', '--format=json', srv.url, 'job', '--match=gone_metric');
  assert.equal(r.out, '["api"]\n');
  r = await run('labels', srv.url, 'job', '--match={');
  assert.equal(r.code, 1);
  assert.equal(r.err, 'query error: bad_data: 1:2: parse error: unexpected end of input inside braces\n');
});

test('analyze classic histograms', async () => {
  const r = await run('analyze', `--server=${srv.url}`, '--type=histogram', '--match=request_duration_seconds_bucket', `--time=${T0 + 3587}`, '--duration=10m');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Bucket stats for each histogram series over time\n/);
  assert.match(r.out, /\n- request_duration_seconds_bucket\{job="api"\} \(classic\): 4\/4\.000\/4\n/);
  assert.match(r.out, /\nClassic histogram series \(1 in total\):\n- min populated: 4\/4\.000\/4\n/);
  const bad = await run('analyze', `--server=${srv.url}`, '--type=summary', '--match=x');
  assert.equal(bad.code, 1);
  assert.equal(bad.err, "analyze type is summary, must be 'histogram'\n");
});
