import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Labels } from '../../model/labels/index.js';
import { newSeries, type Vector } from '../value/index.js';
import { FunctionEvalError } from './errors.js';
import { labels, sampleOf, str, vectorSelector } from './fixtures.js';
import { applyLabelRewriter, compileLabelJoin, compileLabelReplace, type LabelRewriter } from './label.js';

const metrics: Vector = [
  sampleOf(labels({ __name__: 'testmetric', src: 'source-value-10', dst: 'original-destination-value' }), 0),
  sampleOf(labels({ __name__: 'testmetric', src: 'source-value-20', dst: 'original-destination-value' }), 1),
];

/** The label sets of vec's series after the rewrite (as the engine applies it to a matrix). */
function rewritten(vec: Vector, rw: LabelRewriter): Labels[] {
  return applyLabelRewriter(vec.map((s) => newSeries(s.metric)), rw).map((s) => s.metric);
}

function replace(dst: string, repl: string, src: string, re: string, vec: Vector = metrics): string[] {
  const rw = compileLabelReplace([vectorSelector('testmetric'), str(dst), str(repl), str(src), str(re)]);
  return rewritten(vec, rw).map((l) => l.toString());
}

test('label_replace: full-string match, groups, no overwrite on mismatch (functions.test)', () => {
  assert.deepEqual(replace('dst', 'destination-value-$1', 'src', 'source-value-(.*)'), [
    '{__name__="testmetric", dst="destination-value-10", src="source-value-10"}',
    '{__name__="testmetric", dst="destination-value-20", src="source-value-20"}',
  ]);
  assert.deepEqual(replace('dst', 'destination-value-$1', 'src', 'value-(.*)'), metrics.map((s) => s.metric.toString()));
  assert.deepEqual(replace('dst', '$1-value-$2', 'src', '(.*)-value-(.*)')[0], '{__name__="testmetric", dst="source-value-10", src="source-value-10"}');
  assert.deepEqual(replace('dst', 'value-$1', 'nonexistent-src', 'source-value-(.*)'), metrics.map((s) => s.metric.toString()));
  assert.deepEqual(replace('dst', 'value-$1', 'nonexistent-src', '(.*)')[0], '{__name__="testmetric", dst="value-", src="source-value-10"}');
  assert.deepEqual(replace('dst', '', 'dst', '.*')[0], '{__name__="testmetric", src="source-value-10"}');
});

test('label_replace: Go Expand semantics ($$, ${1}x, $1x, named groups)', () => {
  const one = [metrics[0]!];
  const dstOf = (repl: string, re: string): string => {
    const out = replace('dst', repl, 'src', re, one)[0] ?? '';
    return /dst="([^"]*)"/.exec(out)?.[1] ?? '<none>';
  };
  assert.equal(dstOf('$$1', 'source-value-(.*)'), '$1');
  assert.equal(dstOf('${1}x', 'source-value-(.*)'), '10x');
  assert.equal(dstOf('$1x', 'source-value-(.*)'), '<none>');
  assert.equal(dstOf('a$', 'source-value-(.*)'), 'a$');
  assert.equal(dstOf('$num-$0', 'source-value-(?P<num>.*)'), '10-source-value-10');
  assert.equal(dstOf('${num}', 'source-value-(?<num>[0-9]+)'), '10');
  assert.equal(dstOf('$2', 'source-value-(.*)'), '<none>');
});

test('label_replace: errors with upstream texts', () => {
  assert.throws(
    () => replace('dst', 'value-$1', 'src', '(.*'),
    (e: unknown) => e instanceof FunctionEvalError && e.message === 'invalid regular expression in label_replace(): (.*',
  );
  assert.throws(
    () => replace('', 'x', 'src', '(.*)'),
    (e: unknown) => e instanceof FunctionEvalError && e.message === 'invalid destination label name in label_replace(): ',
  );
});

test('label_replace on a matrix keeps dropName unless __name__ is the destination', () => {
  const s = newSeries(labels({ __name__: 'a', x: 'y' }));
  s.dropName = true;
  const mat = applyLabelRewriter([s], compileLabelReplace([vectorSelector('a'), str('__name__'), str('b'), str('x'), str('.*')]));
  assert.equal(mat[0]?.metric.get('__name__'), 'b');
  assert.equal(mat[0]?.dropName, false);
});

test('label_join joins source labels, missing ones as empty', () => {
  const vec = [sampleOf(labels({ __name__: 't', src: 'a', src1: 'b', src2: 'c', dst: 'orig' }), 0)];
  const join = (...a: string[]): string =>
    rewritten(vec, compileLabelJoin([vectorSelector('t'), ...a.map(str)]))[0]?.get('dst') ?? '';
  assert.equal(join('dst', '-', 'src', 'src1', 'src2'), 'a-b-c');
  assert.equal(join('dst', '-', 'src', 'src3', 'src1'), 'a--b');
  assert.equal(join('dst', ', '), '');
  assert.throws(() => join('dst', '-', ''), /invalid source label name in label_join\(\): $/);
});
