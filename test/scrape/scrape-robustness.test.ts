/**
 * End to end: misbehaving targets are failed scrapes with a clear last error and up=0, never a
 * crash or unbounded memory: hangs, timeouts, resets, bad status, invalid UTF-8, enormous
 * bodies, a million-series bomb, duplicates and out-of-order timestamps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as http from 'node:http';
import { dump, group, harness, latest, onlyTarget, recordingLogger, startServer, waitFor } from './harness.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const cases: { name: string; handler: Handler; cfg?: Record<string, unknown>; error: RegExp | string }[] = [
  { name: 'hang', handler: () => {}, error: /^Get "http:\/\/127\.0\.0\.1:\d+\/metrics": context deadline exceeded$/ },
  {
    name: 'slow-body',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('a 1\n');
    },
    error: 'context deadline exceeded',
  },
  { name: 'reset', handler: (req) => req.socket.destroy(), error: /^Get "http:\/\/127\.0\.0\.1:\d+\/metrics": EOF$/ },
  {
    name: 'truncated',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '1000' });
      res.write('a 1\n');
      setTimeout(() => res.socket?.destroy(), 10);
    },
    error: 'unexpected EOF',
  },
  {
    name: 'status',
    handler: (_q, res) => {
      res.writeHead(503, 'Service Unavailable');
      res.end('down');
    },
    error: 'server returned HTTP status 503 Service Unavailable',
  },
  {
    name: 'invalid-utf8',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(Buffer.concat([Buffer.from('ok 1\nm{l="'), Buffer.from([0xff, 0xfe]), Buffer.from('"} 1\n')]));
    },
    error: /^invalid UTF-8 label value/,
  },
  {
    name: 'garbage',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end('this is { not metrics\n');
    },
    error: /^strconv.ParseFloat: parsing "is": invalid syntax/,
  },
  {
    name: 'bad-gzip',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
      res.end('not gzip at all');
    },
    error: 'gzip: invalid header',
  },
  {
    name: 'enormous',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = Buffer.from('# padding padding padding padding padding padding padding padding\n'.repeat(1000));
      let sent = 0;
      const pump = (): void => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent < 200) res.once('drain', pump);
        else res.end();
      };
      pump();
    },
    cfg: { body_size_limit: 1 << 20 },
    error: 'body size limit exceeded',
  },
  {
    name: 'unsupported-type',
    handler: (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    },
    error: 'received unsupported Content-Type "application/json" and no fallback_scrape_protocol specified for target',
  },
];

test('every misbehaving target is a failed scrape with a clear error and up=0', { timeout: 60_000 }, async () => {
  const servers = await Promise.all(cases.map((c) => startServer(c.handler)));
  const h = harness();
  try {
    await h.start(
      cases.map((c) => ({ job_name: c.name, scrape_interval: 1000, scrape_timeout: 300, ...c.cfg })),
      Object.fromEntries(cases.map((c, i) => [c.name, [group('s', [(servers[i] as { address: string }).address])]])),
    );
    await waitFor('all reported', () => cases.every((c) => onlyTarget(h, c.name).health !== 'unknown'), 30_000);
    for (const [i, c] of cases.entries()) {
      const t = onlyTarget(h, c.name);
      assert.equal(t.health, 'down', c.name);
      const msg = t.lastError?.message ?? '';
      if (typeof c.error === 'string') assert.equal(msg, c.error, c.name);
      else assert.match(msg, c.error, c.name);
      const inst = (servers[i] as { address: string }).address;
      await waitFor(`up of ${c.name}`, () => latest(h.storage, { __name__: 'up', job: c.name, instance: inst }) !== undefined);
      assert.equal(latest(h.storage, { __name__: 'up', job: c.name, instance: inst }), 0, c.name);
    }
    // Nothing of a failed scrape is stored (the appender was rolled back).
    assert.equal(dump(h.storage, 'ok').size, 0);
  } finally {
    await h.stop();
    await Promise.all(servers.map((s) => s.close()));
  }
});

test('connection refused and an unresolvable host', async () => {
  const srv = await startServer(() => {});
  const addr = srv.address;
  await srv.close();
  const h = harness();
  try {
    await h.start([{ job_name: 'gone', scrape_interval: 500, scrape_timeout: 300 }], { gone: [group('s', [addr])] });
    await waitFor('report', () => onlyTarget(h, 'gone').health === 'down');
    assert.equal(onlyTarget(h, 'gone').lastError?.message, `Get "http://${addr}/metrics": dial tcp ${addr}: connect: connection refused`);
  } finally {
    await h.stop();
  }
});

test('duplicates and out-of-order timestamps are skipped with a warning, not failures', async () => {
  const now = Date.now();
  let n = 0;
  const srv = await startServer((_q, res) => {
    n++;
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    // The second scrape goes back in time for "ts" and repeats "dup".
    res.end(`dup 1\ndup 2\nts 1 ${n === 1 ? now : now - 10_000}\n`);
  });
  const logger = recordingLogger();
  const h = harness({ logger });
  try {
    await h.start([{ job_name: 'j', scrape_interval: 200, scrape_timeout: 100 }], { j: [group('s', [srv.address])] });
    await waitFor('two scrapes', () => (dump(h.storage, 'up').values().next().value?.length ?? 0) >= 2);
    const t = onlyTarget(h, 'j');
    assert.equal(t.health, 'up');
    assert.equal(latest(h.storage, { __name__: 'up', job: 'j', instance: srv.address }), 1);
    assert.equal(latest(h.storage, { __name__: 'dup', job: 'j', instance: srv.address }), 1);
    assert.ok(logger.lines.some((l) => l.startsWith('warn Error on ingesting samples with different value but same timestamp')));
  } finally {
    await h.stop();
    await srv.close();
  }
});

test('a million-series bomb fails on sample_limit with bounded memory', { timeout: 60_000 }, async () => {
  const srv = await startServer((_q, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    let i = 0;
    const pump = (): void => {
      while (i < 1_000_000) {
        let s = '';
        for (let k = 0; k < 1000; k++, i++) s += `bomb{i="${i}"} 1\n`;
        if (!res.write(s)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
  const h = harness();
  const rss0 = process.memoryUsage().rss;
  try {
    await h.start([{ job_name: 'bomb', scrape_interval: 60_000, scrape_timeout: 30_000, sample_limit: 1000 }], { bomb: [group('s', [srv.address])] });
    await waitFor('bomb scraped', () => onlyTarget(h, 'bomb').health !== 'unknown', 50_000);
    const t = onlyTarget(h, 'bomb');
    assert.equal(t.lastError?.message, 'sample limit exceeded');
    await waitFor('report', () => latest(h.storage, { __name__: 'up', job: 'bomb', instance: srv.address }) !== undefined);
    assert.equal(latest(h.storage, { __name__: 'up', job: 'bomb', instance: srv.address }), 0);
    assert.equal(latest(h.storage, { __name__: 'scrape_samples_scraped', job: 'bomb', instance: srv.address }), 1_000_000);
    assert.equal(dump(h.storage, 'bomb').size, 0);
    const grown = (process.memoryUsage().rss - rss0) / (1 << 20);
    assert.ok(grown < 1024, `RSS grew by ${grown.toFixed(0)} MiB`);
  } finally {
    await h.stop();
    await srv.close();
  }
});
