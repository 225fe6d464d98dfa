/**
 * A rule group (rules.Group): its rules evaluated in order at consistently slotted times
 * (interval plus a per-group offset from the hash of name and file), results appended through
 * one appender per rule, staleness markers for series that vanish, and the `for` state of
 * alerts restored from ALERTS_FOR_STATE after a restart.
 */
import { Labels } from '../model/labels/index.js';
import { StaleNaN, isStaleNaN } from '../model/value/index.js';
import { ValueType, type Appendable, type Queryable } from '../storage/index.js';
import { AlertingRule, type RuleAlert } from './alerting-rule.js';
import { labelsHash } from '../model/labels/index.js';
import { groupKey, type RuleMetrics } from './metrics.js';
import type { QueryFunc, Rule } from './rule.js';

/** The part of src/log's StructuredLogger the rules use. */
export interface GroupLogger {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** What groups share with the manager. Durations and times in ms. */
export interface GroupDeps {
  appendable: Appendable;
  queryable: Queryable;
  query: QueryFunc;
  clock: () => number;
  logger: GroupLogger;
  outageTolerance: number;
  forGracePeriod: number;
  resendDelay: number;
  metrics: RuleMetrics;
  /** Called after each alerting rule evaluation with the alerts to send (none: not called). */
  sendAlerts: (rule: AlertingRule, alerts: RuleAlert[]) => void;
}

export interface GroupOpts {
  name: string;
  file: string;
  interval: number;
  limit: number;
  queryOffset: number | undefined;
  rules: Rule[];
  shouldRestore: boolean;
}

export class Group {
  readonly name: string;
  readonly file: string;
  readonly interval: number;
  readonly limit: number;
  readonly queryOffsetOpt: number | undefined;
  readonly rules: Rule[];
  shouldRestore: boolean;
  /** Series each rule appended in its last evaluation, by label key. */
  seriesInPreviousEval: Map<string, Labels>[];
  /** Series of rules that are gone, to be marked stale. */
  staleSeries: Labels[] = [];
  /** ms. */
  evaluationTime = 0;
  /** Wall-clock start of the last evaluation, ms. */
  lastEvaluation: number | null = null;
  lastEvalTimestamp: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private iterations = 0;

  constructor(
    o: GroupOpts,
    private readonly deps: GroupDeps,
  ) {
    this.name = o.name;
    this.file = o.file;
    this.interval = o.interval;
    this.limit = o.limit;
    this.queryOffsetOpt = o.queryOffset;
    this.rules = o.rules;
    this.shouldRestore = o.shouldRestore;
    this.seriesInPreviousEval = o.rules.map(() => new Map());
  }

  get queryOffset(): number {
    return this.queryOffsetOpt ?? 0;
  }

  key(): string {
    return groupKey(this.file, this.name);
  }

  /** The slot at or before `now` (ms): multiples of the interval shifted by the group's offset. */
  evalTimestamp(now: number): number {
    // The offset is in nanoseconds upstream; slot times truncated to ms are base + floor(offset).
    const ns = labelsHash(Labels.fromObject({ name: this.name, file: this.file })) % BigInt(Math.max(1, Math.round(this.interval * 1e6)));
    const offset = Math.floor(Number(ns) / 1e6);
    const adj = now - offset;
    const base = adj - (((adj % this.interval) + this.interval) % this.interval);
    return base + offset;
  }

  /** Evaluates every rule in order at slot time ts (ms). */
  async eval(ts: number): Promise<void> {
    const start = this.deps.clock();
    const t0 = performance.now();
    const m = this.deps.metrics;
    const key = this.key();
    let samples = 0;
    for (let i = 0; i < this.rules.length; i++) {
      if (this.stopped) return;
      samples += await this.evalRule(i, this.rules[i] as Rule, ts);
    }
    m.groupSamples.labels(key).set(samples);
    await this.cleanupStaleSeries(ts);
    this.evaluationTime = performance.now() - t0;
    this.lastEvaluation = start;
    this.lastEvalTimestamp = ts;
    m.observeGroup(this.evaluationTime);
    m.groupLastRuleDurationSum.labels(key).set(this.rules.reduce((sum, r) => sum + r.status.evaluationDuration, 0) / 1000);
    m.groupLastDuration.labels(key).set(this.evaluationTime / 1000);
    m.groupLastEvalTime.labels(key).set(start / 1000);
  }

  /** Evaluates one rule; returns the number of samples it produced (0 on failure). */
  private async evalRule(i: number, rule: Rule, ts: number): Promise<number> {
    const start = this.deps.clock();
    const t0 = performance.now();
    try {
      return await this.evalRuleInner(i, rule, ts);
    } finally {
      const took = performance.now() - t0;
      this.deps.metrics.observeRule(took);
      rule.status.evaluationDuration = took;
      rule.status.evaluationTimestamp = start;
    }
  }

  private async evalRuleInner(i: number, rule: Rule, ts: number): Promise<number> {
    const m = this.deps.metrics;
    m.evalTotal.labels(this.key()).inc();
    let vector;
    try {
      vector = await rule.eval({ ts, queryOffset: this.queryOffset, query: this.deps.query, limit: this.limit });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      rule.status.setErr(err);
      m.evalFailures.labels(this.key()).inc();
      this.deps.logger.warn('Evaluating rule failed', { group: this.name, name: rule.name, index: i, err: err.message });
      return 0;
    }
    rule.status.setOk();
    if (rule instanceof AlertingRule) {
      const alerts = rule.alertsToSend(ts, this.deps.resendDelay, this.interval);
      if (alerts.length > 0) this.deps.sendAlerts(rule, alerts);
    }
    const app = this.deps.appendable.appender();
    const returned = new Map<string, Labels>();
    for (const s of vector) {
      try {
        if (s.h !== null) app.appendHistogram(0, s.metric, s.t, s.h);
        else app.append(0, s.metric, s.t, s.f);
        returned.set(s.metric.key(), s.metric);
      } catch (e) {
        rule.status.setErr(e instanceof Error ? e : new Error(String(e)));
      }
    }
    const prev = this.seriesInPreviousEval[i] ?? new Map<string, Labels>();
    for (const [k, ls] of prev) {
      if (returned.has(k)) continue;
      try {
        app.append(0, ls, ts - this.queryOffset, StaleNaN);
      } catch {
        // Out of order or duplicate: expected when another rule writes the series.
      }
    }
    try {
      await app.commit();
      this.seriesInPreviousEval[i] = returned;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      rule.status.setErr(err);
      m.evalFailures.labels(this.key()).inc();
      this.deps.logger.warn('Rule sample appending failed', { group: this.name, name: rule.name, err: err.message });
    }
    return vector.length;
  }

  /** Appends staleness markers for series of rules that no longer exist. */
  async cleanupStaleSeries(ts: number): Promise<void> {
    if (this.staleSeries.length === 0) return;
    const app = this.deps.appendable.appender();
    for (const s of this.staleSeries) {
      try {
        app.append(0, s, ts - this.queryOffset, StaleNaN);
      } catch {
        // Expected when the series is written by another rule now.
      }
    }
    try {
      await app.commit();
      this.staleSeries = [];
    } catch (e) {
      this.deps.logger.warn('Stale sample appending for previous configuration failed', { group: this.name, err: (e as Error).message });
    }
  }

  /** Takes over alert and staleness state from the group this one replaces (CopyState). */
  copyState(from: Group): void {
    this.evaluationTime = from.evaluationTime;
    this.lastEvaluation = from.lastEvaluation;
    const byName = new Map<string, number[]>();
    const nameAndLabels = (r: Rule): string => r.name + r.labels.toString();
    from.rules.forEach((r, fi) => {
      const k = nameAndLabels(r);
      byName.set(k, [...(byName.get(k) ?? []), fi]);
    });
    this.rules.forEach((rule, i) => {
      const k = nameAndLabels(rule);
      const idx = byName.get(k) ?? [];
      const fi = idx[0];
      if (fi === undefined) return;
      this.seriesInPreviousEval[i] = from.seriesInPreviousEval[fi] ?? new Map();
      byName.set(k, idx.slice(1));
      const far = from.rules[fi];
      if (rule instanceof AlertingRule && far instanceof AlertingRule) {
        for (const [ak, a] of far.active) rule.active.set(ak, a);
      }
    });
    this.staleSeries = [...from.staleSeries];
    from.rules.forEach((r, fi) => {
      if ((byName.get(nameAndLabels(r)) ?? []).length === 0) return;
      for (const s of from.seriesInPreviousEval[fi]?.values() ?? []) this.staleSeries.push(s);
    });
  }

  /** Group.Equals: same identity, settings and rule definitions. */
  equals(o: Group): boolean {
    if (this.name !== o.name || this.file !== o.file || this.interval !== o.interval || this.limit !== o.limit) return false;
    if (this.queryOffsetOpt !== o.queryOffsetOpt) return false;
    if (this.rules.length !== o.rules.length) return false;
    return this.rules.every((r, i) => r.toString() === (o.rules[i] as Rule).toString());
  }

  /** Restores the active time of pending alerts from ALERTS_FOR_STATE (RestoreForState). */
  restoreForState(ts: number): void {
    this.shouldRestore = false;
    const t0 = performance.now();
    const q = this.deps.queryable.querier(ts - this.deps.outageTolerance, ts);
    try {
      for (const rule of this.rules) {
        if (rule instanceof AlertingRule) this.restoreRule(rule, q, ts);
      }
    } finally {
      q.close();
      this.deps.metrics.groupLastRestoreDuration.labels(this.key()).set((performance.now() - t0) / 1000);
    }
  }

  private restoreRule(rule: AlertingRule, q: ReturnType<Queryable['querier']>, ts: number): void {
    const hold = rule.holdDuration;
    if (hold < this.deps.forGracePeriod) {
      rule.restored = true;
      return;
    }
    const byLabels = new Map<string, { t: number; v: number }>();
    try {
      const set = q.select(false, null, ...rule.forStateMatchers());
      while (set.next()) {
        const s = set.at();
        const it = s.iterator();
        let t = 0;
        let v = NaN;
        let seen = false;
        while (it.next() === ValueType.Float) {
          t = it.atT();
          v = it.atF();
          seen = true;
        }
        if (seen) byLabels.set(s.labels.without('__name__').toString(), { t, v });
      }
      const err = set.err();
      if (err) throw err;
    } catch (e) {
      this.deps.logger.error("Failed to restore 'for' state", { alertname: rule.name, stage: 'Select', err: (e as Error).message });
      rule.restored = true;
      return;
    }
    for (const a of rule.active.values()) {
      const last = byLabels.get(a.labels.toString());
      if (!last || isStaleNaN(last.v)) continue;
      const downAt = Math.floor(last.t / 1000) * 1000;
      let activeAt = Math.trunc(last.v) * 1000;
      const remaining = hold - (downAt - activeAt);
      if (remaining <= 0) continue;
      if (remaining < this.deps.forGracePeriod) activeAt = ts + this.deps.forGracePeriod - hold;
      else activeAt += ts - downAt;
      a.activeAt = activeAt;
    }
    rule.restored = true;
  }

  /** Starts evaluating on the group's slots: the first at the next slot after now. */
  run(): void {
    if (this.timer !== null || this.stopped) return;
    let evalTs = this.evalTimestamp(this.deps.clock()) + this.interval;
    const tick = (): void => {
      this.timer = null;
      if (this.stopped) return;
      const now = this.deps.clock();
      if (this.iterations > 0) {
        const missed = Math.max(0, Math.floor((now - evalTs) / this.interval) - 1);
        if (missed > 0) {
          this.deps.metrics.iterationsMissed.labels(this.key()).inc(missed);
          this.deps.metrics.iterationsScheduled.labels(this.key()).inc(missed);
        }
        evalTs += (missed + 1) * this.interval;
      }
      this.running = this.iterate(evalTs).finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(tick, Math.max(0, evalTs + this.interval - this.deps.clock()));
      });
    };
    this.timer = setTimeout(tick, Math.max(0, evalTs - this.deps.clock()));
  }

  private async iterate(ts: number): Promise<void> {
    this.deps.metrics.iterationsScheduled.labels(this.key()).inc();
    try {
      await this.eval(ts);
    } catch (e) {
      this.deps.logger.error('Rule group evaluation failed', { group: this.name, err: (e as Error).message });
    }
    this.iterations++;
    // Restore after the second evaluation: the first may lack the data alerts depend on.
    if (this.shouldRestore && this.iterations >= 2) this.restoreForState(this.deps.clock());
  }

  /** Stops evaluating and waits for a running evaluation to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }

  /** All series of the last evaluation, for staleness markers when the group goes away. */
  allPreviousSeries(): Labels[] {
    const out: Labels[] = [];
    for (const m of this.seriesInPreviousEval) for (const s of m.values()) out.push(s);
    return out;
  }
}
