import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRelabelConfigs, RelabelConfigError, toYAMLObject, type ParseRelabelOptions } from './config.js';

function parseError(raw: unknown, opts?: ParseRelabelOptions): string {
  try {
    parseRelabelConfigs(raw, 'relabel_configs', opts);
  } catch (e) {
    assert.ok(e instanceof RelabelConfigError, String(e));
    return e.message;
  }
  assert.fail('expected an error');
}

const bad: Array<[string, unknown[], string, ParseRelabelOptions?]> = [
  ['labelkeep with source_labels', [{ source_labels: ['abcdef'], action: 'labelkeep' }], "labelkeep action requires only 'regex', and no other fields"],
  ['labelkeep with modulus', [{ modulus: 8, action: 'labelkeep' }], "labelkeep action requires only 'regex', and no other fields"],
  ['labelkeep with separator', [{ separator: ',', action: 'labelkeep' }], "labelkeep action requires only 'regex', and no other fields"],
  ['labelkeep with replacement', [{ replacement: 'yolo-{1}', action: 'labelkeep' }], "labelkeep action requires only 'regex', and no other fields"],
  ['labelkeep with target_label', [{ target_label: 'yolo', action: 'labelkeep' }], "labelkeep action requires only 'regex', and no other fields"],
  ['labeldrop with source_labels', [{ source_labels: ['abcdef'], action: 'labeldrop' }], "labeldrop action requires only 'regex', and no other fields"],
  ['labeldrop with empty source_labels', [{ source_labels: [], action: 'labeldrop' }], "labeldrop action requires only 'regex', and no other fields"],
  ['dropequal without target', [{ source_labels: ['abcdef'], action: 'dropequal' }], "relabel configuration for dropequal action requires 'target_label' value"],
  [
    'dropequal with regex',
    [{ source_labels: ['abcdef'], action: 'dropequal', regex: 'foo', target_label: 'bar' }],
    "dropequal action requires only 'source_labels' and `target_label`, and no other fields",
  ],
  [
    'keepequal with the default regex written out',
    [{ source_labels: ['a'], action: 'keepequal', regex: '(.*)', target_label: 'bar' }],
    "keepequal action requires only 'source_labels' and `target_label`, and no other fields",
  ],
  ['keepequal without target', [{ source_labels: ['abcdef'], action: 'keepequal' }], "relabel configuration for keepequal action requires 'target_label' value"],
  [
    'lowercase without target (legacy)',
    [{ action: 'lowercase', source_labels: ['__name__'] }],
    "relabel configuration for lowercase action requires 'target_label' value",
    { nameValidationScheme: 'legacy' },
  ],
  [
    'lowercase with replacement',
    [{ action: 'lowercase', source_labels: ['__name__'], target_label: '__name__', replacement: 'bar' }],
    "'replacement' can not be set for lowercase action",
  ],
  ['uppercase without target', [{ action: 'uppercase', source_labels: ['a'] }], "relabel configuration for uppercase action requires 'target_label' value"],
  ['replace without target', [{ regex: 'abcdef' }], "relabel configuration for replace action requires 'target_label' value"],
  ['hashmod without modulus', [{ source_labels: ['a'], action: 'hashmod', target_label: 'x' }], 'relabel configuration for hashmod requires non-zero modulus'],
  ['unknown action', [{ action: 'foo' }], 'unknown relabel action "foo"'],
  ['null action', [{ action: null, target_label: 'x' }], 'relabel action cannot be empty'],
  ['unknown field', [{ target_label: 'x', sepparator: ',' }], 'field sepparator not found in type relabel.plain'],
  ['bad regex', [{ regex: '(abc', target_label: 'x' }], 'error parsing regexp: missing closing ): `^(?s:(abc)$`'],
  ['invalid legacy target', [{ target_label: 'xy-z' }], `"xy-z" is invalid 'target_label' for replace action`, { nameValidationScheme: 'legacy' }],
  ['invalid legacy template target', [{ target_label: '-foo${1}bar-' }], `"-foo\${1}bar-" is invalid 'target_label' for replace action`, { nameValidationScheme: 'legacy' }],
  ['lowercase ${3} target is not legacy', [{ action: 'lowercase', target_label: '${3}' }], `"\${3}" is invalid 'target_label' for lowercase action`, { nameValidationScheme: 'legacy' }],
  ['labelmap replacement not legacy', [{ action: 'labelmap', replacement: 'a-$1' }], `"a-$1" is invalid 'replacement' for labelmap action`, { nameValidationScheme: 'legacy' }],
  ['empty source label name', [{ source_labels: [''], target_label: 'x' }], '"" is not a valid label name'],
  ['binary source label of invalid UTF-8', [{ source_labels: [new Uint8Array([0xff])], target_label: 'x' }], '"\\xff" is not a valid label name'],
  ['negative modulus', [{ modulus: -1, action: 'hashmod', target_label: 'x' }], 'cannot unmarshal !!int `-1` into uint64'],
  ['rule not a map', ['foo'], 'cannot unmarshal !!str into relabel.plain'],
  ['null rule', [null], 'empty or null target relabeling rule', { nullRuleMessage: 'empty or null target relabeling rule' }],
];

for (const [name, raw, want, opts] of bad) {
  test(`parseRelabelConfigs rejects: ${name}`, () => {
    assert.equal(parseError(raw, opts), want);
  });
}

test('decode errors say so', () => {
  try {
    parseRelabelConfigs([{ action: 'x' }], 'r');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof RelabelConfigError);
    assert.equal(e.kind, 'decode');
  }
});

test('decoding errors come before validation errors', () => {
  assert.equal(parseError([{ regex: 'x' }, { action: 'nope' }]), 'unknown relabel action "nope"');
});

test('the error carries the path and index', () => {
  try {
    parseRelabelConfigs([{ target_label: 'ok' }, { regex: 'x' }], 'scrape_configs[2].relabel_configs');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof RelabelConfigError);
    assert.equal(e.path, 'scrape_configs[2].relabel_configs');
    assert.equal(e.index, 1);
    assert.equal(e.kind, 'validate');
  }
});

const good: Array<[string, unknown[], ParseRelabelOptions?]> = [
  ['lowercase ${3} target under UTF-8', [{ action: 'lowercase', target_label: '${3}' }]],
  ['replace ${3} target', [{ source_labels: ['a'], regex: 'some-([^-]+)-([^,]+)', replacement: '${1}', target_label: '${3}' }]],
  ['replace 0${3} target under UTF-8', [{ source_labels: ['a'], regex: 'x', replacement: '${1}', target_label: '0${3}' }]],
  ['replace -${3} target under UTF-8', [{ source_labels: ['a'], regex: 'x', replacement: '${1}', target_label: '-${3}' }]],
  ['labelmap $1 (legacy)', [{ regex: '__meta_kubernetes_pod_label_(strimzi_io_.+)', action: 'labelmap', replacement: '$1' }], { nameValidationScheme: 'legacy' }],
  ['labelmap ${1} (legacy)', [{ regex: '__meta_(.+)', action: 'labelmap', replacement: '${1}' }], { nameValidationScheme: 'legacy' }],
  ['action in upper case', [{ action: 'LabelDrop', regex: 'x' }]],
  ['labeldrop with null source_labels', [{ action: 'labeldrop', regex: 'x', source_labels: null }]],
  ['dot in a UTF-8 target', [{ target_label: 'utf-8.label' }]],
  ['conf.good.yml example', [
    { source_labels: ['job', '__meta_dns_name'], regex: '(.*)some-[regex]', target_label: 'job', replacement: 'foo-${1}' },
    { source_labels: ['abc'], target_label: 'cde' },
    { replacement: 'static', target_label: 'abc' },
    { regex: null, replacement: 'static', target_label: 'abc' },
  ]],
];

for (const [name, raw, opts] of good) {
  test(`parseRelabelConfigs accepts: ${name}`, () => {
    assert.equal(parseRelabelConfigs(raw, 'relabel_configs', opts).length, raw.length);
  });
}

test('legacy target template validity (relabelTargetLegacy)', () => {
  const cases: Array<[string, boolean]> = [
    ['-label', false],
    ['label', true],
    ['label${1}', true],
    ['${1}label', true],
    ['${1}', true],
    ['${', false],
    ['$', false],
    ['${}', false],
    ['foo${', false],
    ['$1', true],
    ['asd$2asd', true],
    ['-foo${1}bar-', false],
    ['bar.foo${1}bar', false],
    ['_${1}_', true],
    ['foo${bar}foo', true],
  ];
  for (const [target, valid] of cases) {
    const opts: ParseRelabelOptions = { nameValidationScheme: 'legacy' };
    let ok = true;
    try {
      parseRelabelConfigs([{ target_label: target }], 'r', opts);
    } catch {
      ok = false;
    }
    // A name without `$` is checked as a plain legacy name, which is the same answer here.
    assert.equal(ok, valid, target);
  }
});

test('defaults are filled', () => {
  const [c] = parseRelabelConfigs([{ target_label: 'x' }], 'r');
  assert.deepEqual(
    { ...c },
    { source_labels: [], separator: ';', regex: '(.*)', modulus: 0, target_label: 'x', replacement: '$1', action: 'replace', nameValidationScheme: 'utf8' },
  );
});

test('toYAMLObject round trips as upstream marshals', () => {
  const round = (raw: Record<string, unknown>): Record<string, unknown> => {
    const [c] = parseRelabelConfigs([raw], 'r');
    assert.ok(c !== undefined);
    return toYAMLObject(c);
  };
  const values = {
    source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_port'],
    separator: ';',
    regex: '\\d+',
    target_label: '__meta_kubernetes_pod_container_port_number',
    replacement: '$1',
    action: 'replace',
  };
  assert.deepEqual(round(values), values);
  const noRegex = { source_labels: ['a'], separator: ';', target_label: 'b', replacement: '$1', action: 'keepequal' };
  assert.deepEqual(round(noRegex), noRegex);
  const defaultRegex = { source_labels: ['a'], separator: ';', regex: '(.*)', target_label: 'b', replacement: '$1', action: 'replace' };
  assert.deepEqual(round(defaultRegex), defaultRegex);
  const empties = { source_labels: ['namespace', 'k8s_app'], separator: '', regex: '', target_label: 'target_cluster', replacement: '', action: 'replace' };
  assert.deepEqual(round(empties), empties);
  assert.deepEqual(Object.keys(round({ action: 'hashmod', modulus: 8, target_label: 't', source_labels: ['a'] })), [
    'source_labels',
    'separator',
    'modulus',
    'target_label',
    'replacement',
    'action',
  ]);
});
