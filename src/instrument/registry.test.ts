import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessCollector, Registry } from './index.js';

test('counters, gauges and function metrics expose in the text format, sorted', () => {
  const r = new Registry();
  const c = r.counter({ name: 'b_requests_total', help: 'Requests.\nSecond line', labelNames: ['code', 'handler'] });
  c.labels('500', '/x').inc();
  c.labels('200', '/x').inc(2);
  const g = r.gauge({ name: 'a_gauge', help: 'A gauge.' });
  g.set(1.5e9);
  r.gaugeFunc({ name: 'c_func', help: 'F.', labelNames: ['k'] }, () => [[['v"q'], 0]]);
  assert.equal(
    r.expose(),
    [
      '# HELP a_gauge A gauge.',
      '# TYPE a_gauge gauge',
      'a_gauge 1.5e+09',
      '# HELP b_requests_total Requests.\\nSecond line',
      '# TYPE b_requests_total counter',
      'b_requests_total{code="200",handler="/x"} 2',
      'b_requests_total{code="500",handler="/x"} 1',
      '# HELP c_func F.',
      '# TYPE c_func gauge',
      'c_func{k="v\\"q"} 0',
      '',
    ].join('\n'),
  );
});

test('histograms expose cumulative buckets, sum and count', () => {
  const r = new Registry();
  const h = r.histogram({ name: 'd_seconds', help: 'D.', buckets: [0.1, 1] });
  h.observe(0.05);
  h.observe(0.5);
  h.observe(5);
  assert.equal(
    r.expose(),
    [
      '# HELP d_seconds D.',
      '# TYPE d_seconds histogram',
      'd_seconds_bucket{le="0.1"} 1',
      'd_seconds_bucket{le="1"} 2',
      'd_seconds_bucket{le="+Inf"} 3',
      'd_seconds_sum 5.55',
      'd_seconds_count 3',
      '',
    ].join('\n'),
  );
});

test('summaries expose quantiles over recent observations; NaN when empty', () => {
  const r = new Registry();
  const s = r.summary({ name: 'e_seconds', help: 'E.', labelNames: ['slice'] });
  s.labels('empty');
  for (let i = 1; i <= 100; i++) s.labels('x').observe(i);
  const text = r.expose();
  assert.match(text, /^e_seconds\{slice="empty",quantile="0\.5"\} NaN$/m);
  assert.match(text, /^e_seconds\{slice="x",quantile="0\.5"\} 50$/m);
  assert.match(text, /^e_seconds\{slice="x",quantile="0\.99"\} 99$/m);
  assert.match(text, /^e_seconds_count\{slice="x"\} 100$/m);
});

test('duplicate registration and bad names are rejected', () => {
  const r = new Registry();
  r.counter({ name: 'x_total', help: '' });
  assert.throws(() => r.counter({ name: 'x_total', help: '' }), /duplicate/);
  assert.throws(() => r.gauge({ name: '1bad', help: '' }), /invalid metric name/);
  assert.throws(() => r.gauge({ name: 'ok', help: '', labelNames: ['__x'] }), /invalid label name/);
});

test('the process collector reports process_* metrics', () => {
  const fams = new ProcessCollector().collect();
  const names = fams.map((f) => f.name);
  for (const n of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds']) assert.ok(names.includes(n), n);
  const start = fams.find((f) => f.name === 'process_start_time_seconds')?.samples[0]?.value ?? 0;
  assert.ok(Math.abs(start - Date.now() / 1000) < 3600, `start time ${start}`);
});
