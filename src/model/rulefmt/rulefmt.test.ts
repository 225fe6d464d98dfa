import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleFile, parseRules, RuleFileError } from './index.js';

test('parses groups and rules with durations in ms', () => {
  const rgs = parseRuleFile(
    `groups:
  - name: g
    interval: 30s
    query_offset: 1m
    limit: 3
    labels: {team: a}
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: up == 0
        for: 5m
        keep_firing_for: 1m
        labels: {severity: page}
        annotations: {summary: "{{ $labels.job }} down"}
`,
    'f.yml',
  );
  const g = rgs.groups[0];
  assert.ok(g);
  assert.equal(g.interval, 30_000);
  assert.equal(g.queryOffset, 60_000);
  assert.equal(g.limit, 3);
  assert.deepEqual({ ...g.labels }, { team: 'a' });
  assert.equal(g.rules[1]?.for, 300_000);
  assert.equal(g.rules[1]?.keepFiringFor, 60_000);
  assert.equal(g.rules[0]?.record, 'job:up:sum');
});

test('empty file has no groups', () => {
  assert.deepEqual(parseRules('').groups, { groups: [] });
});

test('collects every error with positions, prefixed by the file name', () => {
  const text = `groups:
  - name: g
    rules:
      - record: r
        expr: up
        for: 1m
        annotations: {a: b}
      - alert: A
        expr: "sum("
        labels: {"__name__": x}
`;
  try {
    parseRuleFile(text, 'f.yml');
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof RuleFileError);
    assert.deepEqual(e.errors.slice(0, 2), [
      `f.yml: 4:17: group "g", rule 1, "r": invalid field 'annotations' in recording rule`,
      `f.yml: 4:17: group "g", rule 1, "r": invalid field 'for' in recording rule`,
    ]);
    assert.match(e.errors[2] ?? '', /^f\.yml: 9:15: group "g", rule 2, "A": could not parse expression: 1:5: parse error: /);
    assert.equal(e.errors[3], 'f.yml: group "g", rule 2, "A": invalid label name: __name__');
  }
});

test('unknown fields are yaml unmarshal errors unless ignored', () => {
  const text = 'groups:\n  - name: g\n    foo: 1\n    rules: []\n';
  assert.deepEqual(parseRules(text).errors, ['yaml: unmarshal errors:\n  line 3: field foo not found in type rulefmt.RuleGroup']);
  assert.deepEqual(parseRules(text, { ignoreUnknownFields: true }).errors, []);
});

test('bad durations and group name checks', () => {
  assert.match(parseRules('groups:\n  - name: g\n    interval: 5x\n    rules: []\n').errors[0] ?? '', /unknown unit "x" in duration "5x"/);
  assert.deepEqual(parseRules('groups:\n  - name: ""\n    rules: []\n').errors, ['2:5: Groupname must not be empty']);
});

test('template syntax of alerting rules is checked through the given parser', () => {
  const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        annotations: {s: "{{ bad"}\n';
  const errors = parseRules(text, {
    checkTemplate: (t, name) => {
      if (t.endsWith('{{ bad')) throw new Error(`template: ${name}:1: unclosed action`);
    },
  }).errors;
  assert.deepEqual(errors, ['group "g", rule 1, "A": annotation "s": template: __alert_A:1: unclosed action']);
});

test('legacy name validation', () => {
  const text = 'groups:\n  - name: g\n    rules:\n      - record: "a.b"\n        expr: up\n';
  assert.deepEqual(parseRules(text).errors, []);
  assert.deepEqual(parseRules(text, { nameValidation: 'legacy' }).errors, ['4:17: group "g", rule 1, "a.b": invalid recording rule name: a.b']);
});

test('default template check: Go template parse errors of alerting rules', () => {
  const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        labels: {l: "{{ foo }}"}\n        annotations: {s: "{{ humanize $value }}"}\n';
  assert.deepEqual(parseRules(text).errors, ['group "g", rule 1, "A": label "l": template: __alert_A:1: function "foo" not defined']);
  assert.deepEqual(parseRules(text, { checkTemplate: null }).errors, []);
});
