/**
 * The synthetic series of every scrape (upstream report / reportStale): up,
 * scrape_duration_seconds, scrape_samples_scraped, scrape_samples_post_metric_relabeling,
 * scrape_series_added, and with extra_scrape_metrics scrape_timeout_seconds,
 * scrape_sample_limit and scrape_body_size_bytes; labelled with the target's labels.
 */
import { Labels } from '../model/labels/index.js';
import { StaleNaN } from '../model/value/index.js';
import { type Appender, DuplicateSampleForTimestampError, OutOfOrderSampleError } from '../storage/index.js';
import { mutateReportSampleLabels } from './sample-labels.js';
import { newCacheEntry, type ScrapeCache } from './scrape-cache.js';

export interface ReportValues {
  up: number;
  duration: number;
  scraped: number;
  postRelabel: number;
  seriesAdded: number;
  timeout: number;
  sampleLimit: number;
  bodySize: number;
}

const BASE = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added'] as const;
const EXTRA = ['scrape_timeout_seconds', 'scrape_sample_limit', 'scrape_body_size_bytes'] as const;

function addReportSample(app: Appender, cache: ScrapeCache, target: Labels, name: string, t: number, v: number): void {
  const ce = cache.report.get(name);
  const lset = ce?.lset ?? mutateReportSampleLabels(Labels.fromSortedPairs(['__name__', name]), target);
  try {
    const ref = app.append(ce?.ref ?? 0, lset, t, v);
    if (ce === undefined) cache.report.set(name, newCacheEntry(name, ref, lset, cache.iter));
    else ce.ref = ref;
  } catch (e) {
    if (e instanceof OutOfOrderSampleError || e instanceof DuplicateSampleForTimestampError) return;
    throw e;
  }
}

/** Appends the report of one scrape at t; throws on a storage error other than out-of-order/duplicate. */
export function appendReport(app: Appender, cache: ScrapeCache, target: Labels, t: number, r: ReportValues, extra: boolean): void {
  const vals = [r.up, r.duration, r.scraped, r.postRelabel, r.seriesAdded];
  for (let i = 0; i < BASE.length; i++) addReportSample(app, cache, target, BASE[i] as string, t, vals[i] as number);
  if (!extra) return;
  const ev = [r.timeout, r.sampleLimit, r.bodySize];
  for (let i = 0; i < EXTRA.length; i++) addReportSample(app, cache, target, EXTRA[i] as string, t, ev[i] as number);
}

/** Stale markers for the synthetic series, when the target went away. */
export function appendReportStale(app: Appender, cache: ScrapeCache, target: Labels, t: number, extra: boolean): void {
  for (const n of BASE) addReportSample(app, cache, target, n, t, StaleNaN);
  if (extra) for (const n of EXTRA) addReportSample(app, cache, target, n, t, StaleNaN);
}
