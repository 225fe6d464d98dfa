import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError } from './errors.js';
import { SafeContent } from './html-escapers.js';
import { parseTemplate, withArity } from './template.js';

const LABELS: Record<string, string> = {"a": "<b>\"x\" & 'y' +", "u": "javascript:alert(1)", "q": "a b&c/d?e#f%41%zz", "e": "", "h": "http://h/p?x=<1>&y=é"};
const DATA = { ...LABELS, Pairs: Object.keys(LABELS).sort().map((k) => ({ Name: k, Value: LABELS[k] })) };
const FUNCS = { safeHtml: withArity((s: unknown) => new SafeContent('HTML', String(s)), 1) };

async function renderHTML(text: string, data: unknown = DATA): Promise<string> {
  return parseTemplate(text, '', FUNCS, { missingKey: 'zero' }).escapeHTML().execute(data);
}

/**
 * [template, output]: outputs recorded from Go's html/template as Alertmanager 0.25 runs it
 * (amtool 0.25 template render --template.type=html), with the same values as LABELS.
 */
const CASES: ReadonlyArray<readonly [string, string]> = [
  ["<p title=\"{{ .a }}\">{{ .a }}</p>", "<p title=\"&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;\">&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;</p>"],
  ["<a href=\"{{ .h }}\">{{ .u }}</a><a href=\"{{ .u }}\">x</a>", "<a href=\"http://h/p?x=%3c1%3e&amp;y=%c3%a9\">javascript:alert(1)</a><a href=\"#ZgotmplZ\">x</a>"],
  ["<a href=\"/s?q={{ .q }}#{{ .a }}\">x</a>", "<a href=\"/s?q=a%20b%26c%2fd%3fe%23f%2541%25zz#%3cb%3e%22x%22%20%26%20%27y%27%20%2b\">x</a>"],
  ["<a title={{ .q }} href={{ .h }}>x</a>", "<a title=a&#32;b&amp;c/d?e#f%41%zz href=http://h/p?x&#61;%3c1%3e&amp;y&#61;%c3%a9>x</a>"],
  ["<img srcset=\"{{ .h }} 2x, {{ .u }}\">", "<img srcset=\"http://h/p?x=%3c1%3e&amp;y=%c3%a9 2x, #ZgotmplZ\">"],
  ["<p>{{ safeHtml .a }}</p><p title=\"{{ safeHtml .a }}\">x</p>", "<p><b>\"x\" & 'y' +</p><p title=\"&#34;x&#34; & &#39;y&#39; &#43;\">x</p>"],
  ["<p>{{ .a | html }}</p><a href=\"/x?q={{ .a | urlquery }}\">y</a>", "<p>&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; +</p><a href=\"/x?q=%3Cb%3E%22x%22&#43;%26&#43;%27y%27&#43;%2B\">y</a>"],
  ["<p>{{ html .a .e }}</p>", "<p>&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; +</p>"],
  ["a < b {{ .e }}<!-- c {{ .a }} -->d", "a &lt; b d"],
  ["<style>/* c */ p { color: {{ .e }}; } p { color: {{ .q }} }</style>", "<style>  p { color: ; } p { color: ZgotmplZ }</style>"],
  ["<script>/* c */ var a = {{ .a }}; /* d */ var b = \"{{ .a }}\" / 2; var r = /{{ .q }}/;</script>", "<script>  var a = \"\\u003cb\\u003e\\\"x\\\" \\u0026 'y' +\";   var b = \"\\u003cb\\u003e\\u0022x\\u0022 \\u0026 \\u0027y\\u0027 \\u002b\" / 2; var r = /a b\\u0026c\\/d\\?e#f%41%zz/;</script>"],
  ["<p style=\"font-family: '{{ .a }}'\" onclick=\"f({{ .e }})\">x</p>", "<p style=\"font-family: '\\3c b\\3e\\22x\\22  \\26  \\27y\\27  \\2b '\" onclick=\"f(&#34;&#34;)\">x</p>"],
  ["<p {{ .a }} {{ \"title\" }}=\"x\">x</p>", "<p ZgotmplZ title=\"x\">x</p>"],
  ["<title>{{ .a }}</title><textarea>{{ safeHtml .a }}</textarea>", "<title>&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;</title><textarea>&lt;b&gt;&#34;x&#34; & &#39;y&#39; &#43;</textarea>"],
  ["{{ define \"T\" }}{{ . }}{{ end }}<a href=\"{{ template \"T\" .u }}\" title=\"{{ template \"T\" .a }}\">{{ template \"T\" .a }}</a>", "<a href=\"#ZgotmplZ\" title=\"&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;\">&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;</a>"],
  ["{{ range .Pairs }}<li title=\"{{ .Name }}\">{{ .Value }}</li>{{ end }}", "<li title=\"a\">&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43;</li><li title=\"e\"></li><li title=\"h\">http://h/p?x=&lt;1&gt;&amp;y=é</li><li title=\"q\">a b&amp;c/d?e#f%41%zz</li><li title=\"u\">javascript:alert(1)</li>"],
];

for (const [text, want] of CASES) {
  test(`html/template escaping: ${text}`, async () => {
    assert.equal(await renderHTML(text), want);
  });
}

test('html/template: nil prints nothing; numbers and bools print as text does', async () => {
  assert.equal(await renderHTML('[{{ .missing }}][{{ 1 }}][{{ 1.5 }}][{{ true }}]', {}), '[][1][1.5][true]');
});

test('html/template: escaping does not change the source set', async () => {
  const t = parseTemplate('<p>{{ . }}</p>', '');
  assert.equal(await t.escapeHTML().execute('<x>'), '<p>&lt;x&gt;</p>');
  assert.equal(await t.execute('<x>'), '<p><x></p>');
});

test('html/template: unescapable templates fail with html/template errors', async () => {
  const cases: Array<[string, RegExp]> = [
    ['<a href="{{ if .a }}/x?{{ end }}{{ .h }}">', /^html\/template::1:\d+: \{\{\.h\}\} appears in an ambiguous context within a URL$/],
    ['<a href="{{ .h }}', /^html\/template: ends in a non-text context: \{stateURL delimDoubleQuote /],
    ['{{ if .a }}<a href="{{ end }}', /branches end in different contexts/],
    ['{{ range .Pairs }}<a title="{{ end }}', /on range loop re-entry/],
    ['<p>{{ .a | html | printf "%s" }}</p>', /predefined escaper "html" disallowed in template/],
    ['<a title=x{{ .a }}"y">', /in unquoted attr/],
    ['{{ template "nope" }}', /no such template "nope"/],
    ['<script>var s = `${ {{ .a }} }`</script>', /appears in a JS template literal/],
  ];
  for (const [text, re] of cases) {
    await assert.rejects(renderHTML(text), (e: unknown) => {
      assert.ok(e instanceof TemplateError, text);
      assert.match(e.message, re, text);
      return true;
    });
  }
});
