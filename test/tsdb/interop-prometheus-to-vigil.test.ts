/**
 * Interop (b): data written by Prometheus 2.42 opens in Vigil with every sample. Prometheus
 * scrapes itself every second for ~15s (small blocks so it also compacts) and is killed with
 * SIGKILL; a block backfilled by promtool is read too. promtool's dump is the reference.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Matcher, MatchType } from '../../src/model/labels/index.js';
import { ValueType } from '../../src/storage/index.js';
import { DB } from '../../src/tsdb/index.js';
import { promtool, sortedLines, startPrometheus, stop, tmpDir, vigilDump, type RunningPrometheus } from './harness.js';

const running: RunningPrometheus[] = [];
after(async () => {
  for (const p of running) await stop(p.proc, 'SIGKILL');
});

function selfScrapeConfig(): string {
  return ['global:', '  scrape_interval: 1s', 'scrape_configs:', '  - job_name: self', '    static_configs:', "      - targets: ['127.0.0.1:$PORT']", ''].join('\n');
}

async function countSamples(db: DB): Promise<number> {
  const q = db.querier(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const ss = q.select(true, null, new Matcher(MatchType.Regexp, '__name__', '.+'));
  let n = 0;
  while (ss.next()) {
    const it = ss.at().iterator();
    while (it.next() !== ValueType.None) n++;
    assert.equal(it.err(), null);
  }
  assert.equal(ss.err(), null);
  q.close();
  return n;
}

test('a data dir of a killed Prometheus 2.42 opens in Vigil with every sample', { timeout: 90_000 }, async () => {
  const root = tmpDir();
  const dir = path.join(root, 'data');
  // Tiny blocks (hidden flag) so the data dir holds compacted blocks as well as WAL + chunks_head.
  const prom = await startPrometheus(dir, selfScrapeConfig(), { extraArgs: ['--storage.tsdb.min-block-duration=5s'] });
  running.push(prom);
  await new Promise((r) => setTimeout(r, 15_000));
  await stop(prom.proc, 'SIGKILL');
  const list = promtool('tsdb', 'list', dir);
  assert.equal(list.status, 0, list.stderr);
  assert.ok(list.stdout.trim().split('\n').length >= 2, `Prometheus wrote no block:\n${list.stdout}`);
  const ref = promtool('tsdb', 'dump', dir);
  assert.equal(ref.status, 0, ref.stderr);
  const theirs = sortedLines(ref.stdout);
  assert.ok(theirs.length > 1000, `only ${theirs.length} samples scraped`);
  assert.deepEqual(sortedLines(await vigilDump(dir)), theirs);
  // A writable open (stale lock, WAL repair if torn) keeps every sample too.
  const copy = path.join(root, 'copy');
  fs.cpSync(dir, copy, { recursive: true });
  const db = await DB.open(copy, { compactionInterval: 0 });
  try {
    assert.equal(await countSamples(db), theirs.length);
  } finally {
    await db.close();
  }
});

test('a block backfilled by promtool opens in Vigil with every sample', { timeout: 60_000 }, async () => {
  const root = tmpDir();
  const input = path.join(root, 'in.om');
  const base = Math.floor(Date.now() / 1000) - 20 * 3600;
  const lines = ['# TYPE bf counter'];
  for (let k = 0; k < 3000; k++) for (let i = 0; i < 4; i++) lines.push(`bf_total{i="${i}",j="x${i % 2}"} ${k * 2 + i} ${base + k * 20}`);
  lines.push('# EOF', '');
  fs.writeFileSync(input, lines.join('\n'));
  const out = path.join(root, 'data');
  const r = promtool('tsdb', 'create-blocks-from', 'openmetrics', input, out);
  assert.equal(r.status, 0, r.stderr);
  // promtool 2.42's dump needs a wal directory to exist.
  fs.mkdirSync(path.join(out, 'wal'));
  const ref = promtool('tsdb', 'dump', out);
  assert.equal(ref.status, 0, ref.stderr);
  assert.equal(sortedLines(ref.stdout).length, 12_000);
  assert.deepEqual(sortedLines(await vigilDump(out)), sortedLines(ref.stdout));
  const db = await DB.open(out, { compactionInterval: 0 });
  try {
    assert.equal(await countSamples(db), 12_000);
    assert.ok(db.blockMetas().length >= 2);
  } finally {
    await db.close();
  }
});
