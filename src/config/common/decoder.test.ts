import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decoder, DecodeFailure, struct, list, ptr, stringMap, UnmarshalErrors } from './decoder.js';
import { bool, duration, int, str, uint, base2Bytes, float64 } from './scalars.js';
import { parseYamlTree } from './yaml-tree.js';
import { decodeBinary, resolveScalar } from './resolve.js';

interface T {
  name: string;
  on: boolean;
  n: number;
  every: number;
  tags: string[];
  sub: { x: number } | undefined;
  m: Record<string, string>;
}

const codec = struct<T>({
  goType: 'test.plain',
  fields: {
    name: { codec: str },
    on: { codec: bool },
    n: { codec: uint },
    every: { codec: duration },
    tags: { codec: list(str) },
    sub: { codec: ptr(struct<{ x: number }>({ goType: 'test.sub', fields: { x: { codec: int } }, defaults: () => ({ x: 7 }) })) },
    m: { codec: stringMap(str) },
  },
  defaults: () => ({ name: 'def', on: false, n: 1, every: 60_000, tags: [], sub: undefined, m: {} }),
  validate(v, d) {
    if (v.name === 'bad') d.fail('name is bad');
  },
});

function decode(text: string): T {
  const d = new Decoder();
  const root = parseYamlTree(text);
  assert.ok(root);
  const v = codec.decode(root, d);
  d.finish();
  return v;
}

test('defaults fill absent fields; present fields decode with go-yaml rules', () => {
  const v = decode('on: yes\nn: 0x10\nevery: 1h30m\ntags: [a, 1, true]\nsub: {}\nm: {k: 2}\n');
  assert.deepEqual({ ...v, m: { ...v.m } }, { name: 'def', on: true, n: 16, every: 5_400_000, tags: ['a', '1', 'true'], sub: { x: 7 }, m: { k: '2' } });
});

test('an explicit null sets the Go zero value', () => {
  const v = decode('name:\nn: ~\nsub: null\n');
  assert.equal(v.name, '');
  assert.equal(v.n, 0);
  assert.equal(v.sub, undefined);
});

test('type errors are collected with line numbers, in upstream wording', () => {
  assert.throws(
    () => decode('n: abc\non: [1]\nfoo: 1\nname: x\nname: y\nm: {a: 1, a: 2}\n'),
    (e: unknown) =>
      e instanceof UnmarshalErrors &&
      e.message ===
        'yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `abc` into uint\n  line 2: cannot unmarshal !!seq into bool\n' +
          '  line 3: field foo not found in type test.plain\n  line 5: field name already set in type test.plain\n' +
          '  line 6: key "a" already set in map',
  );
});

test('long values are shortened in type errors', () => {
  assert.throws(() => decode('n: abcdefghijklmnop\n'), /cannot unmarshal !!str `abcdefg...` into uint/);
});

test('validation errors abort, and do not run after type errors', () => {
  assert.throws(() => decode('name: bad\n'), (e: unknown) => e instanceof DecodeFailure && e.message === 'name is bad');
  assert.throws(() => decode('name: bad\nn: x\n'), UnmarshalErrors);
});

test('durations, sizes and floats', () => {
  assert.throws(() => decode('every: 5\n'), /not a valid duration string: "5"/);
  const d = new Decoder();
  const root = parseYamlTree('a: 512KiB\nb: 15MB\nc: 1.5\n');
  assert.ok(root && root.kind === 'map');
  assert.equal(base2Bytes.decode(root.pairs[0]!.value, d), 512 * 1024);
  assert.equal(base2Bytes.decode(root.pairs[1]!.value, d), 15 * 1024 * 1024);
  assert.equal(float64.decode(root.pairs[2]!.value, d), 1.5);
});

test('scalar resolution follows YAML 1.1 as go-yaml does', () => {
  const r = (s: string): unknown => resolveScalar({ kind: 'scalar', value: s, tag: '', plain: true, line: 1 }).value;
  assert.equal(r('on'), true);
  assert.equal(r('No'), false);
  assert.equal(r('~'), null);
  assert.equal(r('0777'), 511);
  assert.equal(r('1_000'), 1000);
  assert.equal(r('.5'), 0.5);
  assert.equal(r('-.inf'), -Infinity);
  assert.equal(r('1.2.3'), '1.2.3');
  assert.equal(decodeBinary('/w=='), '\udcff');
  assert.equal(decodeBinary('aGk='), 'hi');
  assert.throws(() => decodeBinary('/w==$1'), /!!binary value contains invalid base64 data/);
});

test('aliases and merge keys', () => {
  const v = decode('tags: &t [x]\nm: &m {a: b}\nsub:\n  <<: {x: 3}\n');
  assert.deepEqual(v.tags, ['x']);
  assert.equal(v.sub?.x, 3);
});

test('syntax errors carry the line', () => {
  assert.throws(() => parseYamlTree('a: [\nb: 1'), /^YamlSyntaxError|yaml: line \d+:/);
});
