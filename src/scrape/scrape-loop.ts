/**
 * The scrape loop of one target (upstream scrapeLoop): waits for the target's offset, then
 * scrapes on a fixed tick (missed ticks collapse into one, timestamps aligned within 2 ms),
 * appends samples and the report in one appender per scrape, and after the loop stops writes
 * stale markers for everything the target exposed, two intervals later, unless the pool shut
 * down (a restart is presumed) or a successor loop took over its cache.
 */
import type { Labels } from '../model/labels/index.js';
import type { Appendable, Appender } from '../storage/index.js';
import { type ScrapeClock, type ScrapeLogger, sleep } from './logger.js';
import { appendScrape, type AppendResult } from './scrape-append.js';
import type { ScrapeCache } from './scrape-cache.js';
import type { ResolvedScrapeConfig } from './scrape-config.js';
import { appendReport, appendReportStale } from './scrape-report.js';
import { LabelLimitError, mutateSampleLabels } from './sample-labels.js';
import { goDurationString, type ScrapeMetrics } from './metrics.js';
import type { CounterChild, HistogramChild, SummaryChild } from '../instrument/index.js';
import type { Target } from './target.js';
import { BodySizeLimitError, type ScrapeResult, type TargetScraper } from './target-scraper.js';
import { fallbackMediaType } from './accept-header.js';

export interface ScrapeLoopOptions {
  target: Target;
  scraper: TargetScraper;
  cache: ScrapeCache;
  interval: number;
  timeout: number;
  config: ResolvedScrapeConfig;
  appendable: Appendable;
  offsetSeed: bigint;
  /** Aborted when the pool stops: no end-of-run stale markers then, and in-flight scrapes end. */
  poolSignal: AbortSignal;
  logger: ScrapeLogger;
  clock: ScrapeClock;
  metrics: ScrapeMetrics;
  /** Start at once instead of at the target's offset (tests). */
  skipOffset?: boolean;
}

/** Scrape timestamps within this of the tick are aligned to it (upstream ScrapeTimestampTolerance). */
const TIMESTAMP_TOLERANCE = 2;

const EMPTY = new Uint8Array(0);

export class ScrapeLoop {
  private readonly o: ScrapeLoopOptions;
  private readonly loopAbort = new AbortController();
  private forcedErr: Error | null = null;
  private endOfRunDisabled = false;
  private running: Promise<void> | null = null;
  private endOfRun: Promise<void> | null = null;
  private readonly targetLabels: Labels;
  private staleOnStop = false;
  /** The parser's copy of the body, reused from scrape to scrape (scrapes of a loop never overlap). */
  private readonly scratch = { buf: new Uint8Array(0) };
  /** Start of the previous scrape (0 before the first), for the interval length metrics. */
  private lastStart = 0;
  /** The metric children a scrape updates, looked up once. */
  private readonly m: {
    intervalLength: SummaryChild;
    intervalLengthHistogram: HistogramChild;
    sampleLimit: CounterChild;
    bodySizeLimit: CounterChild;
    labelLimits: CounterChild;
    outOfOrder: CounterChild;
    duplicate: CounterChild;
    outOfBounds: CounterChild;
    duration: HistogramChild;
  };

  constructor(o: ScrapeLoopOptions) {
    this.o = o;
    this.targetLabels = o.target.publicLabels();
    o.target.setMetadataStore(o.cache);
    o.target.interval = o.interval;
    o.target.timeout = o.timeout;
    const m = o.metrics;
    const iv = goDurationString(o.interval);
    this.m = {
      intervalLength: m.intervalLength.labels(iv),
      intervalLengthHistogram: m.intervalLengthHistogram.labels(iv),
      sampleLimit: m.exceededSampleLimit.labels(),
      bodySizeLimit: m.exceededBodySizeLimit.labels(),
      labelLimits: m.poolExceededLabelLimits.labels(),
      outOfOrder: m.sampleOutOfOrder.labels(),
      duplicate: m.sampleDuplicate.labels(),
      outOfBounds: m.sampleOutOfBounds.labels(),
      duration: m.scrapeDuration.labels(),
    };
  }

  get cache(): ScrapeCache {
    return this.o.cache;
  }

  setForcedError(err: Error | null): void {
    this.forcedErr = err;
  }

  disableEndOfRunStalenessMarkers(): void {
    this.endOfRunDisabled = true;
  }

  run(): void {
    this.running ??= this.loop().catch((e: unknown) => {
      this.o.logger.error('Scrape loop failed', { target: this.o.scraper.url, err: String(e) });
    });
  }

  /**
   * Stops scraping and resolves once the scrape in flight is done. End-of-run stale markers
   * follow in the background (see settled()); with staleNow they are written at once instead.
   */
  async stop(opts: { staleNow?: boolean } = {}): Promise<void> {
    this.staleOnStop = opts.staleNow === true;
    this.loopAbort.abort();
    await this.running;
  }

  /** Resolves when nothing of this loop is pending (end-of-run staleness included). */
  async settled(): Promise<void> {
    await this.running;
    await this.endOfRun;
  }

  private async loop(): Promise<void> {
    const { interval, clock } = this.o;
    const signal = this.loopAbort.signal;
    let last = 0;
    let nextTick = 0;
    try {
      const offset = this.o.skipOffset ? 0 : this.o.target.offset(interval, this.o.offsetSeed, clock.now());
      if (offset > 0 && !(await sleep(offset, signal))) return;
      let tickBase = clock.now();
      let aligned = tickBase;
      nextTick = tickBase + interval;
      while (!signal.aborted) {
        let scrapeTime = clock.now();
        const tolerance = Math.min(interval / 100, TIMESTAMP_TOLERANCE);
        while (scrapeTime - aligned >= interval) aligned += interval;
        if (scrapeTime - aligned <= tolerance) scrapeTime = aligned;
        last = await this.scrapeAndReport(scrapeTime);
        if (signal.aborted) break;
        const now = clock.now();
        if (nextTick <= now) {
          // Ticks passed during the scrape: one is pending, the rest were dropped.
          tickBase = nextTick;
          nextTick = tickBase + Math.floor((now - tickBase) / interval + 1) * interval;
          continue;
        }
        if (!(await sleep(nextTick - now, signal))) break;
        nextTick += interval;
      }
    } finally {
      if (this.staleOnStop && !this.endOfRunDisabled && last !== 0) {
        await this.writeEndOfRunStale(this.o.clock.now());
      } else if (!this.o.poolSignal.aborted && !this.endOfRunDisabled && last !== 0) {
        this.endOfRun = this.endOfRunStaleness(nextTick === 0 ? this.o.clock.now() + interval : nextTick);
      }
    }
  }

  private async endOfRunStaleness(staleTime: number): Promise<void> {
    const { interval, clock, poolSignal } = this.o;
    const wait = staleTime - clock.now() + interval + interval / 10;
    if (!(await sleep(wait, poolSignal))) return;
    if (this.endOfRunDisabled) return;
    await this.writeEndOfRunStale(staleTime);
  }

  private async writeEndOfRunStale(t: number): Promise<void> {
    let app = this.o.appendable.appender();
    const r = await appendScrape(app, EMPTY, '', t, this.appendOptions());
    if (r.err !== null) {
      app.rollback();
      app = this.o.appendable.appender();
      this.o.logger.warn('Stale append failed', { target: this.o.scraper.url, err: r.err.message });
    }
    try {
      appendReportStale(app, this.o.cache, this.targetLabels, t, this.o.config.extraScrapeMetrics);
      await app.commit();
    } catch (e) {
      this.o.logger.warn('Stale commit failed', { target: this.o.scraper.url, err: String(e) });
    }
  }

  private appendOptions(): Parameters<typeof appendScrape>[4] {
    const c = this.o.config;
    const target = this.targetLabels;
    return {
      cache: this.o.cache,
      scratch: this.scratch,
      honorTimestamps: c.honorTimestamps,
      trackTimestampsStaleness: c.trackTimestampsStaleness,
      sampleLimit: c.sampleLimit,
      labelLimits: {
        labelLimit: c.labelLimit,
        labelNameLengthLimit: c.labelNameLengthLimit,
        labelValueLengthLimit: c.labelValueLengthLimit,
      },
      validationScheme: c.validationScheme,
      fallbackMediaType: fallbackMediaType(c.fallbackProtocol),
      sampleMutator: (l) => mutateSampleLabels(l, target, c.honorLabels, c.metricRelabelConfigs),
      onAppendErrors: (ooo, dup, oob) => this.logAppendErrors(ooo, dup, oob),
      now: this.o.clock.now(),
    };
  }

  private logAppendErrors(ooo: number, dup: number, oob: number): void {
    if (ooo > 0) this.m.outOfOrder.inc(ooo);
    if (dup > 0) this.m.duplicate.inc(dup);
    if (oob > 0) this.m.outOfBounds.inc(oob);
    const l = this.o.logger;
    const target = this.o.scraper.url;
    if (ooo > 0) l.warn('Error on ingesting out-of-order samples', { target, num_dropped: ooo });
    if (dup > 0) l.warn('Error on ingesting samples with different value but same timestamp', { target, num_dropped: dup });
    if (oob > 0) l.warn('Error on ingesting samples that are too old or are too far into the future', { target, num_dropped: oob });
  }

  /** One scrape: fetch, append, report, commit. Returns its start time. */
  async scrapeAndReport(appendTime: number): Promise<number> {
    const { clock, logger } = this.o;
    const start = clock.now();
    if (this.lastStart !== 0) {
      const since = (start - this.lastStart) / 1000;
      this.m.intervalLength.observe(since);
      this.m.intervalLengthHistogram.observe(since);
    }
    this.lastStart = start;
    let app: Appender = this.o.appendable.appender();
    let scrapeErr: Error | null = this.forcedErr;
    let bytes = 0;
    let result: ScrapeResult | null = null;
    if (scrapeErr === null) {
      try {
        result = await this.o.scraper.scrape(this.o.poolSignal);
        bytes = result.body.length;
      } catch (e) {
        scrapeErr = e instanceof Error ? e : new Error(String(e));
        if (e instanceof BodySizeLimitError) {
          bytes = -1;
          this.m.bodySizeLimit.inc();
        }
        logger.debug?.('Scrape failed', { target: this.o.scraper.url, err: scrapeErr.message });
      }
    }
    const opts = this.appendOptions();
    const r: AppendResult = await appendScrape(app, result?.body ?? EMPTY, result?.contentType ?? '', appendTime, opts);
    if (r.sampleLimitExceeded) this.m.sampleLimit.inc();
    if (r.err instanceof LabelLimitError) this.m.labelLimits.inc();
    if (r.err !== null) {
      app.rollback();
      app = this.o.appendable.appender();
      logger.debug?.('Append failed', { target: this.o.scraper.url, err: r.err.message });
      const stale = await appendScrape(app, EMPTY, '', appendTime, opts);
      if (stale.err !== null) {
        app.rollback();
        app = this.o.appendable.appender();
        logger.warn('Append failed', { target: this.o.scraper.url, err: stale.err.message });
      }
      scrapeErr ??= r.err;
    }
    const duration = clock.now() - start;
    this.o.target.report(appendTime, duration, scrapeErr);
    try {
      appendReport(app, this.o.cache, this.targetLabels, appendTime, {
        up: scrapeErr === null ? 1 : 0,
        duration: duration / 1000,
        scraped: r.total,
        postRelabel: r.added,
        seriesAdded: r.seriesAdded,
        timeout: this.o.timeout / 1000,
        sampleLimit: this.o.config.sampleLimit,
        bodySize: bytes,
      }, this.o.config.extraScrapeMetrics);
    } catch (e) {
      app.rollback();
      logger.warn('Appending scrape report failed', { target: this.o.scraper.url, err: String(e) });
      return start;
    }
    try {
      await app.commit();
    } catch (e) {
      logger.error('Scrape commit failed', { target: this.o.scraper.url, err: String(e) });
    }
    this.m.duration.observe((clock.now() - start) / 1000);
    return start;
  }
}
