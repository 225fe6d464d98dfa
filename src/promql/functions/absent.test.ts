import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matcher, MatchType } from '../../model/labels/index.js';
import { absentLabels } from './absent.js';
import { callFn, enh, labels, matrixSelector, sampleOf, vectorSelector } from './fixtures.js';

const m = (t: MatchType, n: string, v: string): Matcher => new Matcher(t, n, v);

test('absent labels come from unique equality matchers (functions.test)', () => {
  const sel = (...ms: Matcher[]) => vectorSelector('nonexistent', { labelMatchers: [m(MatchType.Equal, '__name__', 'nonexistent'), ...ms] });
  const eq = (n: string, v: string): Matcher => m(MatchType.Equal, n, v);
  assert.equal(absentLabels(sel()).toString(), '{}');
  assert.equal(
    absentLabels(sel(eq('job', 'testjob'), eq('instance', 'testinstance'), m(MatchType.Regexp, 'method', '.x'))).toString(),
    '{instance="testinstance", job="testjob"}',
  );
  assert.equal(absentLabels(sel(eq('job', 'testjob'), eq('job', 'testjob2'), eq('foo', 'bar'))).toString(), '{foo="bar"}');
  assert.equal(absentLabels(sel(eq('job', 'testjob'), m(MatchType.Regexp, 'job', 'testjob2'), eq('foo', 'bar'))).toString(), '{foo="bar"}');
  const ms = matrixSelector(300_000, { labelMatchers: [eq('handler', '/foo'), eq('handler', '/bar'), eq('instance', '127.0.0.1')] });
  assert.equal(absentLabels(ms).toString(), '{instance="127.0.0.1"}');
});

test('absent yields 1 only for an empty vector', () => {
  const arg = vectorSelector('x', { labelMatchers: [m(MatchType.Equal, 'a', 'b')] });
  assert.deepEqual(callFn('absent', [[]], [], [arg], enh(0)).out.map((s) => [s.metric.toString(), s.f]), [['{a="b"}', 1]]);
  assert.equal(callFn('absent', [[sampleOf(labels(), 1)]], [], [arg], enh(0)).out.length, 0);
});
