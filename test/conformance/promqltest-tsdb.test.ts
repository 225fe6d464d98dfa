/**
 * The PromQL conformance scripts over the real TSDB: every `load` goes through the DB's
 * Appender (head + WAL in a temp dir), every `clear` starts a fresh DB, and queries read
 * through the DB's querier, as upstream's promqltest does with its teststorage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadSeries, TestStorage } from '../../src/promql/promqltest/index.js';
import type { Querier } from '../../src/storage/index.js';
import { DB } from '../../src/tsdb/index.js';
import { promqlConformanceSuite } from './promqltest-suite.js';

const YEAR = 365 * 24 * 3600 * 1000;

class TsdbTestStorage implements TestStorage {
  private db: DB | null = null;
  private dir: string | null = null;

  private async open(): Promise<DB> {
    if (this.db) return this.db;
    this.dir = mkdtempSync(join(tmpdir(), 'vigil-promqltest-'));
    // Loads may add samples before earlier ones (a later `load` of the same series): accept them
    // as out-of-order samples, as upstream's test storage does.
    this.db = await DB.open(this.dir, { compactionInterval: 0, retentionTime: 0, outOfOrderTimeWindow: 100 * YEAR });
    return this.db;
  }

  async append(series: readonly LoadSeries[]): Promise<void> {
    const db = await this.open();
    const app = db.appender();
    for (const s of series) {
      let ref = 0;
      for (const smp of s.samples) {
        // Native histograms are not stored yet (their evals are skipped as native-histogram).
        if (smp.h) continue;
        ref = app.append(ref, s.labels, smp.t, smp.f);
      }
    }
    await app.commit();
  }

  querier(mint: number, maxt: number): Querier {
    if (!this.db) return emptyQuerier;
    return this.db.querier(mint, maxt);
  }

  async clear(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const db = this.db;
    const dir = this.dir;
    this.db = null;
    this.dir = null;
    if (db) await db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const emptyQuerier: Querier = {
  select: () => ({ next: () => false, at: () => { throw new Error('empty'); }, err: () => null, warnings: () => [] }),
  labelValues: () => [],
  labelNames: () => [],
  close: () => {},
};

promqlConformanceSuite('promqltest-tsdb', () => new TsdbTestStorage());
