import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DNSSDConfig } from '../../config/index.js';
import { FakeClock } from '../fake-clock.js';
import type { TargetGroup } from '../targetgroup/index.js';
import { DNSDiscoverer } from './dns-sd.js';
import { decodeQuery, encodeName, encodeResponse, FakeDNSServer } from './fake-dns-server.js';

function cfg(names: string[], type: string, port = 0, refresh = 30_000): DNSSDConfig {
  return { mechanism: 'dns', names, type, port, refresh_interval: refresh };
}

function view(groups: TargetGroup[]): string[] {
  return groups.map((g) => `${g.source}: ${g.targets.map((t) => t.toString()).join(' ')}`);
}

async function withServer(fn: (server: FakeDNSServer, addr: string) => Promise<void>): Promise<void> {
  const server = new FakeDNSServer();
  server.zone.set('web.vigil.test', {
    A: ['10.0.0.1', '10.0.0.2'],
    AAAA: ['2001:db8::1'],
    SRV: [{ target: 'node1.vigil.test', port: 9100 }, { target: 'node2.vigil.test.', port: 9101 }],
    MX: [{ exchange: 'mail.vigil.test' }],
    NS: ['ns1.vigil.test'],
  });
  server.zone.set('empty.vigil.test', {});
  server.zone.set('broken.vigil.test', { servfail: true });
  server.zone.set('silent.vigil.test', { silent: true });
  const addr = await server.start();
  try {
    await fn(server, addr);
  } finally {
    await server.stop();
  }
}

const quiet = { info: (): void => {}, warn: (): void => {}, error: (): void => {} };

test('the test server encodes what it decodes', () => {
  const q = Buffer.concat([Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]), encodeName('a.b'), Buffer.from([0, 1, 0, 1])]);
  const d = decodeQuery(q);
  assert.deepEqual({ id: d?.id, name: d?.name, type: d?.type }, { id: 0x1234, name: 'a.b', type: 1 });
  const res = d === null ? null : encodeResponse(d, new Map([['a.b', { A: ['1.2.3.4'] }]]));
  assert.equal(res?.readUInt16BE(6), 1);
  assert.deepEqual([...(res?.subarray(-4) ?? [])], [1, 2, 3, 4]);
});

test('dns_sd SRV records: address from target and port, meta labels as upstream', async () => {
  await withServer(async (_s, addr) => {
    const d = new DNSDiscoverer(cfg(['web.vigil.test'], 'SRV'), { logger: quiet, clock: new FakeClock(), dnsServers: [addr] });
    const groups = await d.refresh(new AbortController().signal);
    assert.deepEqual(view(groups), [
      'web.vigil.test: ' +
        '{__address__="node1.vigil.test:9100", __meta_dns_name="web.vigil.test", __meta_dns_srv_record_port="9100", __meta_dns_srv_record_target="node1.vigil.test."} ' +
        '{__address__="node2.vigil.test:9101", __meta_dns_name="web.vigil.test", __meta_dns_srv_record_port="9101", __meta_dns_srv_record_target="node2.vigil.test."}',
    ]);
  });
});

test('dns_sd A, AAAA, MX and NS records use the configured port', async () => {
  await withServer(async (_s, addr) => {
    const o = { logger: quiet, clock: new FakeClock(), dnsServers: [addr] };
    const signal = new AbortController().signal;
    const a = await new DNSDiscoverer(cfg(['web.vigil.test'], 'A', 80), o).refresh(signal);
    assert.deepEqual(a[0]?.targets.map((t) => t.get('__address__')).sort(), ['10.0.0.1:80', '10.0.0.2:80']);
    const aaaa = await new DNSDiscoverer(cfg(['web.vigil.test'], 'AAAA', 80), o).refresh(signal);
    assert.deepEqual(view(aaaa), ['web.vigil.test: {__address__="[2001:db8::1]:80", __meta_dns_name="web.vigil.test"}']);
    const mx = await new DNSDiscoverer(cfg(['web.vigil.test'], 'MX', 25), o).refresh(signal);
    assert.deepEqual(view(mx), ['web.vigil.test: {__address__="mail.vigil.test:25", __meta_dns_mx_record_target="mail.vigil.test.", __meta_dns_name="web.vigil.test"}']);
    const ns = await new DNSDiscoverer(cfg(['web.vigil.test'], 'ns', 53), o).refresh(signal);
    assert.deepEqual(view(ns), ['web.vigil.test: {__address__="ns1.vigil.test:53", __meta_dns_name="web.vigil.test", __meta_dns_ns_record_target="ns1.vigil.test."}']);
  });
});

test('dns_sd: no such name or no records give an empty group; a server failure keeps the old targets', async () => {
  await withServer(async (_s, addr) => {
    const errors: string[] = [];
    const logger = { ...quiet, error: (m: string): void => void errors.push(m) };
    const d = new DNSDiscoverer(cfg(['web.vigil.test', 'missing.vigil.test', 'empty.vigil.test', 'broken.vigil.test'], 'A', 80), {
      logger,
      clock: new FakeClock(),
      dnsServers: [addr],
    });
    const groups = await d.refresh(new AbortController().signal);
    assert.deepEqual(
      groups.map((g) => [g.source, g.targets.length]),
      [
        ['web.vigil.test', 2],
        ['missing.vigil.test', 0],
        ['empty.vigil.test', 0],
      ],
    );
    assert.deepEqual(errors, ['Error refreshing DNS targets']);
    assert.equal(d.lookupFailures, 1);
  });
});

test('dns_sd: a server that never answers times out, and stop cancels lookups', async () => {
  await withServer(async (_s, addr) => {
    const errors: string[] = [];
    const clock = new FakeClock();
    const d = new DNSDiscoverer(cfg(['silent.vigil.test'], 'A', 80, 200), {
      logger: { ...quiet, error: (m): void => void errors.push(m) },
      clock,
      dnsServers: [addr],
    });
    const ac = new AbortController();
    const ups: TargetGroup[][] = [];
    const done = d.run(ac.signal, (g) => ups.push(g));
    const deadline = Date.now() + 8000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(errors, ['Error refreshing DNS targets']);
    // The refresh itself succeeded with no group for the failed name.
    assert.deepEqual(ups, [[]]);
    ac.abort();
    await done;
  });
});
