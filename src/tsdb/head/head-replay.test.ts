import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Labels } from '../../model/labels/index.js';
import { dumpBlock } from './block-dump.js';
import { Head } from './head.js';
import type { HeadLogger } from './head.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-head-replay-'));
}

function series(i: number): Labels {
  return Labels.fromObject({ __name__: 'metric', job: 'j', i: String(i) });
}

async function fill(h: Head, nSeries: number, n: number, step: number, t0 = 0): Promise<void> {
  for (let k = 0; k < n; k++) {
    const app = h.appender();
    for (let i = 0; i < nSeries; i++) app.append(0, series(i), t0 + k * step, k + i / 1000);
    await app.commit();
  }
}

function dump(h: Head): [string, number[], number[]][] {
  return dumpBlock(h, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((d) => [d.labels.toString(), d.ts, d.vs]);
}

class MemLogger implements HeadLogger {
  readonly warnings: string[] = [];
  info(): void {}
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void {
    this.warnings.push(`${msg} ${JSON.stringify(fields ?? {})}`);
  }
}

test('close and reopen rebuilds series, mmapped chunks and open head chunks exactly', async () => {
  const dir = tmp();
  let h = Head.open({ dir });
  try {
    await fill(h, 50, 700, 15_000);
    const before = dump(h);
    const stats = h.stats();
    h.close();
    h = Head.open({ dir });
    assert.deepEqual(dump(h), before);
    assert.equal(h.stats().numSeries, stats.numSeries);
    assert.equal(h.stats().numChunks, stats.numChunks);
    assert.equal(h.minTime(), stats.minTime);
    assert.equal(h.maxTime(), stats.maxTime);
    // Appending continues where it stopped; new series get fresh refs.
    const app = h.appender();
    app.append(0, series(0), 700 * 15_000, 1);
    const ref = app.append(0, series(999), 700 * 15_000, 1);
    await app.commit();
    assert.equal(ref, 51);
    h.close();
    h = Head.open({ dir });
    assert.equal(h.stats().numSeries, 51);
    assert.equal(h.stats().maxTime, 700 * 15_000);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a corrupt WAL tail is repaired with a warning; earlier records survive', async () => {
  const dir = tmp();
  let h = Head.open({ dir, walCompression: false });
  try {
    await fill(h, 3, 100, 1000);
    h.close();
    const walDir = join(dir, 'wal');
    const segs = readdirSync(walDir)
      .filter((n) => /^\d+$/.test(n))
      .filter((n) => statSync(join(walDir, n)).size > 0)
      .sort();
    const last = join(walDir, segs[segs.length - 1] as string);
    const b = readFileSync(last);
    let end = b.length - 1;
    while (end > 0 && b[end] === 0) end--;
    b[end - 2] = (b[end - 2] as number) ^ 0xff;
    writeFileSync(last, b);
    const logger = new MemLogger();
    h = Head.open({ dir, logger });
    assert.ok(
      logger.warnings.some((w) => w.includes('Encountered WAL read error, attempting repair')),
      logger.warnings.join('\n'),
    );
    const d = dump(h);
    assert.equal(d.length, 3);
    assert.equal(d[0]?.[1].length, 99);
    // Writing goes on, and the repaired log replays cleanly.
    const app = h.appender();
    app.append(0, series(0), 100_000, 5);
    await app.commit();
    h.close();
    const logger2 = new MemLogger();
    h = Head.open({ dir, logger: logger2 });
    assert.deepEqual(logger2.warnings, []);
    assert.equal(dump(h)[0]?.[1].length, 100);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('corrupt chunks_head files are dropped and their samples come back from the WAL', async () => {
  const dir = tmp();
  let h = Head.open({ dir });
  try {
    await fill(h, 4, 600, 15_000);
    const before = dump(h);
    h.cdm.cutNewFile();
    await fill(h, 4, 200, 15_000, 600 * 15_000);
    const full = dump(h);
    assert.notDeepEqual(full, before);
    h.close();
    const cdir = join(dir, 'chunks_head');
    const first = join(cdir, readdirSync(cdir).sort()[0] as string);
    const b = readFileSync(first);
    b[200] = (b[200] as number) ^ 0xff;
    writeFileSync(first, b);
    const logger = new MemLogger();
    h = Head.open({ dir, logger });
    assert.ok(logger.warnings.length > 0);
    assert.deepEqual(dump(h), full);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const CHILD = `
import { Head } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'head.js')).href)};
import { Labels } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../model/labels/index.js')).href)};
const dir = process.argv[1];
const h = Head.open({ dir, walSegmentSize: 64 * 1024 });
const labels = [];
for (let i = 0; i < 100; i++) labels.push(Labels.fromObject({ __name__: 'crash', i: String(i) }));
const refs = new Array(100).fill(0);
const deadline = Date.now() + 20000;
for (let k = 1; k <= 100000 && Date.now() < deadline; k++) {
  const app = h.appender();
  for (let i = 0; i < 100; i++) refs[i] = app.append(refs[i], labels[i], k * 1000, k * 100 + i);
  app.commitSync();
  process.stdout.write('committed ' + k + '\\n');
  if (k % 500 === 0) await new Promise((r) => setImmediate(r));
}
h.close();
`;

test('every committed sample survives a SIGKILL mid-ingestion', async () => {
  const dir = tmp();
  try {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lastCommitted = 0;
    let buf = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines) {
          const m = /^committed (\d+)$/.exec(l);
          if (m) lastCommitted = Number(m[1]);
        }
        if (lastCommitted >= 3000 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    assert.ok(lastCommitted >= 3000, `child stopped early at ${lastCommitted}`);
    const h = Head.open({ dir });
    try {
      const d = dumpBlock(h, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      assert.equal(d.length, 100);
      for (const s of d) {
        const i = Number(s.labels.get('i'));
        assert.ok(s.ts.length >= lastCommitted, `series ${i}: ${s.ts.length} < ${lastCommitted}`);
        for (let k = 0; k < s.ts.length; k++) {
          if (s.ts[k] !== (k + 1) * 1000 || s.vs[k] !== (k + 1) * 100 + i) assert.fail(`series ${i} sample ${k} is ${s.ts[k]}=${s.vs[k]}`);
        }
      }
    } finally {
      h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
