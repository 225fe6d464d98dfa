import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorruptionError, WalReader, Wlog } from './index.js';
import { killWriterRecord } from './kill-writer.fixture.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'kill-writer.fixture.js');

/** Runs the writer child and SIGKILLs it once it has printed `killAfter` ids; returns the printed ids. */
function runAndKill(dir: string, killAfter: number, compress: boolean): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FIXTURE, dir, '200000', '20', compress ? '1' : '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ids: number[] = [];
    let rest = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) ids.push(Number(l));
      if (!killed && ids.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed (code ${code}, ${ids.length} ids)`));
      else resolve(ids);
    });
  });
}

for (const [i, compress] of [false, true, false, true].entries()) {
  test(`kill -9 during logging loses no record whose log() returned (run ${i}, compress=${compress})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-kill-'));
    try {
      const killAfter = 500 + Math.floor(Math.random() * 8000);
      const printed = await runAndKill(dir, killAfter, compress);
      assert.ok(printed.length >= killAfter);
      const r = new WalReader(dir);
      let n = 0;
      while (r.next()) {
        assert.deepEqual(new Uint8Array(r.record()), killWriterRecord(n), `record ${n} intact`);
        n++;
      }
      const err = r.err();
      assert.ok(n >= printed.length, `read ${n} records, ${printed.length} were acknowledged`);
      if (err) {
        // Only a record being written at the kill can be torn; repair drops it and nothing else.
        assert.ok(err instanceof CorruptionError, String(err));
        const w = Wlog.open(dir);
        w.repair(err);
        w.close();
        const r2 = new WalReader(dir);
        let m = 0;
        while (r2.next()) m++;
        assert.equal(r2.err(), null);
        assert.equal(m, n);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
