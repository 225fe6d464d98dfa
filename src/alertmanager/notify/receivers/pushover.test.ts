import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PushoverConfig } from '../../config/index.js';
import {
  MemoryLogger, assertPost, closedPort, notifyFiringThenResolved, notifyRecorded, receiverConfig,
  recordedTemplate, vigilTemplate, withCaptureServer,
} from './capture-server.js';
import { PushoverNotifier, encodeGoValues, goQueryEscape } from './pushover.js';

// Request targets recorded from Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager, its
// default templates) for the alerts of recordedAlerts(), captured through an HTTPS proxy: 0.25
// sends the parameters as the query string of an empty text/plain POST.
const FIRING = "/1/messages.json?expire=3600&message=Latency+%3Chigh%3E+%26+rising%0A%0AAlerts+Firing%3A%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+a%3A1%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+description+%3D+p99+%3E+1s%0A+-+summary+%3D+Latency+%3Chigh%3E+%26+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph%3Fg0.expr%3Dup%26x%3D%3C1%3E%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+b%3A2%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+summary+%3D+Latency+%3Chigh%3E+%26+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph&priority=2&retry=60&sound=&title=%5BFIRING%3A2%5D+HighLatency+%28page%29&token=tkey&url=http%3A%2F%2Fam.example%3A9093%2Fam%2F%23%2Falerts%3Freceiver%3Ddefaults&url_title=&user=ukey";
const RESOLVED = "/1/messages.json?expire=3600&message=Latency+%3Chigh%3E+%26+rising%0A%0A%0AAlerts+Resolved%3A%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+a%3A1%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+description+%3D+p99+%3E+1s%0A+-+summary+%3D+Latency+%3Chigh%3E+%26+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph%3Fg0.expr%3Dup%26x%3D%3C1%3E%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+b%3A2%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+summary+%3D+Latency+%3Chigh%3E+%26+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph&priority=0&retry=60&sound=&title=%5BRESOLVED%5D+HighLatency+%28page%29&token=tkey&url=http%3A%2F%2Fam.example%3A9093%2Fam%2F%23%2Falerts%3Freceiver%3Ddefaults&url_title=&user=ukey";
const HTML_FIRING = "/1/messages.json?expire=7200&html=1&message=Latency+%26lt%3Bhigh%26gt%3B+%26amp%3B+rising%0A%0AAlerts+Firing%3A%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+a%3A1%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+description+%3D+p99+%26gt%3B+1s%0A+-+summary+%3D+Latency+%26lt%3Bhigh%26gt%3B+%26amp%3B+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph%3Fg0.expr%3Dup%26amp%3Bx%3D%26lt%3B1%26gt%3B%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+b%3A2%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+summary+%3D+Latency+%26lt%3Bhigh%26gt%3B+%26amp%3B+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph&priority=1&retry=30&sound=siren&title=T+%3Cb%3E&token=tkey2&url=http%3A%2F%2Fam.example%3A9093%2Fam%2F%23%2Falerts%3Freceiver%3Dcustom&url_title=ut&user=ukey2";
const HTML_RESOLVED = "/1/messages.json?expire=7200&html=1&message=Latency+%26lt%3Bhigh%26gt%3B+%26amp%3B+rising%0A%0A%0AAlerts+Resolved%3A%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+a%3A1%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+description+%3D+p99+%26gt%3B+1s%0A+-+summary+%3D+Latency+%26lt%3Bhigh%26gt%3B+%26amp%3B+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph%3Fg0.expr%3Dup%26amp%3Bx%3D%26lt%3B1%26gt%3B%0ALabels%3A%0A+-+alertname+%3D+HighLatency%0A+-+instance+%3D+b%3A2%0A+-+severity+%3D+page%0AAnnotations%3A%0A+-+summary+%3D+Latency+%26lt%3Bhigh%26gt%3B+%26amp%3B+rising%0ASource%3A+http%3A%2F%2Fprom%2Fgraph&priority=1&retry=30&sound=siren&title=T+%3Cb%3E&token=tkey2&url=http%3A%2F%2Fam.example%3A9093%2Fam%2F%23%2Falerts%3Freceiver%3Dcustom&url_title=ut&user=ukey2";

const HTML_CONF = {
  user_key: 'ukey2', token: 'tkey2', html: true, url_title: 'ut', sound: 'siren', priority: '1', retry: '30s', expire: '2h', title: 'T <b>',
};


test('goQueryEscape and encodeGoValues as Go url.Values.Encode', () => {
  assert.equal(goQueryEscape('a b&c=d/é~-_.*'), 'a+b%26c%3Dd%2F%C3%A9~-_.%2A');
  assert.equal(encodeGoValues([['b', '2'], ['a', '1'], ['a', '0']]), 'a=1&a=0&b=2');
});

test('pushover sends the message as Alertmanager 0.25 does', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PushoverConfig>('pushover_configs', { user_key: 'ukey', token: 'tkey' });
    const n = new PushoverNotifier(conf, await recordedTemplate(), new MemoryLogger(), { apiURL: `${srv.url}/1/messages.json` });
    await notifyFiringThenResolved(n, 'defaults');
    const [firing, resolved] = srv.requests;
    assertPost(firing, 'text/plain', FIRING, '', { 'content-length': '0' });
    assert.equal(resolved?.url, RESOLVED);
  });
});

test('pushover html message (escaped by html/template), sound, priority, retry and expire as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PushoverConfig>('pushover_configs', HTML_CONF);
    const n = new PushoverNotifier(conf, await recordedTemplate(), new MemoryLogger(), { apiURL: `${srv.url}/1/messages.json` });
    await notifyFiringThenResolved(n, 'custom');
    assert.equal(srv.requests[0]?.url, HTML_FIRING);
    assert.equal(srv.requests[1]?.url, HTML_RESOLVED);
  });
});

test('pushover truncates title, message and url, and sends "(no details)" for an empty message', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PushoverConfig>('pushover_configs', {
      user_key: 'u', token: 't', title: 't'.repeat(300), message: 'm'.repeat(1100), url: 'u'.repeat(600),
    });
    const logger = new MemoryLogger();
    await notifyRecorded(new PushoverNotifier(conf, await recordedTemplate(), logger, { apiURL: `${srv.url}/p` }));
    const q = new URL(srv.requests[0]?.url ?? '', 'http://x').searchParams;
    assert.equal(q.get('title'), 't'.repeat(249) + '…');
    assert.equal(q.get('message'), 'm'.repeat(1023) + '…');
    assert.equal(q.get('url'), 'u'.repeat(511) + '…');
    assert.deepEqual(logger.records.filter((r) => r.level === 'warn').map((r) => r.msg), ['Truncated title', 'Truncated message', 'Truncated URL']);
    const empty = receiverConfig<PushoverConfig>('pushover_configs', { user_key: 'u', token: 't', message: '  ' });
    await notifyRecorded(new PushoverNotifier(empty, await recordedTemplate(), logger, { apiURL: `${srv.url}/p` }));
    assert.equal(new URL(srv.requests[1]?.url ?? '', 'http://x').searchParams.get('message'), '(no details)');
  });
});

test('pushover retries 5xx and refused connections (URL redacted: it holds the token), not 4xx', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PushoverConfig>('pushover_configs', { user_key: 'u', token: 't' });
    const n = new PushoverNotifier(conf, await recordedTemplate(), new MemoryLogger(), { apiURL: `${srv.url}/p` });
    srv.reply = () => ({ status: 500, body: '{"status":0}' });
    await assert.rejects(notifyRecorded(n), { message: 'unexpected status code 500: {"status":0}', retry: true });
    srv.reply = () => ({ status: 400, body: '{"user":"invalid"}' });
    await assert.rejects(notifyRecorded(n), { message: 'unexpected status code 400: {"user":"invalid"}', retry: false });
  });
  const port = await closedPort();
  const conf = receiverConfig<PushoverConfig>('pushover_configs', { user_key: 'u', token: 'secret' });
  const n = new PushoverNotifier(conf, await recordedTemplate(), new MemoryLogger(), { apiURL: `http://127.0.0.1:${port}/p` });
  await assert.rejects(notifyRecorded(n), {
    message: `Post "<redacted>": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    retry: true,
  });
});

test("with Vigil's own default templates pushover sends the same", async () => {
  await withCaptureServer(async (srv) => {
    const tmpl = await vigilTemplate();
    const plain = receiverConfig<PushoverConfig>('pushover_configs', { user_key: 'ukey', token: 'tkey' });
    await notifyRecorded(new PushoverNotifier(plain, tmpl, new MemoryLogger(), { apiURL: `${srv.url}/1/messages.json` }), 'defaults');
    const html = receiverConfig<PushoverConfig>('pushover_configs', HTML_CONF);
    await notifyRecorded(new PushoverNotifier(html, tmpl, new MemoryLogger(), { apiURL: `${srv.url}/1/messages.json` }), 'custom', true);
    assert.deepEqual(srv.requests.map((r) => r.url), [FIRING, HTML_RESOLVED]);
  });
});
