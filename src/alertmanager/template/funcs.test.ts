import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoTime, parseTemplate, TemplateError } from '../../template/index.js';
import { alertmanagerFuncMap, queryUnescape, titleCase } from './funcs.js';

async function run(text: string, data: unknown = null): Promise<string> {
  const funcs = alertmanagerFuncMap({ now: () => 1_700_000_060_000 });
  return parseTemplate(text, 't', funcs, { missingKey: 'zero' }).execute(data);
}

test('title: words title-cased, the rest lower-cased (cases.Title)', () => {
  assert.equal(titleCase("aBc dEF-ghi foo_bar it's x.y"), "Abc Def-Ghi Foo_bar It's X.y");
  assert.equal(titleCase(''), '');
  assert.equal(titleCase('123abc a1b ß 3.5kg ÉCOLE'), '123Abc A1b Ss 3.5Kg École');
});

test('string functions', async () => {
  assert.equal(await run('{{ toUpper "ab" }} {{ toLower "AB" }} {{ trimSpace "  x \\n" }}'), 'AB ab x');
  assert.equal(await run('{{ stringSlice "a" "b" | join "+" }}'), 'a+b');
  assert.equal(await run('{{ match "b+" "abbc" }} {{ reReplaceAll "a(b)" "<$1>" "xab" }}'), 'true x<b>');
  assert.equal(await run('{{ safeHtml "<i>" }}{{ safeUrl "http://x" }}'), '<i>http://x');
  assert.equal(await run('{{ urlUnescape "a%20b+c" }}'), 'a b c');
  await assert.rejects(run('{{ urlUnescape "%zz" }}'), TemplateError);
  await assert.rejects(run('{{ join "," "notaslice" }}'), TemplateError);
});

test('queryUnescape', () => {
  assert.equal(queryUnescape('%E2%82%AC'), '€');
  assert.throws(() => queryUnescape('%4'), /invalid URL escape "%4"/);
});

test('time functions: date, tz, since, humanizeDuration', async () => {
  const t = new GoTime(1_700_000_000_000_000_000n, false);
  assert.equal(await run('{{ date "2006-01-02 15:04" . }}', t), '2023-11-14 22:13');
  assert.equal(await run('{{ (tz "UTC" .).Format "15:04" }}', t), '22:13');
  await assert.rejects(run('{{ tz "Mars/Base" . }}', t), TemplateError);
  assert.equal(await run('{{ since . }}', t), '1m0s');
  assert.equal(await run('{{ humanizeDuration 90 }}'), '1m 30s');
});
