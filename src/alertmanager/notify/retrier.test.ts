import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPClient } from '../../httpclient/index.js';
import { CaptureServer, closedPort } from './receivers/capture-server.js';
import { Retrier, USER_AGENT, postJSON, sendRequest } from './retrier.js';
import { NotifyError } from './types.js';

function checkError(r: Retrier, status: number, body: string): NotifyError | undefined {
  try {
    r.check(status, body);
    return undefined;
  } catch (e) {
    assert.ok(e instanceof NotifyError);
    return e;
  }
}

// Upstream's TestRetrierCheck cases (notify/util_test.go, Alertmanager 0.25).
test('Retrier.check: 2xx succeeds, 5xx and retry codes are retried, details appended', () => {
  assert.equal(checkError(new Retrier(), 200, 'ok'), undefined);
  assert.equal(checkError(new Retrier(), 204, ''), undefined);
  let e = checkError(new Retrier(), 400, '');
  assert.deepEqual([e?.message, e?.retry], ['unexpected status code 400', false]);
  e = checkError(new Retrier(), 400, 'invalid request');
  assert.deepEqual([e?.message, e?.retry], ['unexpected status code 400: invalid request', false]);
  e = checkError(new Retrier({ retryCodes: [429] }), 429, 'slow down');
  assert.deepEqual([e?.message, e?.retry], ['unexpected status code 429: slow down', true]);
  e = checkError(new Retrier(), 500, 'error');
  assert.deepEqual([e?.message, e?.retry], ['unexpected status code 500: error', true]);
  e = checkError(new Retrier({ customDetails: (s, b) => (s === 500 ? `server error: ${b}` : '') }), 500, 'x');
  assert.deepEqual([e?.message, e?.retry], ['unexpected status code 500: server error: x', true]);
  e = checkError(new Retrier({ customDetails: () => '' }), 503, 'x');
  assert.equal(e?.message, 'unexpected status code 503');
});

test('postJSON sends User-Agent, Content-Type and Content-Length and reads the answer', async () => {
  const srv = await new CaptureServer().start();
  const client = new HTTPClient({});
  try {
    srv.reply = () => ({ status: 202, body: 'accepted' });
    const res = await postJSON(client, `${srv.url}/hook`, '{"a":1}\n', new AbortController().signal);
    assert.equal(res.status, 202);
    assert.equal(res.body, 'accepted');
    const r = srv.requests[0];
    assert.equal(r?.method, 'POST');
    assert.equal(r?.url, '/hook');
    assert.equal(r?.headers['user-agent'], USER_AGENT);
    assert.equal(r?.headers['content-type'], 'application/json');
    assert.equal(r?.headers['content-length'], '8');
    assert.equal(r?.headers['transfer-encoding'], undefined);
    assert.equal(r?.body, '{"a":1}\n');
  } finally {
    client.close();
    await srv.close();
  }
});

test('a refused connection is retryable and its URL redacted', async () => {
  const port = await closedPort();
  const client = new HTTPClient({});
  try {
    await assert.rejects(postJSON(client, `http://127.0.0.1:${port}/secret-token`, '{}', new AbortController().signal), (e: unknown) => {
      assert.ok(e instanceof NotifyError);
      assert.equal(e.retry, true);
      assert.equal(e.message, `Post "<redacted>": dial tcp 127.0.0.1:${port}: connect: connection refused`);
      return true;
    });
    await assert.rejects(
      sendRequest(client, 'PUT', `http://127.0.0.1:${port}/x`, { redactURL: false }, new AbortController().signal),
      { message: `Put "http://127.0.0.1:${port}/x": dial tcp 127.0.0.1:${port}: connect: connection refused` },
    );
  } finally {
    client.close();
  }
});

test('an aborted request reports context canceled', async () => {
  const srv = await new CaptureServer().start();
  const client = new HTTPClient({});
  try {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(postJSON(client, srv.url, '{}', ac.signal), { message: 'Post "<redacted>": context canceled', retry: true });
  } finally {
    client.close();
    await srv.close();
  }
});
