/**
 * The scrape manager (upstream scrape.Manager): one scrape pool per job of the configuration,
 * fed with target groups by discovery. applyConfig() creates pools for new jobs, reloads the
 * ones whose config changed (targets and series state kept) and stops removed ones; sync()
 * applies the newest target groups; stop() ends every loop.
 */
import { goQuote } from '../model/strconv/index.js';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { type Config, getScrapeConfigs, isLoaded } from '../config/index.js';
import { Labels } from '../model/labels/index.js';
import type { Appendable } from '../storage/index.js';
import { nopScrapeLogger, type ScrapeClock, type ScrapeLogger, systemClock } from './logger.js';
import { type ConfigLike, deepEqual, type ScrapeConfig } from './scrape-config.js';
import { ScrapePool } from './scrape-pool.js';
import { ScrapeMetrics } from './metrics.js';
import type { Registry } from '../instrument/index.js';
import type { Target } from './target.js';
import type { TargetGroup } from './target-group.js';
import { fnv64a } from './target-hash.js';

export interface ScrapeManagerOptions {
  appendable: Appendable;
  logger?: ScrapeLogger;
  clock?: ScrapeClock;
  /** User-Agent of scrapes; default `Vigil/<version>`. */
  userAgent?: string;
  /** Host name mixed into the offset seed (default os.hostname()). */
  hostname?: string;
  /** Scrape at once instead of spreading first scrapes over the interval (tests). */
  skipOffset?: boolean;
  /**
   * Write stale markers for every series of every target when the manager stops. Upstream does
   * not (a restart is presumed); off by default.
   */
  staleMarkersOnStop?: boolean;
  /** Where the prometheus_target_* metrics are registered (none when absent). */
  registry?: Registry;
}

/** A configuration the manager could not apply. */
export class ScrapeConfigApplyError extends Error {
  override name = 'ScrapeConfigApplyError';
}

function defaultUserAgent(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    if (pkg !== null && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string') return `Vigil/${pkg.version}`;
  } catch {
    // fall through
  }
  return 'Vigil';
}

function externalLabels(v: unknown): Labels {
  if (v instanceof Labels) return v;
  if (v !== null && typeof v === 'object') {
    const o: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') o[k] = x;
    return Labels.fromObject(o);
  }
  return Labels.EMPTY;
}

export class ScrapeManager {
  private readonly o: ScrapeManagerOptions;
  private readonly logger: ScrapeLogger;
  private readonly clock: ScrapeClock;
  private readonly userAgent: string;
  /** The prometheus_target_* metrics of the manager, its pools and loops. */
  readonly metrics = new ScrapeMetrics();
  private configs = new Map<string, ScrapeConfig>();
  private readonly pools = new Map<string, ScrapePool>();
  private targetSets = new Map<string, readonly TargetGroup[]>();
  private offsetSeed = 0n;
  private running = false;
  private stopped = false;
  /** Serialises applyConfig / sync / stop. */
  private queue: Promise<void> = Promise.resolve();

  constructor(o: ScrapeManagerOptions) {
    this.o = o;
    this.logger = o.logger ?? nopScrapeLogger;
    this.clock = o.clock ?? systemClock;
    this.userAgent = o.userAgent ?? defaultUserAgent();
    this.metrics.setTargetsGatherer(() => this.targetsActive());
    if (o.registry !== undefined) this.metrics.register(o.registry);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.queue.then(fn);
    this.queue = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  /**
   * Applies the scrape configs of cfg: a Config from src/config (scrape_config_files included)
   * or any object with scrape_configs. Throws ScrapeConfigApplyError when a pool could not be
   * reloaded (and the ConfigError of an unreadable scrape config file).
   */
  applyConfig(cfg: ConfigLike | Config): Promise<void> {
    return this.serial(async () => {
      const scfgs: readonly ScrapeConfig[] = isLoaded(cfg as Config) ? getScrapeConfigs(cfg as Config) : (cfg.scrape_configs ?? []);
      const c = new Map<string, ScrapeConfig>();
      for (const sc of scfgs) c.set(sc.job_name, sc);
      this.configs = c;
      const host = this.o.hostname ?? hostname();
      this.offsetSeed = fnv64a(host + externalLabels(cfg.global?.external_labels).toString());
      let failed = false;
      const work: Promise<void>[] = [];
      for (const [name, pool] of this.pools) {
        const sc = c.get(name);
        if (sc === undefined) {
          this.pools.delete(name);
          work.push(pool.stop(this.o.staleMarkersOnStop === true));
        } else if (!deepEqual(pool.config, sc)) {
          work.push(
            pool.reload(sc).catch((e: unknown) => {
              failed = true;
              this.logger.error('error reloading scrape pool', { scrape_pool: name, err: String(e) });
            }),
          );
        }
      }
      await Promise.all(work);
      if (failed) throw new ScrapeConfigApplyError('failed to apply the new configuration');
    });
  }

  /** Replaces the target groups (by job name); applied at once when running. */
  sync(tsets: ReadonlyMap<string, readonly TargetGroup[]>): Promise<void> {
    this.targetSets = new Map(tsets);
    if (!this.running) return Promise.resolve();
    return this.serial(() => this.reload());
  }

  /** Starts scraping the targets synced so far (and later ones). */
  run(): Promise<void> {
    if (this.running || this.stopped) return Promise.resolve();
    this.running = true;
    return this.serial(() => this.reload());
  }

  private async reload(): Promise<void> {
    if (this.stopped) return;
    const work: Promise<void>[] = [];
    for (const [name, groups] of this.targetSets) {
      let pool = this.pools.get(name);
      if (pool === undefined) {
        const sc = this.configs.get(name);
        if (sc === undefined) {
          this.logger.error('error reloading target set', { err: `invalid config id:${name}` });
          continue;
        }
        this.metrics.scrapePools.inc();
        try {
          pool = new ScrapePool(sc, {
            appendable: this.o.appendable,
            logger: this.logger,
            clock: this.clock,
            offsetSeed: this.offsetSeed,
            userAgent: this.userAgent,
            metrics: this.metrics,
            skipOffset: this.o.skipOffset,
          });
        } catch (e) {
          this.metrics.scrapePoolsFailed.inc();
          this.logger.error('error creating new scrape pool', { scrape_pool: name, err: `error creating HTTP client: ${String(e)}` });
          continue;
        }
        this.pools.set(name, pool);
      }
      work.push(pool.sync(groups));
    }
    await Promise.all(work);
  }

  /** Stops every pool and waits for its loops (and pending stale markers) to finish. */
  stop(): Promise<void> {
    return this.serial(async () => {
      this.stopped = true;
      this.running = false;
      const pools = [...this.pools.values()];
      this.pools.clear();
      await Promise.all(pools.map((p) => p.stop(this.o.staleMarkersOnStop === true)));
    });
  }

  /** Active targets by job. */
  targetsActive(): Map<string, Target[]> {
    const out = new Map<string, Target[]>();
    for (const [name, p] of this.pools) out.set(name, p.activeTargets());
    return out;
  }

  /** Targets dropped by relabeling (at most keep_dropped_targets per job when set). */
  targetsDropped(): Map<string, Target[]> {
    const out = new Map<string, Target[]>();
    for (const [name, p] of this.pools) out.set(name, p.droppedTargets());
    return out;
  }

  /** Number of targets dropped by relabeling, by job (all of them, kept or not). */
  targetsDroppedCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, p] of this.pools) out.set(name, p.droppedTargetsCount());
    return out;
  }

  /** Active and dropped targets by job. */
  targetsAll(): Map<string, Target[]> {
    const out = new Map<string, Target[]>();
    for (const [name, p] of this.pools) out.set(name, [...p.activeTargets(), ...p.droppedTargets()]);
    return out;
  }

  scrapePools(): string[] {
    return [...this.pools.keys()];
  }

  /** The config of a pool; throws for an unknown one (message as upstream). */
  scrapePoolConfig(name: string): ScrapeConfig {
    const p = this.pools.get(name);
    if (p === undefined) throw new Error(`scrape pool ${goQuote(name)} not found`);
    return p.config;
  }
}
