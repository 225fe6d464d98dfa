/**
 * Crash safety (c): a child process appends batches through the DB appender and prints each
 * committed batch id; it is SIGKILLed at random moments 20 times in a row. After every kill the
 * DB opens, every committed sample is there with its value, no sample is invented, and every
 * block is readable; at the end promtool agrees with Vigil on the data dir.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { Matcher, MatchType } from '../../src/model/labels/index.js';
import { ValueType } from '../../src/storage/index.js';
import { DB } from '../../src/tsdb/index.js';
import { BASE, SERIES, STEP_MS } from './crash-writer.js';
import { promtool, repoRoot, sortedLines, stop, tmpDir, track, vigilDump } from './harness.js';

const ROUNDS = 20;
const live = new Set<ChildProcess>();
after(async () => {
  for (const c of live) await stop(c, 'SIGKILL');
});

interface Round {
  committed: number;
  stderr: string;
}

/** Runs the writer from batch first, kills it after killAfterMs (counted from "ready"). */
async function runAndKill(dir: string, first: number, killAfterMs: number): Promise<Round> {
  const script = path.join(repoRoot(), 'dist', 'test', 'tsdb', 'crash-writer.js');
  const c = track(spawn(process.execPath, [script, dir, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] }));
  live.add(c);
  let out = '';
  let stderr = '';
  let committed = first - 1;
  c.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer not ready in 20s: ${stderr}`)), 20_000);
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`writer exited early (${String(code)}): ${stderr}`));
      });
      c.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.startsWith('ready\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, killAfterMs));
  } finally {
    await stop(c, 'SIGKILL');
    live.delete(c);
  }
  // Only complete lines count: the kill may cut the last one.
  const lines = out.split('\n');
  lines.pop();
  for (const l of lines) if (/^\d+$/.test(l)) committed = Math.max(committed, Number(l));
  return { committed, stderr };
}

/** Opens the DB (repairing as needed) and checks batches 0..committed are all there, intact. */
async function verify(dir: string, committed: number): Promise<{ maxBatch: number; blocks: number }> {
  const db = await DB.open(dir, { compactionInterval: 0, retentionTime: 0 });
  let maxBatch = -1;
  let blocks = 0;
  try {
    const metas = db.blockMetas();
    blocks = metas.length;
    for (let i = 1; i < metas.length; i++) assert.ok((metas[i]?.minTime ?? 0) >= (metas[i - 1]?.maxTime ?? 0), 'blocks do not overlap');
    const q = db.querier(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const ss = q.select(true, null, new Matcher(MatchType.Equal, '__name__', 'crash_test'));
    let series = 0;
    while (ss.next()) {
      series++;
      const it = ss.at().iterator();
      let expect = 0;
      while (it.next() !== ValueType.None) {
        const k = (it.atT() - BASE) / STEP_MS;
        assert.equal(k, expect, `series ${ss.at().labels.toString()}: batch ${expect} missing (found ${k})`);
        assert.equal(it.atF(), k, 'value of the batch');
        expect++;
      }
      assert.equal(it.err(), null);
      assert.ok(expect - 1 >= committed, `series ${ss.at().labels.toString()} ends at batch ${expect - 1}, committed ${committed}`);
      maxBatch = Math.max(maxBatch, expect - 1);
    }
    assert.equal(ss.err(), null);
    q.close();
    if (committed >= 0) assert.equal(series, SERIES);
  } finally {
    await db.close();
  }
  return { maxBatch, blocks };
}

test('committed samples survive SIGKILL at random moments, 20 times in a row', { timeout: 120_000 }, async (t) => {
  const dir = path.join(tmpDir(), 'data');
  let next = 0;
  let committed = -1;
  let blocks = 0;
  const started = Date.now();
  for (let round = 0; round < ROUNDS; round++) {
    const r = await runAndKill(dir, next, 20 + Math.floor(Math.random() * 400));
    assert.equal(r.stderr, '', `round ${round}: writer stderr`);
    committed = Math.max(committed, r.committed);
    const v = await verify(dir, committed);
    blocks = v.blocks;
    // A batch written to the WAL but killed before it was printed may be present: continue after it.
    next = Math.max(v.maxBatch, committed) + 1;
  }
  t.diagnostic(`${committed + 1} batches committed, ${blocks} blocks, ${Date.now() - started} ms`);
  assert.ok(committed > 100, `only ${committed} batches committed`);
  assert.ok(blocks > 0, 'compaction ran between kills');
  assert.ok(Date.now() - started < 100_000);
  const dump = promtool('tsdb', 'dump', dir);
  assert.equal(dump.status, 0, dump.stderr);
  assert.deepEqual(sortedLines(await vigilDump(dir)), sortedLines(dump.stdout));
});
