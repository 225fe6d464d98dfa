import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RelabelConfig } from '../../../model/relabel/index.js';
import type { ApiContext } from './context.js';
import type { ApiV1Deps } from './deps.js';
import { ApiError } from './errors.js';
import { QueryGate } from './limiter.js';
import { targetRelabelSteps } from './relabel-steps.js';
import { Form } from './router.js';
import { features } from './features.js';

/** The pool config of upstream's api_test.go (testpool, and testpool3 with a rule after the drop). */
const RULES: RelabelConfig[] = [
  { source_labels: [], separator: '', regex: '', modulus: 0, target_label: '__address__', replacement: 'example.com:443', action: 'replace' },
  { source_labels: ['__address__'], separator: '', regex: 'example\\.com:.*', modulus: 0, target_label: '', replacement: '', action: 'drop' },
];
const EXTRA: RelabelConfig = { source_labels: [], separator: '', regex: '.*', modulus: 0, target_label: 'job', replacement: 'should_not_apply', action: 'replace' };

const deps = {
  targets: {
    targetsActive: () => new Map(),
    targetsDropped: () => new Map(),
    targetsDroppedCounts: () => ({}),
    scrapePoolRelabelConfigs(pool: string): readonly RelabelConfig[] {
      if (pool === 'testpool') return RULES;
      if (pool === 'testpool3') return [...RULES, EXTRA];
      throw new Error(`scrape pool "${pool}" not found`);
    },
  },
  features: () => ({ promql_functions: { rate: true, abs: true }, api: { query: true } }),
} as unknown as ApiV1Deps;

function ctx(q: Record<string, string>): ApiContext {
  const query = new URLSearchParams(q);
  const values = new Map<string, string[]>();
  for (const [k, v] of query) values.set(k, [...(values.get(k) ?? []), v]);
  return { deps, form: new Form(values, query), params: {}, signal: new AbortController().signal, now: Date.now, gate: new QueryGate(1) };
}

const LABELS = '{"job":"test","__address__":"localhost:9090"}';

const STEPS = [
  {
    rule: { separator: '', regex: '', target_label: '__address__', replacement: 'example.com:443', action: 'replace' },
    output: { __address__: 'example.com:443', job: 'test' },
    keep: true,
  },
  {
    rule: { source_labels: ['__address__'], separator: '', regex: 'example\\.com:.*', replacement: '', action: 'drop' },
    output: {},
    keep: false,
  },
];

test('relabel_steps: one step per rule, output emptied once dropped (upstream api_test)', () => {
  const r = targetRelabelSteps(ctx({ scrapePool: 'testpool', labels: LABELS }));
  assert.equal(JSON.stringify(r.data), JSON.stringify({ steps: STEPS }));
  const r3 = targetRelabelSteps(ctx({ scrapePool: 'testpool3', labels: LABELS }));
  assert.deepEqual(r3.data, {
    steps: [...STEPS, { rule: { separator: '', regex: '.*', target_label: 'job', replacement: 'should_not_apply', action: 'replace' }, output: {}, keep: false }],
  });
});

test('relabel_steps: missing or bad parameters are bad_data with upstream texts', () => {
  const err = (q: Record<string, string>, msg: string | RegExp): void => {
    assert.throws(() => targetRelabelSteps(ctx(q)), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.type, 'bad_data');
      if (typeof msg === 'string') assert.equal(e.message, msg);
      else assert.match(e.message, msg);
      return true;
    });
  };
  err({ labels: LABELS }, 'no scrapePool parameter provided');
  err({ scrapePool: 'testpool' }, 'no labels parameter provided');
  err({ scrapePool: 'testpool', labels: '{' }, /^error parsing labels: /);
  err({ scrapePool: 'testpool', labels: '{"a":1}' }, /^error parsing labels: /);
  err({ scrapePool: 'nope', labels: LABELS }, 'error retrieving scrape config: scrape pool "nope" not found');
});

test('features: categories and names sorted', () => {
  const r = features(ctx({}));
  assert.equal(JSON.stringify(r.data), '{"api":{"query":true},"promql_functions":{"abs":true,"rate":true}}');
});
