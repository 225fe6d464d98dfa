/**
 * A scrape pool: the targets and scrape loops of one job (upstream scrapePool). sync() turns
 * target groups into targets, starting loops for new ones and stopping vanished ones; reload()
 * restarts every loop under a new config, handing over the scrape cache when the change does not
 * affect stored series; stop() ends everything.
 */
import { setMaxListeners } from 'node:events';
import type { Appendable } from '../storage/index.js';
import { acceptEncodingHeader, acceptHeader } from './accept-header.js';
import { HTTPClient } from '../httpclient/index.js';
import type { ScrapeClock, ScrapeLogger } from './logger.js';
import { ScrapeCache } from './scrape-cache.js';
import { type ResolvedScrapeConfig, resolveScrapeConfig, reusableCache, type ScrapeConfig } from './scrape-config.js';
import { ScrapeLoop } from './scrape-loop.js';
import { goDurationString, type ScrapeMetrics } from './metrics.js';
import type { Target } from './target.js';
import { type TargetGroup, targetsFromGroup } from './target-group.js';
import { TargetScraper } from './target-scraper.js';

export interface ScrapePoolOptions {
  appendable: Appendable;
  logger: ScrapeLogger;
  clock: ScrapeClock;
  offsetSeed: bigint;
  userAgent: string;
  metrics: ScrapeMetrics;
  skipOffset?: boolean;
}

export class ScrapePool {
  private cfg: ResolvedScrapeConfig;
  private client: HTTPClient;
  private readonly abort = new AbortController();
  private readonly loops = new Map<bigint, ScrapeLoop>();
  private readonly active = new Map<bigint, Target>();
  private dropped: Target[] = [];
  private droppedCount = 0;
  /** Errors of the targets the last sync could not build. */
  syncFailures: Error[] = [];
  private readonly retired = new Set<ScrapeLoop>();

  constructor(
    config: ScrapeConfig,
    private readonly o: ScrapePoolOptions,
  ) {
    this.cfg = resolveScrapeConfig(config);
    this.client = new HTTPClient(config);
    // Every loop and in-flight scrape listens on the pool's signal.
    setMaxListeners(0, this.abort.signal);
    this.o.metrics.poolTargetLimit.labels(this.cfg.jobName).set(this.cfg.targetLimit);
  }

  private readonly flushForced = (): void => this.o.metrics.cacheFlushForced.inc();

  private newCache(): ScrapeCache {
    return new ScrapeCache(this.flushForced);
  }

  get config(): ScrapeConfig {
    return this.cfg.source;
  }

  activeTargets(): Target[] {
    return [...this.active.values()];
  }

  droppedTargets(): Target[] {
    return this.dropped;
  }

  droppedTargetsCount(): number {
    return this.droppedCount;
  }

  private newLoop(t: Target, cache: ScrapeCache): ScrapeLoop {
    const { interval, timeout, err } = t.intervalAndTimeout(this.cfg.interval, this.cfg.timeout);
    const scraper = new TargetScraper({
      url: t.url(),
      client: this.client,
      timeout,
      bodySizeLimit: this.cfg.bodySizeLimit,
      acceptHeader: acceptHeader(this.cfg.protocols, this.cfg.escapingScheme),
      acceptEncodingHeader: acceptEncodingHeader(this.cfg.enableCompression),
      userAgent: this.o.userAgent,
    });
    const loop = new ScrapeLoop({
      target: t,
      scraper,
      cache,
      interval,
      timeout,
      config: this.cfg,
      appendable: this.o.appendable,
      offsetSeed: this.o.offsetSeed,
      poolSignal: this.abort.signal,
      logger: this.o.logger,
      clock: this.o.clock,
      metrics: this.o.metrics,
      skipOffset: this.o.skipOffset,
    });
    if (err !== null) loop.setForcedError(err);
    return loop;
  }

  /** Builds targets from the groups and starts/stops loops to match. */
  async sync(groups: readonly TargetGroup[]): Promise<void> {
    const start = this.o.clock.now();
    const job = this.cfg.jobName;
    const m = this.o.metrics;
    const all: Target[] = [];
    this.dropped = [];
    this.droppedCount = 0;
    this.syncFailures = [];
    const keep = this.cfg.keepDroppedTargets;
    for (const tg of groups) {
      const { targets, failures } = targetsFromGroup(tg, this.cfg);
      for (const err of failures) this.o.logger.error('Creating target failed', { scrape_pool: this.cfg.jobName, err: err.message });
      this.syncFailures.push(...failures);
      m.syncFailed.labels(job).inc(failures.length);
      for (const t of targets) {
        if (!t.publicLabels().isEmpty()) all.push(t);
        else {
          if (keep === 0 || this.dropped.length < keep) this.dropped.push(t);
          this.droppedCount++;
        }
      }
    }
    await this.syncTargets(all);
    const took = (this.o.clock.now() - start) / 1000;
    m.syncLength.labels(job).observe(took);
    m.syncLengthHistogram.labels(job).observe(took);
    m.poolSyncs.labels(job).inc();
  }

  private async syncTargets(targets: Target[]): Promise<void> {
    const unique = new Map<bigint, ScrapeLoop | null>();
    for (const t of targets) {
      const h = t.hash();
      const existing = this.active.get(h);
      if (existing === undefined) {
        const l = this.newLoop(t, this.newCache());
        this.active.set(h, t);
        this.loops.set(h, l);
        unique.set(h, l);
      } else {
        if (!unique.has(h)) unique.set(h, null);
        existing.setScrapeConfig(this.cfg, t.sourceLabels.target, t.sourceLabels.group);
      }
    }
    const stopping: Promise<void>[] = [];
    for (const [h, l] of this.loops) {
      if (unique.has(h)) continue;
      stopping.push(this.retire(l));
      this.loops.delete(h);
      this.active.delete(h);
    }
    this.o.metrics.poolTargets.labels(this.cfg.jobName).set(unique.size);
    const forced = this.targetLimitError();
    for (const l of this.loops.values()) l.setForcedError(forced);
    for (const l of unique.values()) l?.run();
    await Promise.all(stopping);
  }

  /** Stops a loop, keeping track of its end-of-run staleness until it settles. */
  private async retire(l: ScrapeLoop, staleNow = false): Promise<void> {
    this.retired.add(l);
    await l.stop({ staleNow });
    void l.settled().finally(() => this.retired.delete(l));
  }

  private targetLimitError(): Error | null {
    const limit = this.cfg.targetLimit;
    if (limit === 0 || this.active.size <= limit) return null;
    this.o.metrics.poolExceededTargetLimit.inc();
    return new Error(`target_limit exceeded (number of targets: ${this.active.size}, limit: ${limit})`);
  }

  /** Applies a changed config to every loop (targets keep their state). */
  async reload(config: ScrapeConfig): Promise<void> {
    const m = this.o.metrics;
    m.poolReloads.inc();
    const start = this.o.clock.now();
    let client: HTTPClient;
    try {
      client = new HTTPClient(config);
    } catch (e) {
      m.poolReloadsFailed.inc();
      throw e;
    }
    const reuse = reusableCache(this.cfg.source, config);
    this.cfg = resolveScrapeConfig(config);
    const oldClient = this.client;
    this.client = client;
    m.poolTargetLimit.labels(this.cfg.jobName).set(this.cfg.targetLimit);
    const forced = this.targetLimitError();
    const restarts: Promise<void>[] = [];
    for (const [h, old] of this.loops) {
      let cache: ScrapeCache;
      if (reuse) {
        old.disableEndOfRunStalenessMarkers();
        cache = old.cache;
      } else cache = this.newCache();
      const t = this.active.get(h) as Target;
      t.setScrapeConfig(this.cfg, t.sourceLabels.target, t.sourceLabels.group);
      const nl = this.newLoop(t, cache);
      this.loops.set(h, nl);
      restarts.push(
        this.retire(old).then(() => {
          if (forced !== null) nl.setForcedError(forced);
          nl.run();
        }),
      );
    }
    await Promise.all(restarts);
    oldClient.close();
    m.reloadIntervalLength.labels(goDurationString(this.cfg.interval)).observe((this.o.clock.now() - start) / 1000);
  }

  /** Stops all loops; with staleNow their series get stale markers at once. */
  async stop(staleNow = false): Promise<void> {
    const loops = [...this.loops.values()];
    this.loops.clear();
    this.active.clear();
    await Promise.all(loops.map((l) => this.retire(l, staleNow)));
    this.abort.abort();
    await Promise.all([...this.retired].map((l) => l.settled()));
    this.client.close();
    this.o.metrics.deletePool(this.cfg.jobName);
  }
}
