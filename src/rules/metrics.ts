/**
 * The prometheus_rule_* metrics of the rule manager (rules.Metrics): per-group counters and
 * gauges labeled rule_group="<file>;<group name>", and the summaries of rule and group
 * evaluation durations.
 */
import { Counter, Gauge, Histogram, Summary, type MetricFamily, type Registry } from '../instrument/index.js';

const RULE_GROUP = ['rule_group'] as const;
/** The classic buckets of upstream's duration histograms (which are native ones as well). */
const DURATION_BUCKETS = [0.01, 0.1, 1, 10] as const;

/** The rule_group label value of a group (rules.GroupKey). */
export function groupKey(file: string, name: string): string {
  return `${file};${name}`;
}

export class RuleMetrics {
  readonly evalDuration = new Summary({
    name: 'prometheus_rule_evaluation_duration_seconds',
    help: 'The duration for a rule to execute.',
    quantiles: [0.5, 0.9, 0.99],
  });
  readonly evalDurationHistogram = new Histogram({
    name: 'prometheus_rule_evaluation_duration_histogram_seconds',
    help: 'The duration for a rule to execute.',
    buckets: DURATION_BUCKETS,
  });
  readonly iterationDurationHistogram = new Histogram({
    name: 'prometheus_rule_group_duration_histogram_seconds',
    help: 'The duration of rule group evaluations.',
    buckets: DURATION_BUCKETS,
  });
  readonly iterationDuration = new Summary({
    name: 'prometheus_rule_group_duration_seconds',
    help: 'The duration of rule group evaluations.',
    quantiles: [0.01, 0.05, 0.5, 0.9, 0.99],
  });
  readonly iterationsMissed = new Counter({
    name: 'prometheus_rule_group_iterations_missed_total',
    help: 'The total number of rule group evaluations missed due to slow rule group evaluation.',
    labelNames: RULE_GROUP,
  });
  readonly iterationsScheduled = new Counter({
    name: 'prometheus_rule_group_iterations_total',
    help: 'The total number of scheduled rule group evaluations, whether executed or missed.',
    labelNames: RULE_GROUP,
  });
  readonly evalTotal = new Counter({
    name: 'prometheus_rule_evaluations_total',
    help: 'The total number of rule evaluations.',
    labelNames: RULE_GROUP,
  });
  readonly evalFailures = new Counter({
    name: 'prometheus_rule_evaluation_failures_total',
    help: 'The total number of rule evaluation failures.',
    labelNames: RULE_GROUP,
  });
  readonly groupInterval = new Gauge({
    name: 'prometheus_rule_group_interval_seconds',
    help: 'The interval of a rule group.',
    labelNames: RULE_GROUP,
  });
  readonly groupLastEvalTime = new Gauge({
    name: 'prometheus_rule_group_last_evaluation_timestamp_seconds',
    help: 'The timestamp of the last rule group evaluation in seconds.',
    labelNames: RULE_GROUP,
  });
  readonly groupLastDuration = new Gauge({
    name: 'prometheus_rule_group_last_duration_seconds',
    help: 'The duration of the last rule group evaluation.',
    labelNames: RULE_GROUP,
  });
  readonly groupLastRuleDurationSum = new Gauge({
    name: 'prometheus_rule_group_last_rule_duration_sum_seconds',
    help:
      'The sum of time in seconds it took to evaluate each rule in the group regardless of concurrency. ' +
      'This should be higher than the group duration if rules are evaluated concurrently.',
    labelNames: RULE_GROUP,
  });
  readonly groupLastRestoreDuration = new Gauge({
    name: 'prometheus_rule_group_last_restore_duration_seconds',
    help: 'The duration of the last alert rules alerts restoration using the `ALERTS_FOR_STATE` series.',
    labelNames: RULE_GROUP,
  });
  readonly groupRules = new Gauge({ name: 'prometheus_rule_group_rules', help: 'The number of rules.', labelNames: RULE_GROUP });
  readonly groupSamples = new Gauge({
    name: 'prometheus_rule_group_last_evaluation_samples',
    help: 'The number of samples returned during the last rule group evaluation.',
    labelNames: RULE_GROUP,
  });

  private all(): (Counter | Gauge | Histogram | Summary)[] {
    return [
      this.evalDuration,
      this.evalDurationHistogram,
      this.iterationDuration,
      this.iterationDurationHistogram,
      this.iterationsMissed,
      this.iterationsScheduled,
      this.evalTotal,
      this.evalFailures,
      this.groupInterval,
      this.groupLastEvalTime,
      this.groupLastDuration,
      this.groupLastRuleDurationSum,
      this.groupLastRestoreDuration,
      this.groupRules,
      this.groupSamples,
    ];
  }

  /** The per-group series, with the group's rule count and interval (ms) set (NewGroup). */
  initGroup(key: string, rules: number, intervalMs: number): void {
    this.iterationsMissed.labels(key);
    this.iterationsScheduled.labels(key);
    this.evalTotal.labels(key);
    this.evalFailures.labels(key);
    this.groupLastEvalTime.labels(key);
    this.groupLastDuration.labels(key);
    this.groupLastRuleDurationSum.labels(key);
    this.groupRules.labels(key).set(rules);
    this.groupSamples.labels(key);
    this.groupInterval.labels(key).set(intervalMs / 1000);
  }

  /** Drops every series of a group that is gone after a reload. */
  deleteGroup(key: string): void {
    for (const m of this.all()) if (m.labelNames.length > 0) m.remove(key);
  }

  /** A rule's evaluation took this long (ms). */
  observeRule(ms: number): void {
    this.evalDuration.observe(ms / 1000);
    this.evalDurationHistogram.observe(ms / 1000);
  }

  /** A group's evaluation took this long (ms). */
  observeGroup(ms: number): void {
    this.iterationDuration.observe(ms / 1000);
    this.iterationDurationHistogram.observe(ms / 1000);
  }

  register(r: Registry): void {
    for (const m of this.all()) r.register(m);
  }

  collect(): MetricFamily[] {
    return this.all().flatMap((m) => m.collect());
  }
}
