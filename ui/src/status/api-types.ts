/** The shapes of the Prometheus API v1 answers the status pages read (upstream's JSON). */

export type Labels = Record<string, string>;

export interface Target {
  discoveredLabels: Labels;
  labels: Labels;
  scrapePool: string;
  scrapeUrl: string;
  globalUrl: string;
  lastError: string;
  lastScrape: string;
  /** Seconds. */
  lastScrapeDuration: number;
  health: string;
  scrapeInterval: string;
  scrapeTimeout: string;
}

export interface DroppedTarget {
  discoveredLabels: Labels;
  scrapePool: string;
}

export interface TargetsResult {
  activeTargets: Target[];
  droppedTargets: DroppedTarget[];
  droppedTargetCounts: Record<string, number> | null;
}

export interface ScrapePoolsResult {
  scrapePools: string[];
}

export interface Alert {
  labels: Labels;
  annotations: Labels;
  state: string;
  activeAt: string;
  keepFiringSince?: string;
  value: string;
}

interface CommonRuleFields {
  name: string;
  query: string;
  /** Seconds (a number; upstream's UI also accepts a string). */
  evaluationTime: number | string;
  health: string;
  lastError?: string;
  lastEvaluation: string;
}

export interface AlertingRule extends CommonRuleFields {
  type: 'alerting';
  labels: Labels;
  annotations: Labels;
  /** Seconds. */
  duration: number;
  keepFiringFor: number;
  state: string;
  alerts: Alert[] | null;
}

export interface RecordingRule extends CommonRuleFields {
  type: 'recording';
  labels?: Labels;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup<R extends Rule = Rule> {
  name: string;
  file: string;
  interval: number | string;
  limit?: number;
  rules: R[];
  evaluationTime: number | string;
  lastEvaluation: string;
}

export interface RulesResult<R extends Rule = Rule> {
  groups: RuleGroup<R>[];
  groupNextToken?: string;
}

export interface TsdbStat {
  name: string;
  value: number;
}

export interface TsdbStatusResult {
  headStats: { numSeries: number; numLabelPairs: number; chunkCount: number; minTime: number; maxTime: number };
  seriesCountByMetricName: TsdbStat[];
  labelValueCountByLabelName: TsdbStat[];
  memoryInBytesByLabelName: TsdbStat[];
  seriesCountByLabelValuePair: TsdbStat[];
}
