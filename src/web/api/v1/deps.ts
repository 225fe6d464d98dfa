/**
 * What the HTTP API v1 needs from the rest of the server (Prometheus web/api/v1 API's
 * retrievers), as small interfaces the server wires to the real scrape manager, rule manager,
 * notifier and TSDB. Every provider but the queryable and the engine is optional: an endpoint
 * whose provider is missing answers as upstream does when it has nothing to report.
 */
import type { Labels, Matcher } from '../../../model/labels/index.js';
import type { RelabelConfig } from '../../../model/relabel/index.js';
import type { Queryable } from '../../../storage/index.js';
import type { Expr } from '../../../promql/parser/index.js';
import type { Annotations, Value } from '../../../promql/value/index.js';

/** The part of a PromQL query the API drives (src/promql/engine Query). */
export interface ApiQuery {
  exec(signal?: AbortSignal): Promise<{ value: Value | null; warnings: Annotations; err: Error | null }>;
  close(): void;
}

/** The engine (src/promql/engine Engine). Times and durations in ms. Parse errors are thrown. */
export interface QueryEngine {
  newInstantQuery(q: Queryable, qs: string | Expr, ts: number, opts?: { lookbackDelta?: number }): ApiQuery;
  newRangeQuery(
    q: Queryable,
    qs: string | Expr,
    start: number,
    end: number,
    step: number,
    opts?: { lookbackDelta?: number },
  ): ApiQuery;
}

export type TargetHealth = 'up' | 'down' | 'unknown';

/** Metadata of one metric family as a target exposed it (scrape.MetricMetadata). */
export interface MetricMetadata {
  metricFamily: string;
  /** counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown. */
  type: string;
  help: string;
  unit: string;
}

/** One active target (scrape.Target as the API reads it). */
export interface ActiveTarget {
  discoveredLabels: Labels;
  labels: Labels;
  scrapeUrl: string;
  /** The URL with localhost replaced by the external host (getGlobalURL); defaults to scrapeUrl. */
  globalUrl?: string;
  lastError: string;
  /** Start of the last scrape in ms since the epoch; null when never scraped. */
  lastScrape: number | null;
  /** Seconds. */
  lastScrapeDuration: number;
  health: TargetHealth;
  /** The __scrape_interval__ / __scrape_timeout__ values, e.g. "15s". */
  scrapeInterval: string;
  scrapeTimeout: string;
  /** The target's metadata cache; absent: none. */
  listMetadata?(): MetricMetadata[];
  getMetadata?(metric: string): MetricMetadata | undefined;
}

export interface DroppedTarget {
  discoveredLabels: Labels;
}

/** Scrape manager view (TargetRetriever). Keys are scrape pool (job) names. */
export interface TargetsProvider {
  targetsActive(): ReadonlyMap<string, readonly ActiveTarget[]>;
  targetsDropped(): ReadonlyMap<string, readonly DroppedTarget[]>;
  targetsDroppedCounts(): Readonly<Record<string, number>>;
  scrapePools?(): string[];
  /** The relabel_configs of a scrape pool; throws `scrape pool "x" not found` for an unknown one. */
  scrapePoolRelabelConfigs?(pool: string): readonly RelabelConfig[];
}

export interface AlertmanagersProvider {
  alertmanagers(): string[];
  droppedAlertmanagers(): string[];
}

/** One active alert of an alerting rule (rules.Alert). */
// The rule manager's state in API shapes is defined by the rules module (web sits above it).
export type { AlertInfo, AlertingRuleInfo, RecordingRuleInfo, RuleGroupInfo, RuleInfo } from '../../../rules/index.js';
import type { AlertInfo, RuleGroupInfo } from '../../../rules/index.js';

/** Rule manager view (RulesRetriever). */
export interface RulesProvider {
  ruleGroups(): RuleGroupInfo[];
}

/** The `data` of /status/buildinfo (PrometheusVersion). */
export interface BuildInfo {
  version: string;
  revision: string;
  branch: string;
  buildUser: string;
  buildDate: string;
  goVersion: string;
}

/** The `data` of /status/runtimeinfo. Times in ms since the epoch. */
export interface RuntimeInfo {
  startTime: number;
  CWD: string;
  hostname: string;
  serverTime: number;
  reloadConfigSuccess: boolean;
  lastConfigTime: number;
  corruptionCount: number;
  goroutineCount: number;
  GOMAXPROCS: number;
  GOMEMLIMIT: number;
  GOGC: string;
  GODEBUG: string;
  storageRetention: string;
}

export interface TsdbStat {
  name: string;
  value: number;
}

/** tsdb.Stats as /status/tsdb shows it. */
export interface TsdbStatus {
  headStats: { numSeries: number; numLabelPairs: number; chunkCount: number; minTime: number; maxTime: number };
  seriesCountByMetricName: TsdbStat[];
  labelValueCountByLabelName: TsdbStat[];
  memoryInBytesByLabelName: TsdbStat[];
  seriesCountByLabelValuePair: TsdbStat[];
}

export interface WalReplayStatus {
  min: number;
  max: number;
  current: number;
}

/** TSDB statistics and admin operations (TSDBAdminStats). Times in ms. */
export interface TsdbAdmin {
  stats(limit: number): TsdbStatus | Promise<TsdbStatus>;
  walReplayStatus(): WalReplayStatus;
  deleteSeries(mint: number, maxt: number, matchers: Matcher[]): Promise<void>;
  cleanTombstones(): Promise<void>;
  /** Writes a snapshot into dir (created by the API under <dbDir>/snapshots). */
  snapshot(dir: string, withHead: boolean): Promise<void>;
}

/** One exemplar (exemplar.Exemplar). */
export interface Exemplar {
  labels: Labels;
  value: number;
  /** ms since the epoch. */
  ts: number;
}

export interface ExemplarQueryable {
  select(mint: number, maxt: number, matcherSets: Matcher[][]): Promise<{ seriesLabels: Labels; exemplars: Exemplar[] }[]>;
}

export interface ApiV1Deps {
  queryable: Queryable;
  engine: QueryEngine;
  /** The clock (ms since the epoch); default Date.now. */
  now?: () => number;
  targets?: TargetsProvider;
  /** The feature registry of GET /api/v1/features: category -> feature -> enabled. */
  features?: () => Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  alertmanagers?: AlertmanagersProvider;
  rules?: RulesProvider;
  /** The loaded configuration as YAML (config.Config.String()). */
  config?: () => string;
  flags?: Readonly<Record<string, string>>;
  runtimeInfo?: () => RuntimeInfo;
  buildInfo?: BuildInfo;
  tsdb?: TsdbAdmin;
  /** TSDB directory; snapshots go to <dbDir>/snapshots/<name>. */
  dbDir?: string;
  /** --web.enable-admin-api. */
  enableAdminApi?: boolean;
  exemplars?: ExemplarQueryable;
  /** --web.cors.origin as an anchored regex; default matches everything (`.*`). */
  corsOrigin?: RegExp;
  /** --query.max-concurrency: queries evaluated at once; more wait in line. Default 20. */
  maxConcurrency?: number;
  /** When it returns false the API answers 503 "Service Unavailable" (web.go's ready gate). */
  ready?: () => boolean;
  /** Prometheus Agent mode: query endpoints answer "unavailable with Prometheus Agent". */
  isAgent?: boolean;
}
