import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError } from './errors.js';
import { prometheusFuncMap } from './prometheus-funcs.js';
import { parseTemplate } from './template.js';

/** mulberry32: a small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '{{', '}}', '{{-', '-}}', ' ', '.', '.a', '.b.c', '$', '$x', '$x :=', '$i, $v :=', '=', '|', '(', ')', ',',
  'if', 'else', 'else if', 'end', 'range', 'with', 'define "d"', 'template "d"', 'template "d" .', 'block "b" .',
  'break', 'continue', 'nil', 'true', '1', '-2', '1.5', '1e3', '0x1F', "'a'", '"s"', '`raw`', '"%d %s %v"',
  'printf', 'print', 'println', 'len', 'index', 'slice', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not',
  'html', 'js', 'urlquery', 'call', 'humanize', 'humanizeDuration', 'title', 'toUpper', 'reReplaceAll', 'match',
  'args', 'first', 'label', 'query "up"', 'toTime', 'toDuration', 'parseDuration', '/*', '*/', 'text', '\n', '10000000',
];

const SEEDS = [
  '{{range $i, $v := .list}}{{$i}}:{{$v}}{{else}}none{{end}}',
  '{{if eq .a 1.0}}x{{else if .b}}y{{else}}z{{end}}',
  '{{define "d"}}{{.}}{{template "d" .}}{{end}}{{template "d" .}}',
  '{{with .m}}{{.k}}{{end}}{{printf "%5.2f|%-3d|%q" 1.5 2 "s"}}',
  '{{$x := 1}}{{range 5}}{{$x = .}}{{if eq . 3}}{{break}}{{end}}{{end}}{{$x}}',
  '{{ humanize 1234 }} {{ "a b" | title }} {{ reReplaceAll "(a)" "$1$1" "aaa" }}',
  '{{ query "up" | first | label "job" }} {{ (args 1 2).arg1 }}',
];

function randomText(r: () => number): string {
  if (r() < 0.5) {
    let out = '';
    const n = 1 + Math.floor(r() * 12);
    for (let i = 0; i < n; i++) out += PIECES[Math.floor(r() * PIECES.length)];
    return out;
  }
  let s = SEEDS[Math.floor(r() * SEEDS.length)] as string;
  const edits = 1 + Math.floor(r() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.33) s = s.slice(0, at) + s.slice(at + 1);
    else if (op < 0.66) s = s.slice(0, at) + (PIECES[Math.floor(r() * PIECES.length)] as string) + s.slice(at);
    else s = s.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + s.slice(at + 1);
  }
  return s;
}

const DATA = { a: 1, b: 'x', list: [1, 'two', null, [3]], m: { k: 'v' }, c: { d: true } };

test('random and mutated templates only ever fail with TemplateError, and terminate', async () => {
  const funcs = prometheusFuncMap({
    queryFunc: async () => [{ labels: { job: 'j' }, value: 1 }],
    externalURL: 'http://localhost:9090',
  });
  const r = rng(20261121);
  let parsed = 0;
  let executed = 0;
  for (let i = 0; i < 3000; i++) {
    const text = randomText(r);
    let t;
    try {
      t = parseTemplate(text, 'fuzz', funcs, { maxSteps: 20000, maxExecDepth: 200 });
      parsed++;
    } catch (e) {
      assert.ok(e instanceof TemplateError, `parse of ${JSON.stringify(text)} threw ${String(e)}`);
      continue;
    }
    try {
      await t.execute(DATA);
      executed++;
    } catch (e) {
      assert.ok(e instanceof TemplateError, `execution of ${JSON.stringify(text)} threw ${String(e)}`);
    }
  }
  assert.ok(parsed > 100, `only ${parsed} templates parsed`);
  assert.ok(executed > 50, `only ${executed} templates executed`);
});
