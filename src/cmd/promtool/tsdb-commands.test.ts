import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Labels } from '../../model/labels/index.js';
import { DB } from '../../tsdb/index.js';
import { tsdbAnalyze } from './tsdb-analyze.js';
import { compatibleBlockDuration, tsdbCreateBlocksFrom, tsdbCreateBlocksFromOpenMetrics } from './tsdb-create-blocks.js';
import { tsdbDump } from './tsdb-dump.js';
import { base2Bytes, goDuration, goTimeUTC, parseGoDuration, tabwrite } from './tsdb-format.js';
import { tsdbList } from './tsdb-list.js';

const PROMTOOL = '/usr/bin/promtool';
const H = 3600_000;

async function capture(fn: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((s: string | Uint8Array): boolean => {
    stdout += String(s);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array): boolean => {
    stderr += String(s);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await fn();
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function promtool(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const tmpDirs: string[] = [];
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-promtool-tsdb-'));
  tmpDirs.push(d);
  return d;
}

let sharedDir: string | null = null;
async function dataDir(): Promise<string> {
  if (sharedDir !== null) return sharedDir;
  const dir = path.join(tmpDir(), 'data');
  const db = await DB.open(dir, { compactionInterval: 0 });
  const t0 = 1_700_000_000_000 - (1_700_000_000_000 % (2 * H));
  for (let t = t0; t < t0 + 7 * H; t += 30_000) {
    const app = db.appender();
    for (let i = 0; i < 12; i++) {
      const l = Labels.fromObject({ __name__: i % 3 === 0 ? 'node_cpu_seconds_total' : 'node_load1', instance: `h${i}`, mode: i % 2 === 0 ? 'idle' : 'user' });
      if (i === 11 && t > t0 + 3 * H) continue; // churn: a series that stops
      app.append(0, l, t, (t - t0) / 1000 + i * 0.1);
    }
    await app.commit();
  }
  await db.compact();
  await db.close();
  sharedDir = dir;
  return dir;
}

test('Go formatting helpers', () => {
  assert.equal(goDuration(2 * H), '2h0m0s');
  assert.equal(goDuration(H + 1), '1h0m0.001s');
  assert.equal(goDuration(1), '1ms');
  assert.equal(goDuration(1500), '1.5s');
  assert.equal(goDuration(0), '0s');
  assert.equal(goDuration(61_000), '1m1s');
  assert.equal(base2Bytes(8639), '8KiB447B');
  assert.equal(base2Bytes(1024), '1KiB');
  assert.equal(base2Bytes(0), '0B');
  assert.equal(base2Bytes(3 * 1024 * 1024 + 5), '3MiB5B');
  assert.equal(goTimeUTC(1699999200000), '2023-11-14 22:00:00 +0000 UTC');
  assert.equal(tabwrite([['a', 'bb', 'c'], ['dddddddddddddd', 'e', 'f']]), 'a               bb           c\ndddddddddddddd  e            f\n');
  assert.equal(parseGoDuration('24h'), 24 * H);
  assert.equal(parseGoDuration('1h30m'), 1.5 * H);
  assert.equal(parseGoDuration('1.5h'), 1.5 * H);
  assert.throws(() => parseGoDuration('1x'), /unknown unit/);
  assert.equal(compatibleBlockDuration(0), 2 * H);
  assert.equal(compatibleBlockDuration(24 * H), 18 * H);
  assert.equal(compatibleBlockDuration(7 * H), 6 * H);
});

test('tsdb list prints what promtool prints', async () => {
  const dir = await dataDir();
  for (const flags of [[], ['-r']]) {
    const ours = await capture(() => tsdbList([...flags, dir]));
    const theirs = promtool('tsdb', 'list', ...flags, dir);
    assert.equal(ours.code, 0);
    assert.equal(ours.stdout, theirs.stdout);
  }
  const missing = await capture(() => tsdbList([path.join(dir, 'nope')]));
  const theirs = promtool('tsdb', 'list', path.join(dir, 'nope'));
  assert.equal(missing.code, theirs.code);
  assert.equal(missing.stderr, theirs.stderr);
});

/** Analyze output with the ranked lists compared as sets of ranks (promtool orders ties randomly). */
function normalizeAnalyze(s: string): string[] {
  return s.split('\n\n').map((section) => {
    const lines = section.split('\n');
    const head = lines.filter((l) => !/^\d+ /.test(l));
    const ranked = lines.filter((l) => /^\d+ /.test(l)).map((l) => l.split(' ')[0]);
    return [...head, ...ranked].join('\n');
  });
}

test('tsdb analyze prints what promtool prints', async () => {
  const dir = await dataDir();
  const ours = await capture(() => tsdbAnalyze([dir, '--extended', '--limit=50']));
  const theirs = promtool('tsdb', 'analyze', '--extended', '--limit=50', dir);
  assert.equal(ours.code, 0, ours.stderr);
  assert.deepEqual(normalizeAnalyze(ours.stdout), normalizeAnalyze(theirs.stdout));
  // Ranked lists with distinct values are identical.
  assert.match(ours.stdout, /Highest cardinality metric names:\n8 node_load1\n4 node_cpu_seconds_total\n/);
  const nf = await capture(() => tsdbAnalyze([dir, 'NOPE']));
  assert.equal(nf.code, 1);
  assert.equal(nf.stderr, promtool('tsdb', 'analyze', dir, 'NOPE').stderr);
});

test('tsdb dump prints what promtool prints', async () => {
  const dir = await dataDir();
  for (const flags of [[], ['--match={mode="user"}', '--min-time=1700000000000', '--max-time=1700003600000']]) {
    const ours = await capture(() => tsdbDump([dir, ...flags]));
    const theirs = promtool('tsdb', 'dump', dir, ...flags);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(ours.stdout.split('\n').sort().join('\n'), theirs.stdout.split('\n').sort().join('\n'));
  }
  const bad = await capture(() => tsdbDump([dir, '--match=foo{']));
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, promtool('tsdb', 'dump', dir, '--match=foo{').stderr);
});

test('create-blocks-from openmetrics fails like promtool on bad input, with the line', async () => {
  const dir = tmpDir();
  const cases: [string, string][] = [
    ['noeof', 'a 1 1\nb 2 2\n'],
    ['nots', 'a 1 1\na 1\n# EOF\n'],
    ['duplabel', 'a{b="1",b="2"} 1 1\n# EOF\n'],
    ['ok', '# TYPE a gauge\na{x="1"} 1 1700000000\na{x="1"} 2 1700000015.5\nb 5 1699990000\n# EOF\n'],
    ['onlyeof', '# EOF\n'],
  ];
  for (const [name, text] of cases) {
    const input = path.join(dir, `${name}.om`);
    fs.writeFileSync(input, text);
    const theirs = promtool('tsdb', 'create-blocks-from', 'openmetrics', input, path.join(dir, `p-${name}`));
    const ours = await capture(() => tsdbCreateBlocksFrom(['openmetrics', input, path.join(dir, `v-${name}`)]));
    assert.equal(ours.code, theirs.code, `${name}: ${ours.stderr}`);
    if (theirs.code !== 0) {
      const msg = theirs.stderr.trim();
      assert.ok(ours.stderr.startsWith(msg.replace(/ got none$/, '')), `${name}: ${ours.stderr} vs ${msg}`);
      assert.match(ours.stderr, /\(line \d+\)\n$/);
    } else {
      const cols = (s: string): string[] => s.split('\n').map((l) => l.split(/\s{2,}/).slice(1).join(' ').replace(/ \d+$/, ''));
      assert.deepEqual(cols(ours.stdout), cols(theirs.stdout));
    }
  }
  const missing = await capture(() => tsdbCreateBlocksFromOpenMetrics([path.join(dir, 'missing.om'), path.join(dir, 'x')]));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file or directory/);
});

test('create-blocks-from honours --max-block-duration and quiet', async () => {
  const dir = tmpDir();
  const input = path.join(dir, 'in.om');
  const lines: string[] = [];
  for (let k = 0; k < 24 * 60; k++) lines.push(`m{i="1"} ${k} ${1_699_999_200 + k * 60}`);
  fs.writeFileSync(input, lines.join('\n') + '\n# EOF\n');
  const ours = await capture(() => tsdbCreateBlocksFrom(['--max-block-duration=24h', 'openmetrics', '-q', input, path.join(dir, 'v')]));
  assert.equal(ours.code, 0, ours.stderr);
  assert.equal(ours.stdout, '');
  const list = await capture(() => tsdbList([path.join(dir, 'v')]));
  const durations = list.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[3]);
  // 18h windows: the day's data lands in two blocks.
  assert.equal(durations.length, 2);
});
