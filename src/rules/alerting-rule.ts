/**
 * Alerting rule (rules.AlertingRule): each result series is an alert that goes pending, then
 * firing once active for `for`, stays firing for `keep_firing_for` after it vanished, and is
 * kept 15 minutes once resolved so the resolution can be resent. Evaluation also returns the
 * ALERTS and ALERTS_FOR_STATE samples to append.
 */
import { Labels, Matcher, MatchType } from '../model/labels/index.js';
import { sample, type Vector } from '../promql/value/index.js';
import { ruleText, RuleStatus, type EvalContext, type Rule } from './rule.js';
import { DuplicateLabelSetError } from './recording-rule.js';
import type { TemplateExpander } from './template-expand.js';

export type AlertState = 'inactive' | 'pending' | 'firing';

const STATE_ORDER: Record<AlertState, number> = { inactive: 1, pending: 2, firing: 3 };

/** One alert of a rule (rules.Alert). Times in ms; null is Go's zero time. */
export interface RuleAlert {
  state: AlertState;
  labels: Labels;
  annotations: Labels;
  value: number;
  activeAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  lastSentAt: number | null;
  validUntil: number | null;
  keepFiringSince: number | null;
}

const RESOLVED_RETENTION = 15 * 60 * 1000;

export function needsSending(a: RuleAlert, ts: number, resendDelay: number): boolean {
  if (a.state === 'pending') return false;
  if (a.resolvedAt !== null && (a.lastSentAt === null || a.resolvedAt > a.lastSentAt)) return true;
  return a.lastSentAt === null || a.lastSentAt + resendDelay < ts;
}

export interface AlertingRuleOpts {
  name: string;
  query: string;
  holdDuration: number;
  keepFiringFor: number;
  labels: Labels;
  annotations: Labels;
  externalLabels: Labels;
  externalURL: string;
  restored: boolean;
  expand: TemplateExpander;
}

export class AlertingRule implements Rule {
  readonly kind = 'alerting';
  readonly status = new RuleStatus();
  readonly name: string;
  readonly query: string;
  readonly holdDuration: number;
  readonly keepFiringFor: number;
  readonly labels: Labels;
  readonly annotations: Labels;
  restored: boolean;
  /** Active alerts by label set key. */
  active = new Map<string, RuleAlert>();
  private readonly externalLabels: Record<string, string>;
  private readonly externalURL: string;
  private readonly expand: TemplateExpander;

  constructor(o: AlertingRuleOpts) {
    this.name = o.name;
    this.query = o.query;
    this.holdDuration = o.holdDuration;
    this.keepFiringFor = o.keepFiringFor;
    this.labels = o.labels;
    this.annotations = o.annotations;
    this.externalLabels = o.externalLabels.toObject();
    this.externalURL = o.externalURL;
    this.restored = o.restored;
    this.expand = o.expand;
  }

  /** ALERTS{alertname, alertstate, ...} = 1 at t. */
  private alertSample(a: RuleAlert, t: number): Vector[number] {
    const obj = { ...this.labels.toObject(), ...a.labels.toObject(), __name__: 'ALERTS', alertname: this.name, alertstate: a.state };
    return sample(Labels.fromObject(obj), t, 1);
  }

  /** ALERTS_FOR_STATE{alertname, ...} = activeAt in seconds at t. */
  private forStateSample(a: RuleAlert | null, t: number, v: number): Vector[number] {
    const obj = { ...this.labels.toObject(), ...(a ? a.labels.toObject() : {}), __name__: 'ALERTS_FOR_STATE', alertname: this.name };
    return sample(Labels.fromObject(obj), t, v);
  }

  /** Matchers of this rule's ALERTS_FOR_STATE series (templated label values left out). */
  forStateMatchers(): Matcher[] {
    const out: Matcher[] = [];
    this.forStateSample(null, 0, 0).metric.forEach((n, v) => {
      if (!v.includes('{{')) out.push(new Matcher(MatchType.Equal, n, v));
    });
    return out;
  }

  private async newAlerts(ctx: EvalContext, res: Vector): Promise<Map<string, RuleAlert>> {
    const alerts = new Map<string, RuleAlert>();
    const tplName = `__alert_${this.name}`;
    const query = (q: string): Promise<Vector> => ctx.query(q, ctx.ts);
    for (const s of res) {
      const data = { labels: s.metric.toObject(), value: s.h ?? s.f, externalLabels: this.externalLabels, externalURL: this.externalURL, timestamp: ctx.ts };
      const expandOne = (text: string): Promise<string> => this.expand(text, tplName, data, query);
      const lb = s.metric.toObject();
      delete lb['__name__'];
      for (const [n, v] of Object.entries(this.labels.toObject())) lb[n] = await expandOne(v);
      lb['alertname'] = this.name;
      const ann: Record<string, string> = {};
      for (const [n, v] of Object.entries(this.annotations.toObject())) ann[n] = await expandOne(v);
      const labels = Labels.fromObject(lb);
      const key = labels.key();
      if (alerts.has(key)) throw new DuplicateLabelSetError('vector contains metrics with the same labelset after applying alert labels');
      alerts.set(key, {
        state: 'pending',
        labels,
        annotations: Labels.fromObject(ann),
        value: s.f,
        activeAt: ctx.ts,
        firedAt: null,
        resolvedAt: null,
        lastSentAt: null,
        validUntil: null,
        keepFiringSince: null,
      });
    }
    return alerts;
  }

  async eval(ctx: EvalContext): Promise<Vector> {
    const res = await ctx.query(this.query, ctx.ts - ctx.queryOffset);
    const alerts = await this.newAlerts(ctx, res);
    const ts = ctx.ts;
    for (const [k, a] of alerts) {
      const cur = this.active.get(k);
      if (cur && cur.state !== 'inactive') {
        cur.value = a.value;
        cur.annotations = a.annotations;
      } else this.active.set(k, a);
    }
    const vec: Vector = [];
    let numActive = 0;
    const t = ts - ctx.queryOffset;
    for (const [k, a] of this.active) {
      if (!alerts.has(k)) {
        let keepFiring = false;
        if (a.state === 'firing' && this.keepFiringFor > 0) {
          if (a.keepFiringSince === null) a.keepFiringSince = ts;
          if (ts - a.keepFiringSince < this.keepFiringFor) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAt !== null && ts - a.resolvedAt > RESOLVED_RETENTION)) this.active.delete(k);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else a.keepFiringSince = null;
      numActive++;
      if (a.state === 'pending' && ts - a.activeAt >= this.holdDuration) {
        a.state = 'firing';
        a.firedAt = ts;
      }
      if (a.state === 'firing' && ts - a.activeAt < this.holdDuration) {
        a.state = 'pending';
        a.firedAt = null;
        a.lastSentAt = null;
        a.keepFiringSince = null;
      }
      if (this.restored) {
        vec.push(this.alertSample(a, t));
        vec.push(this.forStateSample(a, t, Math.floor(a.activeAt / 1000)));
      }
    }
    if (ctx.limit > 0 && numActive > ctx.limit) {
      this.active = new Map();
      throw new Error(`exceeded limit of ${ctx.limit} with ${numActive} alerts`);
    }
    return vec;
  }

  /** The highest state of its alerts; 'unknown' before the first evaluation. */
  state(): AlertState | 'unknown' {
    if (this.status.evaluationTimestamp === null) return 'unknown';
    let max: AlertState = 'inactive';
    for (const a of this.active.values()) if (STATE_ORDER[a.state] > STATE_ORDER[max]) max = a.state;
    return max;
  }

  /** Alerts not resolved (ActiveAlerts), copied. */
  activeAlerts(): RuleAlert[] {
    const out: RuleAlert[] = [];
    for (const a of this.active.values()) if (a.resolvedAt === null) out.push({ ...a });
    return out;
  }

  /** The alerts to send now; marks them sent (sendAlerts). */
  alertsToSend(ts: number, resendDelay: number, interval: number): RuleAlert[] {
    const out: RuleAlert[] = [];
    for (const a of this.active.values()) {
      if (!needsSending(a, ts, resendDelay)) continue;
      a.lastSentAt = ts;
      a.validUntil = ts + 4 * Math.max(interval, resendDelay);
      out.push({ ...a });
    }
    return out;
  }

  toString(): string {
    return ruleText({
      alert: this.name,
      expr: this.query,
      for: this.holdDuration,
      keep_firing_for: this.keepFiringFor,
      labels: this.labels.toObject(),
      annotations: this.annotations.toObject(),
    });
  }
}
