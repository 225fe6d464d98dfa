/**
 * A scrape target (upstream scrape.Target): its final labels, the discovered labels it was built
 * from, and the state of its last scrape, read by the targets API.
 */
import { goQuote } from '../model/strconv/index.js';
import { Labels } from '../model/labels/index.js';
import { parseModelDuration } from './duration.js';
import { populateDiscoveredLabels } from './populate-labels.js';
import type { ResolvedScrapeConfig } from './scrape-config.js';
import { scrapeOffset, targetHash } from './target-hash.js';
import { targetURL } from './target-url.js';

export type TargetHealth = 'unknown' | 'up' | 'down';

/** Metadata of one metric family as the target exposed it. */
export interface MetricMetadata {
  metricFamily: string;
  type: string;
  help: string;
  unit: string;
}

/** Where a target's metadata lives (its scrape cache). */
export interface MetadataStore {
  listMetadata(): MetricMetadata[];
  getMetadata(family: string): MetricMetadata | null;
}

export class Target {
  /** All labels incl. the reserved __address__, __scheme__, ... (empty for a dropped target). */
  readonly labels: Labels;
  private config: ResolvedScrapeConfig;
  private tLabels: Labels;
  private tgLabels: Labels;
  private cachedURL: string | undefined;
  private cachedHash: bigint | undefined;

  health: TargetHealth = 'unknown';
  /** The error of the last scrape, or null. */
  lastError: Error | null = null;
  /** Start of the last scrape (ms since epoch), 0 before the first. */
  lastScrape = 0;
  /** Duration of the last scrape in ms. */
  lastScrapeDuration = 0;
  /** Interval and timeout the scrape loop uses (ms). */
  interval = 0;
  timeout = 0;
  private metadata: MetadataStore | null = null;

  constructor(labels: Labels, config: ResolvedScrapeConfig, tLabels: Labels, tgLabels: Labels) {
    this.labels = labels;
    this.config = config;
    this.tLabels = tLabels;
    this.tgLabels = tgLabels;
  }

  /** The scrape URL. */
  url(): string {
    if (this.cachedURL === undefined) this.cachedURL = targetURL(this.labels, this.config.params);
    return this.cachedURL;
  }

  toString(): string {
    return this.url();
  }

  /** Identity of the target within its pool (labels + URL). */
  hash(): bigint {
    if (this.cachedHash === undefined) this.cachedHash = targetHash(this.labels, this.url());
    return this.cachedHash;
  }

  /** ms until the first scrape, spread over the interval by the target's hash. */
  offset(intervalMs: number, seed: bigint, nowMs: number = Date.now()): number {
    return scrapeOffset(this.hash(), intervalMs, seed, nowMs);
  }

  /** The labels added to every sample: the target labels without reserved `__` ones. */
  publicLabels(): Labels {
    const out: string[] = [];
    const p = this.labels.pairs;
    for (let i = 0; i < p.length; i += 2) {
      if (!(p[i] as string).startsWith('__')) out.push(p[i] as string, p[i + 1] as string);
    }
    return out.length === p.length ? this.labels : Labels.fromSortedPairs(out);
  }

  /** The labels before relabeling (target + group labels + config defaults). */
  discoveredLabels(): Labels {
    return populateDiscoveredLabels(this.config, this.tLabels, this.tgLabels).labels();
  }

  get scrapeConfig(): ResolvedScrapeConfig {
    return this.config;
  }

  /** The discovered target labels and group labels this target was built from. */
  get sourceLabels(): { target: Labels; group: Labels } {
    return { target: this.tLabels, group: this.tgLabels };
  }

  /** Keeps the newest config and discovered labels for display (upstream SetScrapeConfig). */
  setScrapeConfig(config: ResolvedScrapeConfig, tLabels: Labels, tgLabels: Labels): void {
    if (config.params !== this.config.params) {
      this.cachedURL = undefined;
      this.cachedHash = undefined;
    }
    this.config = config;
    this.tLabels = tLabels;
    this.tgLabels = tgLabels;
  }

  /** Records the outcome of a scrape. */
  report(start: number, durationMs: number, err: Error | null): void {
    this.health = err === null ? 'up' : 'down';
    this.lastError = err;
    this.lastScrape = start;
    this.lastScrapeDuration = durationMs;
  }

  /** Interval and timeout from the target's labels; the defaults and an error if unparsable. */
  intervalAndTimeout(defInterval: number, defTimeout: number): { interval: number; timeout: number; err: Error | null } {
    const il = this.labels.get('__scrape_interval__');
    let interval: number;
    try {
      interval = parseModelDuration(il);
    } catch (e) {
      return { interval: defInterval, timeout: defTimeout, err: new Error(`error parsing interval label ${goQuote(il)}: ${errText(e)}`) };
    }
    const tl = this.labels.get('__scrape_timeout__');
    let timeout: number;
    try {
      timeout = parseModelDuration(tl);
    } catch (e) {
      return { interval: defInterval, timeout: defTimeout, err: new Error(`error parsing timeout label ${goQuote(tl)}: ${errText(e)}`) };
    }
    return { interval, timeout, err: null };
  }

  /** A boolean target label (e.g. __scrape_native_histograms__), or def when unset or invalid. */
  boolLabel(name: string, def: boolean): boolean {
    const v = this.labels.get(name);
    if (v === '') return def;
    const b = parseGoBool(v);
    return b ?? def;
  }

  setMetadataStore(s: MetadataStore): void {
    this.metadata = s;
  }

  listMetadata(): MetricMetadata[] {
    return this.metadata?.listMetadata() ?? [];
  }

  getMetadata(family: string): MetricMetadata | null {
    return this.metadata?.getMetadata(family) ?? null;
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** strconv.ParseBool; null when invalid. */
export function parseGoBool(v: string): boolean | null {
  switch (v) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
    default:
      return null;
  }
}
