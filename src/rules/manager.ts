/**
 * The rule manager (rules.Manager): loads rule groups from files, runs each group on its own
 * schedule, keeps alert state across reloads, and hands alerts to the notifier.
 */
import type { Registry } from '../instrument/index.js';
import { Labels } from '../model/labels/index.js';
import { loadRuleFile, type ParseOptions, type RuleGroup } from '../model/rulefmt/index.js';
import { exprToString, parseExpr } from '../promql/parser/index.js';
import type { Vector } from '../promql/value/index.js';
import type { Appendable, Queryable } from '../storage/index.js';
import { AlertingRule, type RuleAlert } from './alerting-rule.js';
import { alertInfo, groupInfo, type AlertInfo, type RuleGroupInfo } from './api-info.js';
import { Group, type GroupDeps, type GroupLogger } from './group.js';
import { RuleMetrics } from './metrics.js';
import { RecordingRule } from './recording-rule.js';
import { mergeLabels, type QueryFunc, type Rule } from './rule.js';
import { goTemplateExpander, type TemplateExpander } from './template-expand.js';

/** The alert handed to the notifier (src/notifier Alert). */
export interface NotifierAlert {
  labels: Labels;
  annotations: Labels;
  startsAt?: Date | undefined;
  endsAt?: Date | undefined;
  generatorURL?: string | undefined;
}

/** The part of the PromQL engine the manager uses (src/promql/engine Engine). */
export interface RuleEngine {
  newInstantQuery(
    q: Queryable,
    qs: string,
    ts: number,
  ): { exec(signal?: AbortSignal): Promise<{ value: { type: string; value: unknown } | null; err: Error | null }>; close(): void };
}

export interface RuleManagerOpts {
  appendable: Appendable;
  queryable: Queryable;
  engine: RuleEngine;
  notify: (alerts: NotifierAlert[]) => void;
  logger?: GroupLogger;
  /** ms since the epoch; default Date.now. */
  clock?: () => number;
  /** --rules.alert.for-outage-tolerance, ms (default 1h). */
  outageTolerance?: number;
  /** --rules.alert.for-grace-period, ms (default 10m). */
  forGracePeriod?: number;
  /** --rules.alert.resend-delay, ms (default 1m). */
  resendDelay?: number;
  externalLabels?: Labels;
  externalURL?: string;
  /** Alert template expansion; default src/template's expandAlertTemplate. */
  expandTemplate?: TemplateExpander;
  /** Syntax check of alert templates when loading files; default src/template's parser. */
  checkTemplate?: ParseOptions['checkTemplate'];
  /** Accept unknown fields in rule files (promtool's --ignore-unknown-fields). */
  ignoreUnknownFields?: boolean;
  /** Overrides the query function (default: an instant query on the engine). */
  queryFunc?: QueryFunc;
  /** Where the prometheus_rule_* metrics are registered (none: kept but not exposed). */
  registry?: Registry;
}

const NOP_LOGGER: GroupLogger = { warn: () => undefined, error: () => undefined };

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

/** rules.EngineQueryFunc: vectors as they are, scalars as a one-sample vector. */
export function engineQueryFunc(engine: RuleEngine, q: Queryable): QueryFunc {
  return async (qs, t, signal) => {
    const query = engine.newInstantQuery(q, qs, t);
    try {
      const res = await query.exec(signal);
      if (res.err) throw res.err;
      const v = res.value;
      if (v?.type === 'vector') return v.value as Vector;
      if (v?.type === 'scalar') {
        const s = v.value as { t: number; v: number };
        return [{ metric: Labels.fromObject({}), t: s.t, f: s.v, h: null, dropName: false }];
      }
      throw new Error('rule result is not a vector or scalar');
    } finally {
      query.close();
    }
  };
}

export class RuleManager {
  private groups = new Map<string, Group>();
  private restored = false;
  private running = false;
  private updating: Promise<void> = Promise.resolve();
  private stopped = false;
  private externalLabels: Labels;
  private externalURL: string;
  private readonly deps: GroupDeps;
  private readonly expand: TemplateExpander;
  readonly metrics = new RuleMetrics();

  constructor(private readonly opts: RuleManagerOpts) {
    if (opts.registry) this.metrics.register(opts.registry);
    this.externalLabels = opts.externalLabels ?? Labels.fromObject({});
    this.externalURL = opts.externalURL ?? '';
    this.expand = opts.expandTemplate ?? goTemplateExpander;
    this.deps = {
      appendable: opts.appendable,
      queryable: opts.queryable,
      query: opts.queryFunc ?? engineQueryFunc(opts.engine, opts.queryable),
      clock: opts.clock ?? Date.now,
      logger: opts.logger ?? NOP_LOGGER,
      outageTolerance: opts.outageTolerance ?? 3600_000,
      forGracePeriod: opts.forGracePeriod ?? 600_000,
      resendDelay: opts.resendDelay ?? 60_000,
      metrics: this.metrics,
      sendAlerts: (rule, alerts) => this.send(rule, alerts),
    };
  }

  /** rules.SendAlerts: startsAt is when the alert fired, endsAt its resolution or validity end. */
  private send(rule: AlertingRule, alerts: RuleAlert[]): void {
    const generatorURL = `${this.externalURL}/graph?g0.expr=${queryEscape(rule.query)}&g0.tab=1`;
    const out = alerts.map(
      (a): NotifierAlert => ({
        labels: a.labels,
        annotations: a.annotations,
        startsAt: a.firedAt !== null ? new Date(a.firedAt) : undefined,
        endsAt: a.resolvedAt !== null ? new Date(a.resolvedAt) : a.validUntil !== null ? new Date(a.validUntil) : undefined,
        generatorURL,
      }),
    );
    try {
      this.opts.notify(out);
    } catch (e) {
      this.deps.logger.error('Sending alerts failed', { err: (e as Error).message });
    }
  }

  private buildRules(rg: RuleGroup, restored: boolean): Rule[] {
    return rg.rules.map((r): Rule => {
      const query = exprToString(parseExpr(r.expr));
      const labels = Labels.fromObject(mergeLabels(rg.labels, r.labels));
      if (r.alert === '') return new RecordingRule(r.record, query, labels);
      return new AlertingRule({
        name: r.alert,
        query,
        holdDuration: r.for,
        keepFiringFor: r.keepFiringFor,
        labels,
        annotations: Labels.fromObject(r.annotations),
        externalLabels: this.externalLabels,
        externalURL: this.externalURL,
        restored,
        expand: this.expand,
      });
    });
  }

  /** Loads the groups of the files (LoadGroups); throws a RuleFileError on a bad file. */
  loadGroups(intervalMs: number, files: readonly string[]): Map<string, Group> {
    const shouldRestore = !this.restored;
    const out = new Map<string, Group>();
    for (const fn of files) {
      const rgs = loadRuleFile(fn, { checkTemplate: this.opts.checkTemplate, ignoreUnknownFields: this.opts.ignoreUnknownFields ?? false });
      for (const rg of rgs.groups) {
        const g = new Group(
          {
            name: rg.name,
            file: fn,
            interval: rg.interval !== 0 ? rg.interval : intervalMs,
            limit: rg.limit,
            queryOffset: rg.queryOffset,
            rules: this.buildRules(rg, !shouldRestore),
            shouldRestore,
          },
          this.deps,
        );
        out.set(g.key(), g);
      }
    }
    return out;
  }

  /**
   * Replaces the rule groups with those of the files (a config reload). Unchanged groups keep
   * running; changed ones take over their predecessor's state; removed ones stop and mark their
   * series stale after two intervals. Throws when a file is bad; the old groups stay.
   */
  update(intervalMs: number, files: readonly string[], externalLabels?: Labels, externalURL?: string): Promise<void> {
    // Reloads run one at a time, in call order.
    const next = this.updating.then(() => this.doUpdate(intervalMs, files, externalLabels, externalURL));
    this.updating = next.catch(() => undefined);
    return next;
  }

  private async doUpdate(intervalMs: number, files: readonly string[], externalLabels?: Labels, externalURL?: string): Promise<void> {
    if (this.stopped) return;
    if (externalLabels) this.externalLabels = externalLabels;
    if (externalURL !== undefined) this.externalURL = externalURL;
    const groups = this.loadGroups(intervalMs, files);
    this.restored = true;
    const old = this.groups;
    const next = new Map<string, Group>();
    const waits: Promise<void>[] = [];
    for (const [k, g] of groups) {
      const prev = old.get(k);
      old.delete(k);
      if (prev && prev.equals(g)) {
        next.set(k, prev);
        continue;
      }
      next.set(k, g);
      if (prev) {
        waits.push(
          prev.stop().then(() => {
            g.copyState(prev);
            if (this.running) g.run();
          }),
        );
      } else if (this.running) g.run();
    }
    for (const g of old.values()) waits.push(this.retire(g));
    // Series of the groups of the new config (NewGroup upstream): only once the files loaded,
    // so a failed reload leaves no series of groups that never ran.
    for (const [k, g] of next) this.metrics.initGroup(k, g.rules.length, g.interval);
    await Promise.all(waits);
    this.groups = next;
  }

  /** Stops a removed group; after two intervals its last series get staleness markers. */
  private async retire(g: Group): Promise<void> {
    await g.stop();
    this.metrics.deleteGroup(g.key());
    const series = [...g.staleSeries, ...g.allPreviousSeries()];
    if (series.length === 0) return;
    const now = this.deps.clock();
    const timer = setTimeout(() => {
      if (this.stopped) return;
      g.staleSeries = series;
      g.cleanupStaleSeries(now).catch((e: unknown) => this.deps.logger.warn('Stale marking failed', { group: g.name, err: String(e) }));
    }, 2 * g.interval);
    timer.unref();
  }

  /** Starts evaluating every group on its schedule (Manager.Run). */
  run(): void {
    if (this.stopped || this.running) return;
    this.running = true;
    for (const g of this.groups.values()) g.run();
  }

  /** Stops every group and waits for running evaluations. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.groups.values()].map((g) => g.stop()));
  }

  /** Evaluates every group once at slot time ts (ms), concurrently (tests and `test rules`). */
  async evalAt(ts: number): Promise<void> {
    await Promise.all([...this.groups.values()].map((g) => g.eval(ts)));
  }

  /** Restores the `for` state of every group's alerts as of ts (ms). */
  restoreForStateAt(ts: number): void {
    for (const g of this.groups.values()) g.restoreForState(ts);
  }

  /** The groups, sorted by file then name. */
  ruleGroupsRaw(): Group[] {
    return [...this.groups.values()].sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  ruleGroups(): RuleGroupInfo[] {
    return this.ruleGroupsRaw().map(groupInfo);
  }

  /** The active (not resolved) alerts of every alerting rule. */
  alerts(): AlertInfo[] {
    const out: AlertInfo[] = [];
    for (const g of this.ruleGroupsRaw()) {
      for (const r of g.rules) if (r instanceof AlertingRule) out.push(...r.activeAlerts().map(alertInfo));
    }
    return out;
  }
}
