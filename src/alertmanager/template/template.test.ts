import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateError } from '../../template/index.js';
import { defaultTemplate, glob, loadTemplates, readDefaultTemplates, stripHTMLComments, templatesFromTexts } from './template.js';
import { buildData } from './data.js';
import { Labels } from '../../model/labels/index.js';
import { existsSync } from 'node:fs';

/** Alertmanager 0.25's default templates from the reference install (Debian), when present. */
const REFERENCE_DIR = '/usr/share/prometheus/alertmanager';
const defaults = existsSync(join(REFERENCE_DIR, 'default.tmpl')) ? readDefaultTemplates(REFERENCE_DIR) : null;
const skip = defaults === null ? `Alertmanager's default templates not found in ${REFERENCE_DIR} (apt-get install prometheus-alertmanager)` : false;


const data = buildData('team', { alertname: 'A' }, [{
  labels: Labels.fromObject({ alertname: 'A', job: 'x' }), annotations: Labels.fromObject({ summary: 's' }),
  startsAt: 1_000, endsAt: 0, generatorURL: 'http://g', updatedAt: 0, timeout: false,
}], 'http://am', 5_000);

test('executeTextString: empty text renders nothing; text sees the defaults', { skip }, async () => {
  const t = defaultTemplate({ defaults: defaults ?? [] });
  assert.equal(await t.executeTextString('', data), '');
  assert.equal(await t.executeTextString('{{ template "__subject" . }}', data), '[FIRING:1] A (x)');
  assert.equal(await t.executeHTMLString('<b>{{ .Receiver }}</b>', data), '<b>team</b>');
});

test('missingkey=zero: unknown KV keys print empty', { skip }, async () => {
  assert.equal(await defaultTemplate({ defaults: defaults ?? [] }).executeTextString('[{{ .CommonLabels.nope }}]', data), '[]');
});

test('executeTextString does not change the set', { skip }, async () => {
  const t = defaultTemplate({ defaults: defaults ?? [] });
  await t.executeTextString('{{ define "mine" }}x{{ end }}', data);
  await assert.rejects(t.executeTextString('{{ template "mine" . }}', data), TemplateError);
});

test('user templates override defaults and add definitions', { skip }, async () => {
  const t = templatesFromTexts([['a.tmpl', '{{ define "__alertmanager" }}Vigil{{ end }}{{ define "x" }}{{ .Status }}{{ end }}']], { defaults: defaults ?? [] });
  assert.equal(await t.executeTextString('{{ template "slack.default.username" . }} {{ template "x" . }}', data), 'Vigil firing');
});

test('loadTemplates reads globs; a glob matching nothing is allowed; parse errors name the file', { skip }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-am-tmpl-'));
  try {
    await writeFile(join(dir, 'b.tmpl'), '{{ define "b" }}B{{ end }}');
    await writeFile(join(dir, 'a.tmpl'), '{{ define "a" }}A{{ template "b" }}{{ end }}');
    await writeFile(join(dir, 'skip.txt'), '{{ define "a" }}wrong{{ end }}');
    assert.deepEqual(await glob(join(dir, '*.tmpl')), [join(dir, 'a.tmpl'), join(dir, 'b.tmpl')]);
    const t = await loadTemplates([join(dir, '*.tmpl'), join(dir, 'none', '*.tmpl')], { defaults: defaults ?? [] });
    assert.equal(await t.executeTextString('{{ template "a" . }}', data), 'AB');
    await writeFile(join(dir, 'bad.tmpl'), '{{ define "c" }}{{ .Foo ');
    await assert.rejects(loadTemplates([join(dir, 'bad.tmpl')]), (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      assert.match(e.message, /^template: bad\.tmpl:1:/);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('templateNames lists the defaults', { skip }, () => {
  const names = defaultTemplate({ defaults: defaults ?? [] }).templateNames();
  for (const n of ['__subject', 'slack.default.title', 'email.default.html', 'pagerduty.default.description']) {
    assert.ok(names.includes(n), n);
  }
});

test('stripHTMLComments drops comments in text, keeps actions and other text', { skip }, () => {
  assert.equal(stripHTMLComments('a<!-- x {{ .A }} -->b{{ "<!--" }}c'), 'ab{{ "<!--" }}c');
  assert.equal(stripHTMLComments('a<!-- open'), 'a');
  assert.equal(stripHTMLComments('{{ .A }}'), '{{ .A }}');
});

test('executeHTMLString drops template comments but not comments in data', { skip }, async () => {
  const t = templatesFromTexts([['c.tmpl', '{{ define "c" }}<!-- note -->[{{ . }}]{{ end }}']], { defaults: defaults ?? [] });
  assert.equal(await t.executeHTMLString('{{ template "c" "<!--d-->" }}', null), '[<!--d-->]');
  assert.equal(await t.executeTextString('{{ template "c" "x" }}', null), '<!-- note -->[x]');
  assert.equal(await t.executeHTMLString('', null), '');
});
