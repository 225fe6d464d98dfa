import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateError } from '../../template/index.js';
import { defaultTemplate, glob, loadTemplates, stripHTMLComments, templatesFromTexts } from './template.js';
import { buildData } from './data.js';
import { Labels } from '../../model/labels/index.js';


const data = buildData('team', { alertname: 'A' }, [{
  labels: Labels.fromObject({ alertname: 'A', job: 'x' }), annotations: Labels.fromObject({ summary: 's' }),
  startsAt: 1_000, endsAt: 0, generatorURL: 'http://g', updatedAt: 0, timeout: false,
}], 'http://am', 5_000);

test('executeTextString: empty text renders nothing; text sees the defaults', async () => {
  const t = defaultTemplate();
  assert.equal(await t.executeTextString('', data), '');
  assert.equal(await t.executeTextString('{{ template "__subject" . }}', data), '[FIRING:1] A (x)');
  assert.equal(await t.executeHTMLString('<b>{{ .Receiver }}</b>', data), '<b>team</b>');
});

test('missingkey=zero: unknown KV keys print empty', async () => {
  assert.equal(await defaultTemplate().executeTextString('[{{ .CommonLabels.nope }}]', data), '[]');
});

test('executeTextString does not change the set', async () => {
  const t = defaultTemplate();
  await t.executeTextString('{{ define "mine" }}x{{ end }}', data);
  await assert.rejects(t.executeTextString('{{ template "mine" . }}', data), TemplateError);
});

test('user templates override defaults and add definitions', async () => {
  const t = templatesFromTexts([['a.tmpl', '{{ define "__alertmanager" }}Vigil{{ end }}{{ define "x" }}{{ .Status }}{{ end }}']]);
  assert.equal(await t.executeTextString('{{ template "slack.default.username" . }} {{ template "x" . }}', data), 'Vigil firing');
});

test('loadTemplates reads globs; a glob matching nothing is allowed; parse errors name the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-am-tmpl-'));
  try {
    await writeFile(join(dir, 'b.tmpl'), '{{ define "b" }}B{{ end }}');
    await writeFile(join(dir, 'a.tmpl'), '{{ define "a" }}A{{ template "b" }}{{ end }}');
    await writeFile(join(dir, 'skip.txt'), '{{ define "a" }}wrong{{ end }}');
    assert.deepEqual(await glob(join(dir, '*.tmpl')), [join(dir, 'a.tmpl'), join(dir, 'b.tmpl')]);
    const t = await loadTemplates([join(dir, '*.tmpl'), join(dir, 'none', '*.tmpl')]);
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

test('templateNames lists the defaults', () => {
  const names = defaultTemplate().templateNames();
  for (const n of ['__subject', 'slack.default.title', 'email.default.html', 'pagerduty.default.description']) {
    assert.ok(names.includes(n), n);
  }
});

test('stripHTMLComments drops comments in text, keeps actions and other text', () => {
  assert.equal(stripHTMLComments('a<!-- x {{ .A }} -->b{{ "<!--" }}c'), 'ab{{ "<!--" }}c');
  assert.equal(stripHTMLComments('a<!-- open'), 'a');
  assert.equal(stripHTMLComments('{{ .A }}'), '{{ .A }}');
});

test('executeHTMLString drops template comments and escapes comments in data', async () => {
  const t = templatesFromTexts([['c.tmpl', '{{ define "c" }}<!-- note -->[{{ . }}]{{ end }}']]);
  assert.equal(await t.executeHTMLString('{{ template "c" "<!--d-->" }}', null), '[&lt;!--d--&gt;]');
  assert.equal(await t.executeTextString('{{ template "c" "x" }}', null), '<!-- note -->[x]');
  assert.equal(await t.executeHTMLString('', null), '');
});

test('executeHTMLString escapes by context; safeHtml and safeUrl pass where safe', async () => {
  const t = defaultTemplate();
  const d = { T: '<b>"x" & \'y\' +</b>', U: 'javascript:alert(1)', Q: 'a b&c', H: 'http://h/p?x=<1>' };
  assert.equal(await t.executeHTMLString('<p>{{ .T }}</p>', d), '<p>&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;&lt;/b&gt;</p>');
  assert.equal(await t.executeHTMLString('<p>{{ safeHtml .T }}</p>', d), `<p>${d.T}</p>`);
  assert.equal(await t.executeHTMLString('<a href="{{ .U }}">', d), '<a href="#ZgotmplZ">');
  assert.equal(await t.executeHTMLString('<a href="{{ safeUrl .U }}">', d), '<a href="javascript:alert%281%29">');
  assert.equal(await t.executeHTMLString('<a href="{{ .H }}">', d), '<a href="http://h/p?x=%3c1%3e">');
  assert.equal(await t.executeHTMLString('<a href="/s?q={{ .Q }}">', d), '<a href="/s?q=a%20b%26c">');
  assert.equal(await t.executeHTMLString('<a title={{ .Q }}>', d), '<a title=a&#32;b&amp;c>');
  assert.equal(await t.executeHTMLString("<a title='{{ .T }}'>", d), "<a title='&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;&lt;/b&gt;'>");
  assert.equal(await t.executeHTMLString('<title>{{ safeHtml .T }}</title>', d), '<title>&lt;b&gt;&#34;x&#34; & &#39;y&#39; &#43;&lt;/b&gt;</title>');
  assert.equal(await t.executeHTMLString('a < b {{ .Q }}<!-- c -->', d), 'a &lt; b a b&amp;c');
  assert.equal(await t.executeHTMLString('{{ .Missing }}|{{ 3 }}', { }), '|3');
});

test('executeHTMLString escapes templates per calling context', async () => {
  const t = templatesFromTexts([['u.tmpl', '{{ define "v" }}{{ . }}{{ end }}']]);
  assert.equal(await t.executeHTMLString('<a href="{{ template "v" "javascript:x" }}">{{ template "v" "<i>" }}</a>', null),
    '<a href="#ZgotmplZ">&lt;i&gt;</a>');
  assert.equal(await t.executeHTMLString('<script>var x = {{ . }};</script>', 'a"b'), '<script>var x = "a\\"b";</script>');
  await assert.rejects(t.executeHTMLString('<a href="{{ if . }}x?{{ end }}{{ . }}">', 'y'), (e: unknown) => {
    assert.ok(e instanceof TemplateError);
    assert.match(e.message, /^html\/template:.*ambiguous context within a URL/);
    return true;
  });
  await assert.rejects(t.executeHTMLString('<a href="{{ . }}', 'y'), /ends in a non-text context/);
});
