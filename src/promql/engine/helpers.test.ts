import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { FloatHistogram, histogramString } from '../../model/value/index.js';
import { parseExpr } from '../parser/index.js';
import { quantile } from './aggregation.js';
import { xxhash64 } from '../../model/labels/index.js';
import { labelsHash } from './label-hash.js';
import { cloneExpr, preprocessExpr } from './preprocess.js';
import { goPow } from './binary-elem.js';

test('xxhash64 matches the reference vectors', () => {
  const enc = new TextEncoder();
  assert.equal(xxhash64(enc.encode('')), 0xef46db3751d8e999n);
  assert.equal(xxhash64(enc.encode('abc')), 0x44bc2cf5ad770999n);
  assert.equal(xxhash64(enc.encode('Nobody inspects the spammish repetition')), 0xfbcea83c8a378bf1n);
});

test('labels hash is cached and depends on content', () => {
  const a = Labels.fromObject({ a: '1' });
  const b = Labels.fromObject({ a: '2' });
  assert.notEqual(labelsHash(a), labelsHash(b));
  assert.equal(labelsHash(a), labelsHash(Labels.fromObject({ a: '1' })));
});

test('quantile interpolates and orders NaN first', () => {
  assert.equal(quantile(0.5, [3, 1, 2]), 2);
  assert.equal(quantile(0.25, [1, 2, 3, 4, 5]), 2);
  assert.equal(quantile(2, [1]), Infinity);
  assert.equal(quantile(-1, [1]), -Infinity);
  assert.ok(Number.isNaN(quantile(0, [NaN, 1])));
});

test('Go math.Pow special cases', () => {
  assert.equal(goPow(1, NaN), 1);
  assert.equal(goPow(-1, Infinity), 1);
  assert.equal(goPow(NaN, 0), 1);
  assert.equal(goPow(2, 10), 1024);
});

test('histogram String()', () => {
  const h = new FloatHistogram();
  h.count = 6;
  h.sum = 10;
  h.zeroThreshold = 0.001;
  h.zeroCount = 2;
  h.positiveSpans = [{ offset: 0, length: 2 }];
  h.positiveBuckets = [1, 3];
  h.negativeSpans = [{ offset: 0, length: 1 }];
  h.negativeBuckets = [1];
  assert.equal(histogramString(h), '{count:6, sum:10, [-1,-0.5):1, [-0.001,0.001]:2, (0.5,1]:1, (1,2]:3}');
});

test('preprocessing wraps step-invariant parts and leaves a given Expr untouched', () => {
  const e = parseExpr('foo @ 100 + bar');
  const copy = cloneExpr(e);
  const pre = preprocessExpr(copy, 0, 1000, 10);
  assert.equal(pre.kind, 'BinaryExpr');
  if (pre.kind === 'BinaryExpr') {
    assert.equal(pre.lhs.kind, 'StepInvariantExpr');
    assert.equal(pre.rhs.kind, 'VectorSelector');
  }
  assert.equal(e.kind === 'BinaryExpr' && e.lhs.kind, 'VectorSelector');
  const inv = preprocessExpr(parseExpr('sum(foo @ end())'), 0, 5000, 10);
  assert.equal(inv.kind, 'StepInvariantExpr');
  const folded = preprocessExpr(parseExpr('time() - start()', { enableExperimentalFunctions: true }), 0, 5000, 10);
  assert.equal(folded.kind, 'BinaryExpr');
  if (folded.kind === 'BinaryExpr') assert.deepEqual([folded.rhs.kind, folded.rhs.kind === 'NumberLiteral' && folded.rhs.val], ['NumberLiteral', 0]);
});
