/**
 * Child process of the crash test: opens the DB in argv[2] and appends batches forever, starting
 * at batch argv[3]. Batch k holds one sample per series at t = BASE + k * STEP_MS with value k;
 * after each commit it prints "k". Time advances a minute per batch so head compactions (and
 * leveled compactions) happen while it is being killed.
 */
import { Labels } from '../../src/model/labels/index.js';
import { DB } from '../../src/tsdb/index.js';

export const BASE = 1_700_000_000_000 - (1_700_000_000_000 % 7_200_000);
export const STEP_MS = 60_000;
export const SERIES = 50;

async function main(): Promise<void> {
  const dir = process.argv[2];
  const first = Number(process.argv[3] ?? '0');
  if (dir === undefined) throw new Error('usage: crash-writer DIR FIRST_BATCH');
  const db = await DB.open(dir, { compactionInterval: 20, retentionTime: 0 });
  const labels: Labels[] = [];
  for (let i = 0; i < SERIES; i++) labels.push(Labels.fromObject({ __name__: 'crash_test', series: String(i) }));
  process.stdout.write('ready\n');
  for (let k = first; ; k++) {
    const app = db.appender();
    for (const l of labels) app.append(0, l, BASE + k * STEP_MS, k);
    await app.commit();
    process.stdout.write(`${k}\n`);
    if (k % 20 === 0) await new Promise((r) => setImmediate(r));
  }
}

if (process.argv[1] !== undefined && process.argv[1].endsWith('crash-writer.js')) {
  main().catch((e: unknown) => {
    process.stderr.write(`crash-writer: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
