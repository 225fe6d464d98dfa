import { test } from 'node:test';
import assert from 'node:assert/strict';
import { templatesFromTexts } from '../template/index.js';
import { RECORDED_GROUP_KEY, RECORDED_KEY_HASH, recordedAlerts, recordedContext } from './receivers/capture-server.js';
import { TemplateExpander, getTemplateData, goJSON, goJSONEncode, goJSONString, hashGroupKey, readConfigFile } from './render.js';
import { NotifyError } from './types.js';

test('hashGroupKey is the sha256 hex Alertmanager 0.25 sent as dedup_key', () => {
  assert.equal(hashGroupKey(RECORDED_GROUP_KEY), RECORDED_KEY_HASH);
});

test('goJSON writes strings, numbers and maps as Go encoding/json', () => {
  assert.equal(goJSONString('a<b>&c"\\\n\t\r\u0001\b\f\u2028'), '"a\\u003cb\\u003e\\u0026c\\"\\\\\\n\\t\\r\\u0001\\u0008\\u000c\\u2028"');
  assert.equal(goJSONString('<>&', false), '"<>&"');
  assert.equal(goJSONString('x\ud800y'), '"x\ufffdy"');
  assert.equal(goJSONString('🚀'), '"🚀"');
  assert.equal(goJSON({ b: 1, a: [true, null, 1.5, 1e21, 1e-7], u: undefined, m: new Map([['z', '1'], ['a', '2']]) }),
    '{"b":1,"a":[true,null,1.5,1e+21,1e-7],"m":{"a":"2","z":"1"}}');
  assert.equal(goJSONEncode({}), '{}\n');
});

test('getTemplateData hides the endsAt of alerts that have not ended', () => {
  const ctx = recordedContext('r');
  const firing = recordedAlerts(false).map((a) => ({ ...a, endsAt: ctx.now + 60_000 }));
  const data = getTemplateData(ctx, templatesFromTexts([]), firing);
  assert.equal(data.Status, 'firing');
  assert.equal(data.Alerts[0]?.EndsAt.ns, -62135596800n * 1_000_000_000n);
  const resolved = getTemplateData(ctx, templatesFromTexts([]), recordedAlerts(true));
  assert.equal(resolved.Status, 'resolved');
  assert.equal(resolved.Receiver, 'r');
  assert.equal(resolved.GroupLabels.get('alertname'), 'HighLatency');
});

test('TemplateExpander keeps the first error and yields "" afterwards', async () => {
  const tmpl = templatesFromTexts([]);
  const t = new TemplateExpander(tmpl, getTemplateData(recordedContext('r'), tmpl, recordedAlerts(false)));
  assert.equal(await t.text('{{ .Receiver }}/{{ .Status }}'), 'r/firing');
  assert.equal(await t.text('{{ template "nope" . }}'), '');
  assert.equal(await t.text('{{ .Receiver }}'), '');
  assert.ok(t.error() instanceof Error);
  assert.throws(() => t.check(), (e: unknown) => e instanceof NotifyError && !e.retry && /nope/.test(e.message));
});

test('readConfigFile reports a missing file as Go does', async () => {
  await assert.rejects(readConfigFile('/nonexistent/x', 'read url_file'), {
    message: 'read url_file: open /nonexistent/x: no such file or directory',
    retry: false,
  });
});
