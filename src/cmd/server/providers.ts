/**
 * Adapters between the server's components and what the HTTP API reads: the storage that
 * becomes available once the TSDB has opened, the scrape manager's targets, the TSDB's admin
 * operations and statistics, and an engine wrapper that records query metrics.
 */
import type { Matcher } from '../../model/labels/index.js';
import type { Gauge, Summary } from '../../instrument/index.js';
import { Engine, type Query } from '../../promql/engine/index.js';
import type { Expr } from '../../promql/parser/index.js';
import type { ScrapeManager } from '../../scrape/index.js';
import type { Appender, Querier, Storage } from '../../storage/index.js';
import { StorageError } from '../../storage/index.js';
import type { DB } from '../../tsdb/index.js';
import {
  computeTsdbStats,
  type ActiveTarget,
  type ApiQuery,
  type DroppedTarget,
  type QueryEngine,
  type TargetsProvider,
  type TsdbAdmin,
  type TsdbStatus,
  type WalReplayStatus,
} from '../../web/api/v1/index.js';

/** The local storage, set once the TSDB is open (upstream readyStorage). */
export class LateStorage implements Storage {
  private db: DB | null = null;

  set(db: DB): void {
    this.db = db;
  }

  get(): DB | null {
    return this.db;
  }

  private need(): DB {
    if (this.db === null) throw new StorageError('TSDB not ready');
    return this.db;
  }

  querier(mint: number, maxt: number): Querier {
    return this.need().querier(mint, maxt);
  }

  appender(): Appender {
    return this.need().appender();
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db !== null) await db.close();
  }
}

/** The scrape manager's targets as the API reads them. */
export function targetsProvider(sm: ScrapeManager, globalUrl: (u: string) => string): TargetsProvider {
  return {
    targetsActive(): Map<string, ActiveTarget[]> {
      const out = new Map<string, ActiveTarget[]>();
      for (const [pool, ts] of sm.targetsActive()) {
        out.set(
          pool,
          ts.map((t) => {
            const url = t.url();
            return {
              discoveredLabels: t.discoveredLabels(),
              labels: t.publicLabels(),
              scrapeUrl: url,
              globalUrl: globalUrl(url),
              lastError: t.lastError?.message ?? '',
              lastScrape: t.lastScrape === 0 ? null : t.lastScrape,
              lastScrapeDuration: t.lastScrapeDuration / 1000,
              health: t.health,
              scrapeInterval: t.labels.get('__scrape_interval__'),
              scrapeTimeout: t.labels.get('__scrape_timeout__'),
              listMetadata: () => t.listMetadata(),
              getMetadata: (m: string) => t.getMetadata(m) ?? undefined,
            };
          }),
        );
      }
      return out;
    },
    targetsDropped(): Map<string, DroppedTarget[]> {
      const out = new Map<string, DroppedTarget[]>();
      for (const [pool, ts] of sm.targetsDropped()) out.set(pool, ts.map((t) => ({ discoveredLabels: t.discoveredLabels() })));
      return out;
    },
    targetsDroppedCounts(): Record<string, number> {
      return Object.fromEntries(sm.targetsDroppedCounts());
    },
    scrapePools: () => sm.scrapePools(),
    scrapePoolRelabelConfigs: (pool: string) => sm.scrapePoolConfig(pool).relabel_configs ?? [],
  };
}

/** The TSDB's admin operations and statistics (web.TSDBAdminStats). */
export function tsdbAdmin(storage: LateStorage, walReplay: () => WalReplayStatus): TsdbAdmin {
  const db = (): DB => {
    const d = storage.get();
    if (d === null) throw new StorageError('TSDB not ready');
    return d;
  };
  return {
    stats(limit: number): TsdbStatus {
      const d = db();
      const head = d.head();
      const s = computeTsdbStats(head, limit);
      const hs = head.stats();
      s.headStats = {
        ...s.headStats,
        numSeries: hs.numSeries,
        chunkCount: hs.numChunks,
        minTime: hs.numSeries > 0 ? hs.minTime : s.headStats.minTime,
        maxTime: hs.numSeries > 0 ? hs.maxTime : s.headStats.maxTime,
      };
      return s;
    },
    walReplayStatus: walReplay,
    deleteSeries: (mint: number, maxt: number, matchers: Matcher[]) => db().deleteSeries(mint, maxt, ...matchers),
    cleanTombstones: () => db().cleanTombstones(),
    snapshot: (dir: string, withHead: boolean) => db().snapshot(dir, withHead),
  };
}

export interface EngineMetrics {
  queryDuration: Summary;
  queries: Gauge;
}

/** The engine as the API drives it, recording prometheus_engine_* metrics per query. */
export function instrumentedEngine(engine: Engine, m: EngineMetrics): QueryEngine {
  const wrap = (q: Query): ApiQuery => ({
    exec: async (signal) => {
      m.queries.inc();
      const start = performance.now();
      try {
        return await q.exec(signal);
      } finally {
        m.queries.dec();
        m.queryDuration.labels('inner_eval').observe((performance.now() - start) / 1000);
      }
    },
    close: () => q.close(),
  });
  return {
    newInstantQuery: (qy, qs: string | Expr, ts, opts) => wrap(engine.newInstantQuery(qy, qs, ts, opts)),
    newRangeQuery: (qy, qs: string | Expr, start, end, step, opts) => wrap(engine.newRangeQuery(qy, qs, start, end, step, opts)),
  };
}
