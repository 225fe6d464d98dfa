/**
 * Interop with Debian's Prometheus 2.42: Vigil reads a WAL that Prometheus wrote (after a
 * SIGKILL and after a clean SIGTERM), decoding every record and re-encoding it to the same
 * bytes; and Prometheus replays a WAL that Vigil wrote.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '../../model/labels/index.js';
import {
  RecordType,
  SampleBatch,
  WalReader,
  Wlog,
  decodeExemplars,
  decodeFloatHistogramSamples,
  decodeHistogramSamples,
  decodeMetadata,
  decodeMmapMarkers,
  decodeSamples,
  decodeSeries,
  decodeTombstones,
  encodeExemplars,
  encodeMetadata,
  encodeSamples,
  encodeSeries,
  encodeTombstones,
  recordType,
} from './index.js';

const PROMETHEUS = '/usr/bin/prometheus';

function skipWithoutPrometheus(t: TestContext): boolean {
  if (existsSync(PROMETHEUS)) return false;
  const reason = `${PROMETHEUS} not installed (apt-get install -y prometheus); .ci/run installs it`;
  console.log(`# skipping Prometheus interop: ${reason}`);
  t.skip(reason);
  return true;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

/** An OpenMetrics target whose counter carries a fresh exemplar on every scrape. */
async function exemplarTarget(): Promise<{ server: Server; port: number }> {
  let n = 0;
  const server = createServer((_req, res) => {
    n++;
    res.setHeader('Content-Type', 'application/openmetrics-text; version=1.0.0; charset=utf-8');
    res.end(
      `# TYPE vigil_requests counter\n# HELP vigil_requests Requests.\n` +
        `vigil_requests_total ${n} # {trace_id="trace-${n}"} ${n / 2}\n# EOF\n`,
    );
  });
  return { server, port: await listen(server) };
}

function startPrometheus(dataDir: string, configFile: string, port: number): ChildProcess {
  return spawn(
    PROMETHEUS,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-admin-api',
      '--enable-feature=exemplar-storage,metadata-wal-records',
    ],
    { stdio: 'ignore' },
  );
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitReady(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('prometheus did not become ready');
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

interface Seen {
  records: number;
  types: Map<number, number>;
  names: Set<string>;
  samples: number;
  exemplarTraces: number;
  tombstones: number;
}

/** Decodes every record; the types Vigil writes must re-encode to the very same bytes. */
function decodeAll(walDir: string): Seen {
  const seen: Seen = { records: 0, types: new Map(), names: new Set(), samples: 0, exemplarTraces: 0, tombstones: 0 };
  const r = new WalReader(walDir);
  const batch = new SampleBatch();
  const same = (a: Uint8Array, b: Uint8Array, what: string): void =>
    assert.equal(Buffer.compare(Buffer.from(a), Buffer.from(b)), 0, `${what} re-encodes byte for byte`);
  while (r.next()) {
    const rec = r.record();
    const type = recordType(rec);
    seen.records++;
    seen.types.set(type, (seen.types.get(type) ?? 0) + 1);
    switch (type) {
      case RecordType.Series: {
        const series = decodeSeries(rec);
        for (const s of series) seen.names.add(s.labels.get('__name__'));
        same(encodeSeries(series), rec, 'series record');
        break;
      }
      case RecordType.Samples:
        batch.reset();
        decodeSamples(rec, batch);
        seen.samples += batch.length;
        same(encodeSamples(batch), rec, 'samples record');
        break;
      case RecordType.Tombstones: {
        const stones = decodeTombstones(rec);
        seen.tombstones += stones.length;
        same(encodeTombstones(stones), rec, 'tombstones record');
        break;
      }
      case RecordType.Exemplars: {
        const ex = decodeExemplars(rec);
        seen.exemplarTraces += ex.filter((e) => e.labels.get('trace_id').startsWith('trace-')).length;
        same(encodeExemplars(ex), rec, 'exemplars record');
        break;
      }
      case RecordType.Metadata:
        same(encodeMetadata(decodeMetadata(rec)), rec, 'metadata record');
        break;
      case RecordType.MmapMarkers:
        decodeMmapMarkers(rec);
        break;
      case RecordType.HistogramSamples:
      case RecordType.CustomBucketsHistogramSamples:
        decodeHistogramSamples(rec);
        break;
      case RecordType.FloatHistogramSamples:
      case RecordType.CustomBucketsFloatHistogramSamples:
        decodeFloatHistogramSamples(rec);
        break;
      default:
        assert.fail(`unknown record type ${rec[0]}`);
    }
  }
  assert.equal(r.err(), null, `reading ${walDir}: ${String(r.err())}`);
  return seen;
}

test('Vigil reads and re-encodes byte for byte the WAL that Prometheus 2.42 writes', { timeout: 120_000 }, async (t) => {
  if (skipWithoutPrometheus(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-prom-'));
  const target = await exemplarTarget();
  try {
    const port = await freePort();
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      `global:\n  scrape_interval: 1s\nscrape_configs:\n` +
        `  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n` +
        `  - job_name: exemplars\n    static_configs:\n      - targets: ['127.0.0.1:${target.port}']\n`,
    );
    const data = join(dir, 'data');
    // Run 1: scrape, delete a series (a tombstones record), then kill -9.
    let prom = startPrometheus(data, config, port);
    await waitReady(port);
    // Scraping starts about 5 s after start-up (discovery updates are throttled).
    await sleep(9000);
    const del = await fetch(`http://127.0.0.1:${port}/api/v1/admin/tsdb/delete_series?match[]=vigil_requests_total`, {
      method: 'POST',
    });
    assert.equal(del.status, 204);
    await sleep(1500);
    await stop(prom, 'SIGKILL');
    const afterKill = decodeAll(join(data, 'wal'));
    assert.ok(afterKill.names.has('up'), 'series records contain up');
    assert.ok(afterKill.names.has('prometheus_build_info'), 'series records contain prometheus_build_info');
    assert.ok(afterKill.samples > 100);
    assert.ok(afterKill.tombstones >= 1, 'the deletion was logged');
    assert.ok(afterKill.exemplarTraces >= 1, 'exemplars were logged');

    // Run 2: Prometheus replays, keeps writing, and shuts down cleanly on SIGTERM.
    prom = startPrometheus(data, config, port);
    await waitReady(port);
    await sleep(8000);
    await stop(prom, 'SIGTERM');
    const afterTerm = decodeAll(join(data, 'wal'));
    assert.ok(afterTerm.records > afterKill.records);
    assert.ok(afterTerm.samples > afterKill.samples);
    t.diagnostic(`records by type: ${JSON.stringify([...afterTerm.types])}; samples ${afterTerm.samples}`);
  } finally {
    await new Promise((r) => target.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Prometheus 2.42 replays a WAL that Vigil wrote', { timeout: 60_000 }, async (t) => {
  if (skipWithoutPrometheus(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-prom-'));
  try {
    const data = join(dir, 'data');
    const now = Date.now();
    const w = Wlog.open(join(data, 'wal'));
    const series = Array.from({ length: 10 }, (_, i) => ({
      ref: i + 1,
      labels: Labels.fromObject({ __name__: 'vigil_wal_test', i: String(i) }),
    }));
    w.log(encodeSeries(series));
    for (let k = 0; k < 120; k++) {
      const b = new SampleBatch();
      for (const s of series) b.push(s.ref, now - 120_000 + k * 1000, s.ref * 1000 + k);
      w.log(encodeSamples(b));
    }
    w.close();
    const port = await freePort();
    const config = join(dir, 'prometheus.yml');
    writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
    const prom = startPrometheus(data, config, port);
    try {
      await waitReady(port);
      const q = async (expr: string): Promise<unknown> => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expr)}&time=${(now - 500) / 1000}`);
        const body = (await res.json()) as { data?: { result?: { value?: [number, string] }[] } };
        return body.data?.result?.[0]?.value?.[1];
      };
      assert.equal(await q('count(vigil_wal_test)'), '10');
      assert.equal(await q('vigil_wal_test{i="3"}'), String(4 * 1000 + 119));
      assert.equal(await q('count_over_time(vigil_wal_test{i="0"}[5m])'), '120');
    } finally {
      await stop(prom, 'SIGTERM');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
