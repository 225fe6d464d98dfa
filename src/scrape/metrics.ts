/**
 * The prometheus_target_* metrics of the scrape manager, its pools, loops and caches (upstream
 * scrape/metrics.go): same names, help texts, types and labels. One ScrapeMetrics per manager;
 * register() puts them on a registry. Loops keep the label children they update, so a scrape
 * costs a few counter increments and one summary observation, never a per-sample allocation.
 */
import { Counter, Gauge, Histogram, type Collector, type MetricFamily, type Registry, Summary } from '../instrument/index.js';
import type { Target } from './target.js';

/** The objectives of upstream's duration summaries. */
const QUANTILES = [0.01, 0.05, 0.5, 0.9, 0.99] as const;
/** The classic buckets of upstream's interval histograms (which are native ones as well). */
const LENGTH_BUCKETS = [0.01, 0.1, 1, 10] as const;
const JOB = ['scrape_job'] as const;
const INTERVAL = ['interval'] as const;

/** Active targets by job, read when the metadata cache metrics are collected. */
export type TargetsGatherer = () => ReadonlyMap<string, readonly Target[]>;

/** prometheus_target_metadata_cache_{entries,bytes}: per job, summed over its active targets. */
class MetadataCacheCollector implements Collector {
  gatherer: TargetsGatherer | null = null;

  collect(): MetricFamily[] {
    if (this.gatherer === null) return [];
    const entries: MetricFamily = {
      name: 'prometheus_target_metadata_cache_entries',
      help: 'Total number of metric metadata entries in the cache',
      type: 'gauge',
      samples: [],
    };
    const bytes: MetricFamily = {
      name: 'prometheus_target_metadata_cache_bytes',
      help: 'The number of bytes that are currently used for storing metric metadata in the cache',
      type: 'gauge',
      samples: [],
    };
    for (const [job, targets] of this.gatherer()) {
      let n = 0;
      let size = 0;
      for (const t of targets) {
        for (const m of t.listMetadata()) {
          n++;
          size += Buffer.byteLength(m.help) + Buffer.byteLength(m.unit) + Buffer.byteLength(m.type);
        }
      }
      entries.samples.push({ suffix: '', labels: [['scrape_job', job]], value: n });
      bytes.samples.push({ suffix: '', labels: [['scrape_job', job]], value: size });
    }
    return [entries, bytes];
  }
}

export class ScrapeMetrics {
  // Manager.
  readonly metadataCache = new MetadataCacheCollector();
  readonly scrapePools = new Counter({ name: 'prometheus_target_scrape_pools_total', help: 'Total number of scrape pool creation attempts.' });
  readonly scrapePoolsFailed = new Counter({
    name: 'prometheus_target_scrape_pools_failed_total',
    help: 'Total number of scrape pool creations that failed.',
  });
  // Pools.
  readonly reloadIntervalLength = new Summary({
    name: 'prometheus_target_reload_length_seconds',
    help: 'Actual interval to reload the scrape pool with a given configuration.',
    labelNames: INTERVAL,
    quantiles: QUANTILES,
  });
  readonly poolReloads = new Counter({ name: 'prometheus_target_scrape_pool_reloads_total', help: 'Total number of scrape pool reloads.' });
  readonly poolReloadsFailed = new Counter({
    name: 'prometheus_target_scrape_pool_reloads_failed_total',
    help: 'Total number of failed scrape pool reloads.',
  });
  readonly poolSyncs = new Counter({
    name: 'prometheus_target_scrape_pool_sync_total',
    help: 'Total number of syncs that were executed on a scrape pool.',
    labelNames: JOB,
  });
  readonly poolExceededTargetLimit = new Counter({
    name: 'prometheus_target_scrape_pool_exceeded_target_limit_total',
    help: 'Total number of times scrape pools hit the target limit, during sync or config reload.',
  });
  readonly poolTargetLimit = new Gauge({
    name: 'prometheus_target_scrape_pool_target_limit',
    help: 'Maximum number of targets allowed in this scrape pool.',
    labelNames: JOB,
  });
  readonly poolTargets = new Gauge({
    name: 'prometheus_target_scrape_pool_targets',
    help: 'Current number of targets in this scrape pool.',
    labelNames: JOB,
  });
  readonly syncLength = new Summary({
    name: 'prometheus_target_sync_length_seconds',
    help: 'Actual interval to sync the scrape pool.',
    labelNames: JOB,
    quantiles: QUANTILES,
  });
  readonly syncLengthHistogram = new Histogram({
    name: 'prometheus_target_sync_length_histogram_seconds',
    help: 'Actual interval to sync the scrape pool.',
    labelNames: JOB,
    buckets: LENGTH_BUCKETS,
  });
  readonly syncFailed = new Counter({
    name: 'prometheus_target_sync_failed_total',
    help: 'Total number of target sync failures.',
    labelNames: JOB,
  });
  // Scraper and cache.
  readonly exceededBodySizeLimit = new Counter({
    name: 'prometheus_target_scrapes_exceeded_body_size_limit_total',
    help: 'Total number of scrapes that hit the body size limit',
  });
  readonly cacheFlushForced = new Counter({
    name: 'prometheus_target_scrapes_cache_flush_forced_total',
    help: 'How many times a scrape cache was flushed due to getting big while scrapes are failing.',
  });
  // Loops.
  readonly intervalLength = new Summary({
    name: 'prometheus_target_interval_length_seconds',
    help: 'Actual intervals between scrapes.',
    labelNames: INTERVAL,
    quantiles: QUANTILES,
  });
  readonly intervalLengthHistogram = new Histogram({
    name: 'prometheus_target_interval_length_histogram_seconds',
    help: 'Actual intervals between scrapes.',
    labelNames: INTERVAL,
    buckets: LENGTH_BUCKETS,
  });
  readonly exceededSampleLimit = new Counter({
    name: 'prometheus_target_scrapes_exceeded_sample_limit_total',
    help: 'Total number of scrapes that hit the sample limit and were rejected.',
  });
  readonly sampleDuplicate = new Counter({
    name: 'prometheus_target_scrapes_sample_duplicate_timestamp_total',
    help: 'Total number of samples rejected due to duplicate timestamps but different values.',
  });
  readonly sampleOutOfOrder = new Counter({
    name: 'prometheus_target_scrapes_sample_out_of_order_total',
    help: 'Total number of samples rejected due to not being out of the expected order.',
  });
  readonly sampleOutOfBounds = new Counter({
    name: 'prometheus_target_scrapes_sample_out_of_bounds_total',
    help: 'Total number of samples rejected due to timestamp falling outside of the time bounds.',
  });
  readonly exemplarOutOfOrder = new Counter({
    name: 'prometheus_target_scrapes_exemplar_out_of_order_total',
    help: 'Total number of exemplar rejected due to not being out of the expected order.',
  });
  readonly poolExceededLabelLimits = new Counter({
    name: 'prometheus_target_scrape_pool_exceeded_label_limits_total',
    help: 'Total number of times scrape pools hit the label limits, during sync or config reload.',
  });
  readonly exceededNativeHistogramBucketLimit = new Counter({
    name: 'prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total',
    help: 'Total number of scrapes that hit the native histogram bucket limit and were rejected.',
  });
  readonly scrapeDuration = new Histogram({
    name: 'prometheus_target_scrape_duration_seconds',
    help: 'Total duration of the scrape from start to commit completion in seconds.',
  });

  /** Registers every metric on r (in upstream's order). */
  register(r: Registry): this {
    for (const c of this.collectors()) r.register(c);
    return this;
  }

  /** Where the metadata cache metrics read the active targets from (the manager). */
  setTargetsGatherer(g: TargetsGatherer): void {
    this.metadataCache.gatherer = g;
  }

  /** Drops the per-job series of a pool that was stopped. */
  deletePool(job: string): void {
    for (const m of [this.poolSyncs, this.poolTargetLimit, this.poolTargets, this.syncLength, this.syncLengthHistogram, this.syncFailed]) m.remove(job);
  }

  private collectors(): Collector[] {
    return [
      this.metadataCache,
      this.scrapePools,
      this.scrapePoolsFailed,
      this.reloadIntervalLength,
      this.poolReloads,
      this.poolReloadsFailed,
      this.syncLength,
      this.syncLengthHistogram,
      this.poolSyncs,
      this.poolExceededTargetLimit,
      this.poolTargetLimit,
      this.poolTargets,
      this.syncFailed,
      this.exceededBodySizeLimit,
      this.cacheFlushForced,
      this.intervalLength,
      this.intervalLengthHistogram,
      this.exceededSampleLimit,
      this.sampleDuplicate,
      this.sampleOutOfOrder,
      this.sampleOutOfBounds,
      this.exemplarOutOfOrder,
      this.poolExceededLabelLimits,
      this.exceededNativeHistogramBucketLimit,
      this.scrapeDuration,
    ];
  }
}

/** Go's time.Duration.String() of a whole number of milliseconds: "15s", "1m0s", "1.5s", "500ms", "1h0m0s". */
export function goDurationString(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) out = `${trimFraction(rest)}ms`;
  else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = `${trimFraction(rest / 1000)}s`;
    out = h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s;
  }
  return neg ? `-${out}` : out;
}

function trimFraction(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}
