/**
 * The alert the rule manager hands to the notifier, and its wire form (Alertmanager API v2
 * `postableAlerts`): labels and annotations as objects, times as RFC 3339, zero times omitted.
 */
import { Labels } from '../model/labels/index.js';
import { LabelsBuilder, processBuilder, type RelabelConfig } from '../model/relabel/index.js';

export interface Alert {
  labels: Labels;
  annotations: Labels;
  /** Start of the alert; undefined is Go's zero time (omitted on the wire). */
  startsAt?: Date | undefined;
  /** End (resolved alerts, or the expected end of a firing one); undefined is omitted. */
  endsAt?: Date | undefined;
  generatorURL?: string | undefined;
}

/** One element of the API v2 POST /api/v2/alerts body. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

function validDate(d: Date | undefined): d is Date {
  return d !== undefined && !Number.isNaN(d.getTime());
}

export function toPostableAlert(a: Alert): PostableAlert {
  const out: PostableAlert = { labels: a.labels.toObject(), annotations: a.annotations.toObject() };
  if (validDate(a.startsAt)) out.startsAt = a.startsAt.toISOString();
  if (validDate(a.endsAt)) out.endsAt = a.endsAt.toISOString();
  if (a.generatorURL) out.generatorURL = a.generatorURL;
  return out;
}

/** An alert is resolved at ts when it has an end not after ts. */
export function alertResolvedAt(a: Alert, ts: Date): boolean {
  if (!validDate(a.endsAt)) return false;
  return a.endsAt.getTime() <= ts.getTime();
}

/**
 * Adds the external labels an alert lacks (its own labels win), then applies the relabel
 * configs; alerts relabeled away are left out.
 */
export function relabelAlerts(cfgs: readonly RelabelConfig[], externalLabels: Labels, alerts: readonly Alert[]): Alert[] {
  const out: Alert[] = [];
  const lb = new LabelsBuilder();
  for (const a of alerts) {
    lb.reset(a.labels);
    externalLabels.forEach((name, value) => {
      if (a.labels.get(name) === '') lb.set(name, value);
    });
    if (!processBuilder(lb, cfgs)) continue;
    const ls = lb.labels();
    out.push(ls.equals(a.labels) ? a : { ...a, labels: ls });
  }
  return out;
}

export { Labels };
