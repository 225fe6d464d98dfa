import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import type { Vector } from '../value/index.js';
import { callFn, enh, labels, sampleOf, str, vectorSelector } from './fixtures.js';
import { naturalLess } from './natsort.js';

test('natural order as facette/natsort', () => {
  assert.equal(naturalLess('2', '10'), true);
  assert.equal(naturalLess('10', '2'), false);
  assert.equal(naturalLess('4m5', '4m600'), true);
  assert.equal(naturalLess('4m600', '4m1000'), true);
  assert.equal(naturalLess('1.2.3', '1.11.3'), true);
  assert.equal(naturalLess('1.11.3', '1.111.3'), true);
  assert.equal(naturalLess('a', 'b'), true);
  assert.equal(naturalLess('abc', 'ab'), false);
  assert.equal(naturalLess('ab', 'abc'), true);
});

const vec: Vector = [
  sampleOf(labels({ cpu: '10' }), 3),
  sampleOf(labels({ cpu: '2' }), NaN),
  sampleOf(labels({ cpu: '100' }), 1),
  sampleOf(labels({ cpu: '1' }), 2),
  sampleOf(labels({ cpu: 'h' }), 0, 0, new FloatHistogram()),
];

test('sort and sort_desc put NaN last and drop histograms', () => {
  const run = (fn: string): string[] => callFn(fn, [vec], [], [vectorSelector('x')], enh(0)).out.map((s) => s.metric.get('cpu'));
  assert.deepEqual(run('sort'), ['100', '1', '10', '2']);
  assert.deepEqual(run('sort_desc'), ['10', '1', '100', '2']);
});

test('sort_by_label and sort_by_label_desc use natural order, then the label set', () => {
  const run = (fn: string, ...names: string[]): string[] =>
    callFn(fn, [[...vec]], [], [vectorSelector('x'), ...names.map(str)], enh(0)).out.map((s) => s.metric.get('cpu'));
  assert.deepEqual(run('sort_by_label', 'cpu'), ['1', '2', '10', '100', 'h']);
  assert.deepEqual(run('sort_by_label_desc', 'cpu'), ['h', '100', '10', '2', '1']);
  const ties: Vector = [
    sampleOf(labels({ group: 'production', instance: '1' }), 0),
    sampleOf(labels({ group: 'canary', instance: '1' }), 0),
    sampleOf(labels({ group: 'canary', instance: '0' }), 0),
  ];
  const byInstance = callFn('sort_by_label', [ties], [], [vectorSelector('x'), str('instance')], enh(0)).out;
  assert.deepEqual(byInstance.map((s) => s.metric.toString()), [
    '{group="canary", instance="0"}',
    '{group="canary", instance="1"}',
    '{group="production", instance="1"}',
  ]);
});
