import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from '../instrument/index.js';
import { Labels } from '../model/labels/index.js';
import { type Appendable, type Appender, OutOfOrderSampleError, type SeriesRef } from '../storage/index.js';
import { ScrapeManager } from './manager.js';
import { goDurationString, ScrapeMetrics } from './metrics.js';
import { ScrapeCache } from './scrape-cache.js';

/** Accepts everything except samples older than a series' newest one. */
class MemoryAppendable implements Appendable {
  private readonly last = new Map<string, number>();
  appender(): Appender {
    const last = this.last;
    const pending: [string, number][] = [];
    return {
      append(_ref: SeriesRef, l: Labels, t: number): SeriesRef {
        const k = l.toString();
        if (t < (last.get(k) ?? -Infinity)) throw new OutOfOrderSampleError();
        pending.push([k, t]);
        return 0;
      },
      appendHistogram(): SeriesRef {
        throw new Error('no histograms');
      },
      async commit(): Promise<void> {
        for (const [k, t] of pending) last.set(k, Math.max(t, last.get(k) ?? -Infinity));
      },
      rollback(): void {
        pending.length = 0;
      },
    };
  }
}

async function serve(body: () => string): Promise<{ server: Server; address: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(body());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, address: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The value of one exposed sample line, e.g. `name{l="v"}`; NaN when absent. */
function sampleValue(exposition: string, series: string): number {
  for (const line of exposition.split('\n')) if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1));
  return NaN;
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function runJob(body: () => string, config: Record<string, unknown>): Promise<{ reg: Registry; m: ScrapeManager; close: () => Promise<void> }> {
  const { server, address } = await serve(body);
  const reg = new Registry();
  const m = new ScrapeManager({ appendable: new MemoryAppendable(), registry: reg, skipOffset: true });
  await m.applyConfig({ scrape_configs: [{ job_name: 'j', scrape_interval: 50, scrape_timeout: 40, ...config }] });
  await m.sync(new Map([['j', [{ source: 's', targets: [Labels.fromObject({ __address__: address })], labels: Labels.EMPTY }]]]));
  await m.run();
  return {
    reg,
    m,
    close: async () => {
      await m.stop();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

test('goDurationString prints Go time.Duration strings', () => {
  assert.equal(goDurationString(15_000), '15s');
  assert.equal(goDurationString(60_000), '1m0s');
  assert.equal(goDurationString(90_000), '1m30s');
  assert.equal(goDurationString(1_500), '1.5s');
  assert.equal(goDurationString(500), '500ms');
  assert.equal(goDurationString(3_600_000), '1h0m0s');
  assert.equal(goDurationString(0), '0s');
});

const LABELED: [string, string, string][] = [
    ['prometheus_target_sync_length_seconds', 'summary', 'Actual interval to sync the scrape pool.'],
    ['prometheus_target_interval_length_seconds', 'summary', 'Actual intervals between scrapes.'],
    ['prometheus_target_scrape_pool_targets', 'gauge', 'Current number of targets in this scrape pool.'],
    ['prometheus_target_scrape_pool_sync_total', 'counter', 'Total number of syncs that were executed on a scrape pool.'],
];

test('every unlabeled metric is exposed with upstream name, help and type', () => {
  const reg = new Registry();
  new ScrapeMetrics().register(reg);
  const out = reg.expose();
  const want: [string, string, string][] = [
    ['prometheus_target_scrapes_exceeded_sample_limit_total', 'counter', 'Total number of scrapes that hit the sample limit and were rejected.'],
    ['prometheus_target_scrapes_sample_duplicate_timestamp_total', 'counter', 'Total number of samples rejected due to duplicate timestamps but different values.'],
    ['prometheus_target_scrapes_sample_out_of_order_total', 'counter', 'Total number of samples rejected due to not being out of the expected order.'],
    ['prometheus_target_scrapes_sample_out_of_bounds_total', 'counter', 'Total number of samples rejected due to timestamp falling outside of the time bounds.'],
    ['prometheus_target_scrapes_exceeded_body_size_limit_total', 'counter', 'Total number of scrapes that hit the body size limit'],
    ['prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total', 'counter', 'Total number of scrapes that hit the native histogram bucket limit and were rejected.'],
    ['prometheus_target_scrapes_cache_flush_forced_total', 'counter', 'How many times a scrape cache was flushed due to getting big while scrapes are failing.'],
    ['prometheus_target_scrape_pools_total', 'counter', 'Total number of scrape pool creation attempts.'],
    ['prometheus_target_scrape_pools_failed_total', 'counter', 'Total number of scrape pool creations that failed.'],
    ['prometheus_target_scrape_pool_reloads_total', 'counter', 'Total number of scrape pool reloads.'],
    ['prometheus_target_scrape_pool_reloads_failed_total', 'counter', 'Total number of failed scrape pool reloads.'],
  ];
  for (const [name, type, help] of want) {
    assert.ok(out.includes(`# HELP ${name} ${help}\n`), `help of ${name}`);
    assert.ok(out.includes(`# TYPE ${name} ${type}\n`), `type of ${name}`);
  }
  assert.equal(sampleValue(out, 'prometheus_target_scrapes_exceeded_sample_limit_total'), 0);
});

test('a sample limit breach counts once per scrape; pool and sync metrics follow', async () => {
  const j = await runJob(() => 'a 1\nb 2\nc 3\n', { sample_limit: 2 });
  try {
    const out = (): string => j.reg.expose();
    await until(() => sampleValue(out(), 'prometheus_target_scrapes_exceeded_sample_limit_total') >= 2);
    const o = out();
    assert.equal(sampleValue(o, 'prometheus_target_scrape_pools_total'), 1);
    assert.equal(sampleValue(o, 'prometheus_target_scrape_pool_targets{scrape_job="j"}'), 1);
    assert.equal(sampleValue(o, 'prometheus_target_scrape_pool_sync_total{scrape_job="j"}'), 1);
    assert.equal(sampleValue(o, 'prometheus_target_sync_length_seconds_count{scrape_job="j"}'), 1);
    assert.ok(o.includes('prometheus_target_sync_length_seconds{scrape_job="j",quantile="0.01"}'));
    assert.ok(sampleValue(o, 'prometheus_target_interval_length_seconds_count{interval="50ms"}') >= 1);
    assert.ok(o.includes('prometheus_target_interval_length_seconds{interval="50ms",quantile="0.99"}'));
    assert.equal(sampleValue(o, 'prometheus_target_metadata_cache_entries{scrape_job="j"}'), 0);
    for (const [name, type, help] of LABELED) assert.ok(o.includes(`# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`), name);
  } finally {
    await j.close();
  }
});

test('out-of-order samples and body size limit breaches are counted', async () => {
  let t = 10_000_000;
  const ooo = await runJob(() => `a 1 ${(t -= 1000)}\n`, {});
  try {
    await until(() => sampleValue(ooo.reg.expose(), 'prometheus_target_scrapes_sample_out_of_order_total') >= 1);
  } finally {
    await ooo.close();
  }
  const big = await runJob(() => '# HELP a x\na 1\n'.repeat(100), { body_size_limit: 10 });
  try {
    await until(() => sampleValue(big.reg.expose(), 'prometheus_target_scrapes_exceeded_body_size_limit_total') >= 1);
  } finally {
    await big.close();
  }
});

test('config reloads and pool removal update the pool metrics', async () => {
  const j = await runJob(() => '# HELP a help\n# TYPE a gauge\na 1\n', {});
  try {
    await until(() => sampleValue(j.reg.expose(), 'prometheus_target_metadata_cache_entries{scrape_job="j"}') === 1);
    assert.equal(sampleValue(j.reg.expose(), 'prometheus_target_metadata_cache_bytes{scrape_job="j"}'), 'help'.length + 'gauge'.length);
    await j.m.applyConfig({ scrape_configs: [{ job_name: 'j', scrape_interval: 60, scrape_timeout: 40 }] });
    assert.equal(sampleValue(j.reg.expose(), 'prometheus_target_scrape_pool_reloads_total'), 1);
    assert.equal(sampleValue(j.reg.expose(), 'prometheus_target_reload_length_seconds_count{interval="60ms"}'), 1);
    await j.m.applyConfig({ scrape_configs: [] });
    assert.ok(Number.isNaN(sampleValue(j.reg.expose(), 'prometheus_target_scrape_pool_targets{scrape_job="j"}')));
  } finally {
    await j.close();
  }
});

test('a cache growing under failing scrapes is flushed and counted', () => {
  let n = 0;
  const c = new ScrapeCache(() => n++);
  for (let i = 0; i < 1002; i++) c.addDropped(`s${i}`);
  c.iterDone(false);
  assert.equal(n, 1);
});
