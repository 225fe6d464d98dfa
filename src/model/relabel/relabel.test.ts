import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../labels/index.js';
import { newRelabelConfig, type RelabelConfig } from './config.js';
import { relabel } from './relabel.js';

type Rule = Partial<RelabelConfig>;

interface Case {
  name: string;
  input: Record<string, string>;
  rules: Rule[];
  /** null: dropped. */
  output: Record<string, string> | null;
}

const replace = (source: string[], regex: string, target: string, replacement: string): Rule => ({
  source_labels: source,
  regex,
  target_label: target,
  replacement,
  action: 'replace',
});

const cases: Case[] = [
  {
    name: 'replace with ${1} twice',
    input: { a: 'foo', b: 'bar', c: 'baz' },
    rules: [replace(['a'], 'f(.*)', 'd', 'ch${1}-ch${1}')],
    output: { a: 'foo', b: 'bar', c: 'baz', d: 'choo-choo' },
  },
  {
    name: 'chained replaces see earlier results',
    input: { a: 'foo', b: 'bar', c: 'baz' },
    rules: [replace(['a', 'b'], 'f(.*);(.*)r', 'a', 'b${1}${2}m'), replace(['c', 'a'], '(b).*b(.*)ba(.*)', 'd', '$1$2$2$3')],
    output: { a: 'boobam', b: 'bar', c: 'baz', d: 'boooom' },
  },
  {
    name: 'drop stops processing',
    input: { a: 'foo' },
    rules: [{ source_labels: ['a'], regex: '.*o.*', action: 'drop' }, replace(['a'], 'f(.*)', 'd', 'ch$1-ch$1')],
    output: null,
  },
  {
    name: 'drop on match',
    input: { a: 'foo', b: 'bar' },
    rules: [{ source_labels: ['a'], regex: '.*o.*', action: 'drop' }],
    output: null,
  },
  {
    name: 'group in the middle',
    input: { a: 'abc' },
    rules: [replace(['a'], '.*(b).*', 'd', '$1')],
    output: { a: 'abc', d: 'b' },
  },
  {
    name: 'drop without match keeps',
    input: { a: 'foo' },
    rules: [{ source_labels: ['a'], regex: 'no-match', action: 'drop' }],
    output: { a: 'foo' },
  },
  {
    name: 'drop regex is anchored',
    input: { a: 'foo' },
    rules: [{ source_labels: ['a'], regex: 'f|o', action: 'drop' }],
    output: { a: 'foo' },
  },
  {
    name: 'keep without match drops',
    input: { a: 'foo' },
    rules: [{ source_labels: ['a'], regex: 'no-match', action: 'keep' }],
    output: null,
  },
  {
    name: 'keep on match',
    input: { a: 'foo' },
    rules: [{ source_labels: ['a'], regex: 'f.*', action: 'keep' }],
    output: { a: 'foo' },
  },
  {
    name: 'no replacement without a match',
    input: { a: 'boo' },
    rules: [{ source_labels: ['a'], regex: 'f', target_label: 'b', replacement: 'bar' }],
    output: { a: 'boo' },
  },
  {
    name: 'blank replacement deletes the target',
    input: { a: 'foo', f: 'baz' },
    rules: [replace(['a'], '(f).*', '$1', '$2')],
    output: { a: 'foo' },
  },
  {
    name: 'hashmod',
    input: { a: 'foo', b: 'bar', c: 'baz' },
    rules: [{ source_labels: ['c'], target_label: 'd', action: 'hashmod', modulus: 1000 }],
    output: { a: 'foo', b: 'bar', c: 'baz', d: '976' },
  },
  {
    name: 'hashmod of a value with a newline',
    input: { a: 'foo\nbar' },
    rules: [{ source_labels: ['a'], target_label: 'b', action: 'hashmod', modulus: 1000 }],
    output: { a: 'foo\nbar', b: '734' },
  },
  {
    name: 'labelmap',
    input: { a: 'foo', b1: 'bar', b2: 'baz' },
    rules: [{ regex: '(b.*)', replacement: 'bar_${1}', action: 'labelmap' }],
    output: { a: 'foo', b1: 'bar', b2: 'baz', bar_b1: 'bar', bar_b2: 'baz' },
  },
  {
    name: 'labelmap of meta labels',
    input: { a: 'foo', __meta_my_bar: 'aaa', __meta_my_baz: 'bbb', __meta_other: 'ccc' },
    rules: [{ regex: '__meta_(my.*)', replacement: '${1}', action: 'labelmap' }],
    output: { a: 'foo', __meta_my_bar: 'aaa', __meta_my_baz: 'bbb', __meta_other: 'ccc', my_bar: 'aaa', my_baz: 'bbb' },
  },
  {
    name: 'target label from a group',
    input: { a: 'some-name-value' },
    rules: [replace(['a'], 'some-([^-]+)-([^,]+)', '${1}', '${2}')],
    output: { a: 'some-name-value', name: 'value' },
  },
  {
    name: 'replacement of a missing group is empty: nothing set',
    input: { a: 'some-name-value' },
    rules: [replace(['a'], 'some-([^-]+)-([^,]+)', '${1}', '${3}')],
    output: { a: 'some-name-value' },
  },
  {
    name: 'target of a missing group is empty: skipped',
    input: { a: 'some-name-0' },
    rules: [
      replace(['a'], 'some-([^-]+)-([^,]+)', '${3}', '${1}'),
      replace(['a'], 'some-([^-]+)-([^,]+)', '${3}', '${1}'),
      replace(['a'], 'some-([^-]+)(-[^,]+)', '${3}', '${1}'),
    ],
    output: { a: 'some-name-0' },
  },
  {
    name: 'real-life tags',
    input: { __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar' },
    rules: [
      replace(['__meta_sd_tags'], '(?:.+,|^)path:(/[^,]+).*', '__metrics_path__', '${1}'),
      replace(['__meta_sd_tags'], '(?:.+,|^)job:([^,]+).*', 'job', '${1}'),
      replace(['__meta_sd_tags'], '(?:.+,|^)label:([^=]+)=([^,]+).*', '${1}', '${2}'),
    ],
    output: { __meta_sd_tags: 'path:/secret,job:some-job,label:foo=bar', __metrics_path__: '/secret', job: 'some-job', foo: 'bar' },
  },
  {
    name: 'labeldrop then replace then keep (issue 12283)',
    input: { __meta_kubernetes_pod_container_port_name: 'foo', __meta_kubernetes_pod_annotation_XXX_metrics_port: '9091' },
    rules: [
      { regex: '^__meta_kubernetes_pod_container_port_name$', action: 'labeldrop' },
      replace(['__meta_kubernetes_pod_annotation_XXX_metrics_port'], '(.+)', '__meta_kubernetes_pod_container_port_name', 'metrics'),
      { source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: '^metrics$', action: 'keep' },
    ],
    output: { __meta_kubernetes_pod_annotation_XXX_metrics_port: '9091', __meta_kubernetes_pod_container_port_name: 'metrics' },
  },
  {
    name: 'labelkeep',
    input: { a: 'foo', b1: 'bar', b2: 'baz' },
    rules: [{ regex: '(b.*)', action: 'labelkeep' }],
    output: { b1: 'bar', b2: 'baz' },
  },
  {
    name: 'labeldrop',
    input: { a: 'foo', b1: 'bar', b2: 'baz' },
    rules: [{ regex: '(b.*)', action: 'labeldrop' }],
    output: { a: 'foo' },
  },
  {
    name: 'uppercase and lowercase',
    input: { foo: 'bAr123Foo' },
    rules: [
      { source_labels: ['foo'], action: 'uppercase', target_label: 'foo_uppercase' },
      { source_labels: ['foo'], action: 'lowercase', target_label: 'foo_lowercase' },
    ],
    output: { foo: 'bAr123Foo', foo_lowercase: 'bar123foo', foo_uppercase: 'BAR123FOO' },
  },
  {
    name: 'keepequal on equal',
    input: { __tmp_port: '1234', __port1: '1234', __port2: '5678' },
    rules: [{ source_labels: ['__tmp_port'], action: 'keepequal', target_label: '__port1' }],
    output: { __tmp_port: '1234', __port1: '1234', __port2: '5678' },
  },
  {
    name: 'dropequal on equal',
    input: { __tmp_port: '1234', __port1: '1234', __port2: '5678' },
    rules: [{ source_labels: ['__tmp_port'], action: 'dropequal', target_label: '__port1' }],
    output: null,
  },
  {
    name: 'dropequal on different',
    input: { __tmp_port: '1234', __port1: '1234', __port2: '5678' },
    rules: [{ source_labels: ['__tmp_port'], action: 'dropequal', target_label: '__port2' }],
    output: { __tmp_port: '1234', __port1: '1234', __port2: '5678' },
  },
  {
    name: 'keepequal on different',
    input: { __tmp_port: '1234', __port1: '1234', __port2: '5678' },
    rules: [{ source_labels: ['__tmp_port'], action: 'keepequal', target_label: '__port2' }],
    output: null,
  },
  {
    name: 'dot matches newline',
    input: { a: 'line1\nline2', b: 'bar', c: 'baz' },
    rules: [replace(['a'], 'line1.*line2', 'd', 'match${1}')],
    output: { a: 'line1\nline2', b: 'bar', c: 'baz', d: 'match' },
  },
  {
    name: 'UTF-8 source label',
    input: { 'utf-8.label': 'line1\nline2', b: 'bar', c: 'baz' },
    rules: [replace(['utf-8.label'], 'line1.*line2', 'd', 'match${1}')],
    output: { 'utf-8.label': 'line1\nline2', b: 'bar', c: 'baz', d: 'match' },
  },
  {
    name: 'UTF-8 target label',
    input: { a: 'line1\nline2', b: 'bar', c: 'baz' },
    rules: [replace(['a'], 'line1.*line2', 'utf-8.label', 'match${1}')],
    output: { a: 'line1\nline2', b: 'bar', c: 'baz', 'utf-8.label': 'match' },
  },
  {
    name: 'UTF-8 target label with a variable',
    input: { a: 'line1\nline2', b: 'bar', c: 'baz' },
    rules: [replace(['a'], 'line1.*line2', 'utf-8.label${1}', 'match${1}')],
    output: { a: 'line1\nline2', b: 'bar', c: 'baz', 'utf-8.label': 'match' },
  },
  {
    name: 'named groups in every style',
    input: { a: 'line1\nline2', b: 'bar', c: 'baz' },
    rules: [
      replace(['a'], '(line1).*(?<second>line2)', 'label1_${1}', 'val_${second}'),
      replace(['a'], '(line1).*(?<second>line2)', 'label2_$1', 'val_$second'),
    ],
    output: { a: 'line1\nline2', b: 'bar', c: 'baz', label1_line1: 'val_line2', label2_line1: 'val_line2' },
  },
  {
    name: 'type label',
    input: { __name__: 'http_requests_total' },
    rules: [replace(['__name__'], '.*_total$', '__type__', 'counter')],
    output: { __name__: 'http_requests_total', __type__: 'counter' },
  },
  {
    name: 'unit label',
    input: { __name__: 'disk_usage_bytes' },
    rules: [replace(['__name__'], '.*_bytes$', '__unit__', 'bytes')],
    output: { __name__: 'disk_usage_bytes', __unit__: 'bytes' },
  },
  // Beyond upstream's table.
  {
    name: 'static label pair (fast path, no sources)',
    input: { job: 'foo' },
    rules: [{ target_label: 'env', replacement: 'prod' }, { source_labels: ['missing'], target_label: 'x', replacement: 'y' }],
    output: { job: 'foo', env: 'prod', x: 'y' },
  },
  {
    name: 'default rule copies a label',
    input: { abc: 'def' },
    rules: [{ source_labels: ['abc'], target_label: 'cde' }],
    output: { abc: 'def', cde: 'def' },
  },
  {
    name: 'replace of an empty source with the default regex deletes the target',
    input: { a: 'x', t: 'old' },
    rules: [{ source_labels: ['missing'], target_label: 't' }],
    output: { a: 'x' },
  },
  {
    name: 'address rewrite',
    input: { __address__: '10.0.0.1:80', port: '9100' },
    rules: [replace(['__address__', 'port'], '(.+?)(\\:\\d+)?;(\\d+)', '__address__', '$1:$3')],
    output: { __address__: '10.0.0.1:9100', port: '9100' },
  },
  {
    name: 'labelmap after a set sees the added label last',
    input: { a_x: '1' },
    rules: [{ target_label: 'b_x', replacement: '2' }, { regex: '[ab]_(x)', replacement: 'c_$1', action: 'labelmap' }],
    output: { a_x: '1', b_x: '2', c_x: '2' },
  },
  {
    name: '$$ is a literal dollar',
    input: { a: 'v' },
    rules: [replace(['a'], '(.*)', 'b', '$$${1}')],
    output: { a: 'v', b: '$v' },
  },
  {
    name: 'lowercase of nothing deletes',
    input: { a: 'A' },
    rules: [{ source_labels: ['zz'], action: 'lowercase', target_label: 'a' }],
    output: {},
  },
];

for (const c of cases) {
  test(`relabel: ${c.name}`, () => {
    const rules = c.rules.map((r) => newRelabelConfig(r));
    const got = relabel(Labels.fromObject(c.input), rules);
    if (c.output === null) {
      assert.equal(got, null);
      return;
    }
    assert.notEqual(got, null);
    assert.deepEqual(got?.toObject(), c.output);
    assert.equal(got?.equals(Labels.fromObject(c.output)), true);
  });
}

test('relabel returns the same object when nothing changes', () => {
  const lbls = Labels.fromObject({ a: 'foo', job: 'x' });
  const rules = [
    newRelabelConfig({ source_labels: ['a'], regex: 'bar', action: 'drop' }),
    newRelabelConfig({ source_labels: ['job'], target_label: 'job' }),
    newRelabelConfig({ regex: 'zzz', action: 'labeldrop' }),
  ];
  assert.equal(relabel(lbls, rules), lbls);
  assert.equal(relabel(lbls, []), lbls);
});

test('hashmod modulus larger than 32 bits', () => {
  const rules = [newRelabelConfig({ source_labels: ['c'], target_label: 'd', action: 'hashmod', modulus: 2 ** 40 })];
  const got = relabel(Labels.fromObject({ c: 'baz' }), rules);
  assert.equal(got?.get('d'), '570297380488');
});

test('legacy scheme skips a replace whose expanded target is not a legacy name', () => {
  const rules = [
    newRelabelConfig({
      source_labels: ['a'],
      regex: '(.*)',
      target_label: 'x_${1}',
      replacement: 'v',
      nameValidationScheme: 'legacy',
    }),
  ];
  assert.deepEqual(relabel(Labels.fromObject({ a: 'b-c' }), rules)?.toObject(), { a: 'b-c' });
  assert.deepEqual(relabel(Labels.fromObject({ a: 'bc' }), rules)?.toObject(), { a: 'bc', x_bc: 'v' });
});
