/**
 * Durability of `vigil server`'s data directory across restarts: a clean SIGTERM shutdown and
 * a kill -9 both keep every committed sample; the same queries answer the same after restart.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { eventually, job, MetricsTarget, queryVector, startServer, stopAll, tmpDir } from './harness.js';

let target: MetricsTarget;

before(async () => {
  target = new MetricsTarget();
  await target.start();
});

after(async () => {
  await stopAll();
  await target.stop();
});

const QUERIES = ['count_over_time(e2e_temperature[1h])', 'e2e_requests_total', 'count_over_time(up[1h])', 'max_over_time(scrape_samples_scraped[1h])'];

async function snapshot(url: string, t: number): Promise<string> {
  const out: string[] = [];
  for (const q of QUERIES) out.push(JSON.stringify(await queryVector(url, q, { time: t })));
  return out.join('\n');
}

async function runAndStop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const dataDir = path.join(tmpDir(), 'data');
  const srv = await startServer({ config: `global:\n  scrape_interval: 1s\nscrape_configs:\n${job('target', target.address)}`, dataDir });
  await eventually(async () => {
    const v = await queryVector(srv.url, 'count_over_time(e2e_temperature[1h])');
    return v.length === 1 && Number(v[0]?.value[1]) >= 5 ? true : null;
  }, 20_000, 'five scrapes');
  // A time every sample up to which is committed (scrapes take well under a second).
  const t = (Date.now() - 2500) / 1000;
  const before = await snapshot(srv.url, t);
  assert.match(before.split('\n')[0] ?? '', /"value":\[[\d.]+,"([2-9]|\d\d+)"\]/);
  if (signal === 'SIGTERM') {
    const e = await srv.stop();
    assert.equal(e.code, 0, srv.logs());
  } else {
    srv.proc.kill('SIGKILL');
    const e = await srv.exited;
    assert.equal(e.signal, 'SIGKILL');
  }
  const again = await startServer({ config: 'global:\n  scrape_interval: 1s\n', dataDir });
  try {
    assert.equal(await snapshot(again.url, t), before);
  } finally {
    const e = await again.stop();
    assert.equal(e.code, 0, again.logs());
  }
}

test('SIGTERM then restart keeps the data: queries answer the same', async () => {
  await runAndStop('SIGTERM');
});

test('kill -9 then restart keeps every committed sample', async () => {
  await runAndStop('SIGKILL');
});
