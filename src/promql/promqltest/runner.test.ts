import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryEngine } from './eval.js';
import { runTestScript, summarize } from './runner.js';

const SCRIPT = `
load 1m
  http_requests_total{job="api"} 0+10x10
  http_requests_total{job="web"} 0+20x10
  hist {{schema:0 count:1 sum:1 buckets:[1]}}x10

eval instant at 5m sum(http_requests_total)
  {} 150

eval instant at 5m http_requests_total
  expect ordered
  http_requests_total{job="api"} 50
  http_requests_total{job="web"} 100

eval range from 0 to 2m step 1m http_requests_total{job="api"}
  http_requests_total{job="api"} 0 10 20

eval instant at 5m http_requests_total{job="api"}
  http_requests_total{job="api"} 51

eval instant at 0 nonexistent_function(foo)
  expect fail

eval instant at 5m hist
  hist {{schema:0 count:1 sum:1 buckets:[1]}}

eval instant at 5m count(hist)
  {} 1
`;

test('runs a script and reports per-eval results', async () => {
  const results = await runTestScript(SCRIPT, 'inline.test');
  const byLine = new Map(results.map((r) => [r.line, r]));
  assert.equal(byLine.get(7)?.status, 'passed', byLine.get(7)?.message);
  assert.equal(byLine.get(10)?.status, 'passed', byLine.get(10)?.message);
  assert.equal(byLine.get(15)?.status, 'passed', byLine.get(15)?.message);
  const wrong = byLine.get(18);
  assert.equal(wrong?.status, 'failed');
  assert.match(wrong?.message ?? '', /expected 51 for \{__name__="http_requests_total", job="api"\} but got 50/);
  assert.match(wrong?.expected ?? '', /51/);
  assert.match(wrong?.actual ?? '', /http_requests_total\{job="api"\} 50/);
  assert.equal(byLine.get(21)?.kind, 'script', 'an unknown function is a script error, as upstream');
  assert.equal(byLine.get(24)?.nativeHistograms, true);
  assert.equal(byLine.get(27)?.nativeHistograms, true);
  assert.equal(byLine.get(7)?.nativeHistograms, false);
});

test('skip callback sees the native-histogram classification', async () => {
  const results = await runTestScript(SCRIPT, 'inline.test', {
    skip: (ev) => (ev.nativeHistograms ? 'needs native histograms' : null),
  });
  const s = summarize(results);
  assert.equal(s.skipped, 2);
  assert.equal(results.find((r) => r.line === 24)?.message, 'needs native histograms');
});

test('annotations and expected failures through the engine', async () => {
  const results = await runTestScript(
    `
load 1m
  foo 1 2 3

eval instant at 2m rate(foo[5m])
  expect info
  {} 0.0083333333

eval instant at 2m quantile(2, foo)
  expect warn msg: PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)
  {} +Inf

eval instant at 2m foo * 2
  {} 6

eval instant at 2m foo{a="b"} == 1
  expect no_warn
`,
    'x.test',
  );
  for (const r of results) assert.equal(r.status, 'passed', `${r.line}: ${r.message}`);
});

test('instant evals are cross-checked in range mode and with @ pinned', async () => {
  const { Engine } = await import('../engine/index.js');
  const real = new Engine({ enableDelayedNameRemoval: true });
  // An engine whose range queries are off by one: the range-mode check must catch it.
  const skewed: QueryEngine = {
    newInstantQuery: (q, qs, ts, o) => real.newInstantQuery(q, qs, ts, o),
    newRangeQuery: (q, qs, s, e, st, o) => real.newRangeQuery(q, typeof qs === 'string' ? `(${qs}) + 1` : qs, s, e, st, o),
  };
  const script = `
load 1m
  foo 1+1x10

eval instant at 5m foo
  foo 6
`;
  const [r] = await runTestScript(script, 's.test', { engine: skewed });
  assert.equal(r?.status, 'failed');
  assert.match(r?.message ?? '', /range mode/);
  // An engine that ignores @: the pinned reruns at other times must catch it.
  const noAt: QueryEngine = {
    newInstantQuery: (q, qs, ts, o) => real.newInstantQuery(q, typeof qs === 'string' ? qs.replace(/ @ [0-9.]+/g, '') : qs, ts, o),
    newRangeQuery: (q, qs, s, e, st, o) => real.newRangeQuery(q, qs, s, e, st, o),
  };
  const [r2] = await runTestScript(script, 's.test', { engine: noAt });
  assert.equal(r2?.status, 'failed');
  assert.match(r2?.message ?? '', /foo @ 300\.000/);
});
