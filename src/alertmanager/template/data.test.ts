import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { formatV } from '../../template/index.js';
import type { Alert } from '../types/index.js';
import { buildData, KV, labelSetFingerprint, quoteMeta, rfc3339Nano, templateDataFromJSON, parseRFC3339Nano } from './data.js';
import { defaultTemplate } from './template.js';


function alert(labels: Record<string, string>, annotations: Record<string, string>, endsAt: number): Alert {
  return { labels: Labels.fromObject(labels), annotations: Labels.fromObject(annotations), startsAt: 1_700_000_000_000, endsAt,
    generatorURL: 'http://prom/g', updatedAt: 0, timeout: false };
}

test('KV: sorted pairs put alertname first; Remove, Names, Values, printing', () => {
  const kv = KV.from({ b: '2', alertname: 'X', a: '1' });
  assert.deepEqual(kv.sortedNames(), ['alertname', 'a', 'b']);
  assert.deepEqual(kv.sortedValues(), ['X', '1', '2']);
  assert.equal(formatV(kv.sortedPairs()), '[{alertname X} {a 1} {b 2}]');
  assert.equal(kv.remove(['a']).goFormat(), 'map[alertname:X b:2]');
  assert.equal(kv.get('missing'), '');
});

test('buildData: statuses, common labels and annotations, quoted receiver', () => {
  const now = 1_700_000_100_000;
  const d = buildData('a.b', { job: 'api' }, [
    alert({ alertname: 'A', job: 'api', i: '1' }, { s: 'x', d: '1' }, 0),
    alert({ alertname: 'A', job: 'api', i: '2' }, { s: 'x' }, now - 1),
  ], 'http://am', now);
  assert.equal(d.Receiver, 'a\\.b');
  assert.equal(d.Status, 'firing');
  assert.deepEqual(d.Alerts.map((a) => a.Status), ['firing', 'resolved']);
  assert.equal(d.CommonLabels.goFormat(), 'map[alertname:A job:api]');
  assert.equal(d.CommonAnnotations.goFormat(), 'map[s:x]');
  assert.equal(d.Alerts[0]?.EndsAt.goFormat(), '0001-01-01 00:00:00 +0000 UTC');
  assert.equal(d.Alerts[0]?.StartsAt.goFormat(), '2023-11-14 22:13:20 +0000 UTC');
  const allResolved = buildData('r', {}, [alert({ a: '1' }, {}, 5)], '', 10);
  assert.equal(allResolved.Status, 'resolved');
});

test('templates reach alerts through Firing/Resolved', async () => {
  const now = 1_700_000_100_000;
  const d = buildData('r', { alertname: 'A' }, [
    alert({ alertname: 'A', i: '1' }, {}, 0), alert({ alertname: 'A', i: '2' }, {}, now - 1),
  ], 'http://am', now);
  const t = defaultTemplate();
  assert.equal(await t.executeTextString('{{ range .Alerts.Firing }}{{ .Labels.i }}{{ end }}/{{ range .Alerts.Resolved }}{{ .Labels.i }}{{ end }}', d), '1/2');
  assert.equal(await t.executeTextString('{{ template "__subject" . }}', d), '[FIRING:1] A ');
});

test('fingerprint: FNV-1a over sorted labels (model.LabelSet.Fingerprint)', () => {
  assert.equal(labelSetFingerprint(Labels.fromObject({})), 'cbf29ce484222325');
  const fp = labelSetFingerprint(Labels.fromObject({ alertname: 'A', job: 'x' }));
  assert.match(fp, /^[0-9a-f]{16}$/);
  assert.equal(fp, labelSetFingerprint(Labels.fromObject({ job: 'x', alertname: 'A' })));
});

test('quoteMeta and RFC 3339 times', () => {
  assert.equal(quoteMeta('a.b*c[d]'), 'a\\.b\\*c\\[d\\]');
  assert.equal(rfc3339Nano(parseRFC3339Nano('2024-03-01T10:00:00.5Z')), '2024-03-01T10:00:00.5Z');
  assert.equal(rfc3339Nano(parseRFC3339Nano('2024-03-01T12:00:00+02:00')), '2024-03-01T10:00:00Z');
  assert.throws(() => parseRFC3339Nano('yesterday'));
});

test('templateDataFromJSON round-trips toJSON and rejects bad shapes', () => {
  const d = buildData('r', { a: '1' }, [alert({ a: '1' }, { s: 'x' }, 0)], 'http://am', 1);
  const json = JSON.parse(JSON.stringify(d)) as unknown;
  assert.deepEqual(JSON.parse(JSON.stringify(templateDataFromJSON(json))), json);
  assert.throws(() => templateDataFromJSON([]));
  assert.throws(() => templateDataFromJSON({ alerts: {} }));
  assert.throws(() => templateDataFromJSON({ groupLabels: { a: 1 } }));
});
