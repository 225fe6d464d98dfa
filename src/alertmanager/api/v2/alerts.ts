/**
 * The alert endpoints: GET /alerts (filtered, with receivers from the route tree and status
 * from the marker, sorted by fingerprint), POST /alerts (defaults, upstream's validation texts,
 * best-effort insertion of the valid ones) and GET /alerts/groups.
 */
import { compileGoRegex, Labels } from '../../../model/labels/index.js';
import { goQuote } from '../../../model/strconv/index.js';
import { type AmMatcher, AmMatchType, parseMatcher } from '../../labels/index.js';
import { type AlertStatus, fingerprintString } from '../../silence/index.js';
import type { Alert } from '../../types/index.js';
import type { Route } from '../../dispatch/index.js';
import type { PostableAlert, PostedLabelSet } from './decode.js';
import { alertGroupJSON, gettableAlertJSON } from './encode.js';
import { jsonReply, type Reply, stringReply } from './reply.js';

/** The query parameters shared by GET /alerts and GET /alerts/groups. */
export interface AlertQuery {
  filter: string[];
  receiver: string | null;
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
}

/** swag.ConvertBool: these (case-insensitive) are true, anything else false; absent or "" is the default. */
const TRUTHY = new Set(['true', 'yes', 'ok', 'checked', 't', 'y', 'on', '1', 'selected']);

function boolParam(q: URLSearchParams, name: string, def: boolean): boolean {
  const all = q.getAll(name);
  const raw = all[all.length - 1];
  if (raw === undefined || raw === '') return def;
  return TRUTHY.has(raw.toLowerCase());
}

export function readAlertQuery(q: URLSearchParams): AlertQuery {
  const recv = q.getAll('receiver');
  const r = recv[recv.length - 1];
  return {
    filter: q.getAll('filter'),
    receiver: r === undefined || r === '' ? null : r,
    active: boolParam(q, 'active', true),
    silenced: boolParam(q, 'silenced', true),
    inhibited: boolParam(q, 'inhibited', true),
  };
}

/** Parses the filter and the receiver regex; a Reply (400) when either is invalid. */
export function compileQuery(aq: AlertQuery): { matchers: AmMatcher[]; receiver: RegExp | null } | Reply {
  const matchers: AmMatcher[] = [];
  try {
    for (const f of aq.filter) matchers.push(parseMatcher(f));
  } catch (e) {
    return stringReply(400, e instanceof Error ? e.message : String(e));
  }
  if (aq.receiver === null) return { matchers, receiver: null };
  try {
    return { matchers, receiver: compileGoRegex(`^(?:${aq.receiver})$`, false).regexp };
  } catch (e) {
    return stringReply(400, `failed to parse receiver param: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Whether the alert's labels pass the filter (an empty-valued matcher accepts a missing label). */
export function matchFilterLabels(matchers: readonly AmMatcher[], labels: Labels): boolean {
  for (const m of matchers) {
    const present = labels.has(m.name);
    const negative = m.type === AmMatchType.NotEqual || m.type === AmMatchType.NotRegexp;
    if (m.value === '' && present === negative) continue;
    if (!m.matches(labels.get(m.name))) return false;
  }
  return true;
}

/** What the alert filter needs to see an alert's current status. */
export interface AlertStatusView {
  setAlertStatus(labels: Labels): void;
  status(fp: string): AlertStatus;
}

/** api.alertFilter: drops resolved alerts and those the flags and the filter exclude. */
export function alertFilter(
  view: AlertStatusView,
  matchers: readonly AmMatcher[],
  aq: AlertQuery,
): (a: Alert, now: number) => boolean {
  return (a, now) => {
    if (a.endsAt !== 0 && a.endsAt < now) return false;
    view.setAlertStatus(a.labels);
    const st = view.status(fingerprintString(a.labels));
    if (!aq.active && st.state === 'active') return false;
    if (!aq.silenced && st.silencedBy.length > 0) return false;
    if (!aq.inhibited && st.inhibitedBy.length > 0) return false;
    return matchFilterLabels(matchers, a.labels);
  };
}

/** GET /alerts. */
export function getAlerts(
  alerts: Iterable<Alert>,
  route: Route | null,
  view: AlertStatusView,
  q: URLSearchParams,
  now: number,
): Reply {
  const aq = readAlertQuery(q);
  const c = compileQuery(aq);
  if ('status' in c) return c;
  const keep = alertFilter(view, c.matchers, aq);
  const out: [string, string][] = [];
  for (const a of alerts) {
    const receivers = route === null ? [] : route.match(a.labels).map((r) => r.opts.receiver);
    if (c.receiver !== null && !receivers.some((r) => (c.receiver as RegExp).test(r))) continue;
    if (!keep(a, now)) continue;
    const fp = fingerprintString(a.labels);
    out.push([fp, gettableAlertJSON(a, fp, view.status(fp), receivers)]);
  }
  out.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return jsonReply(200, `[${out.map((x) => x[1]).join(',')}]`);
}

/** GET /alerts/groups. */
export function getAlertGroups(
  groupsFn: (rf: (r: Route) => boolean, af: (a: Alert, now: number) => boolean) => {
    groups: { labels: Labels; receiver: string; alerts: Alert[] }[];
    alertReceivers: Map<string, string[]>;
  },
  view: AlertStatusView,
  q: URLSearchParams,
): Reply {
  const aq = readAlertQuery(q);
  const c = compileQuery(aq);
  if ('status' in c) return c;
  const rf = (r: Route): boolean => c.receiver === null || c.receiver.test(r.opts.receiver);
  const { groups, alertReceivers } = groupsFn(rf, alertFilter(view, c.matchers, aq));
  const parts = groups.map((g) => {
    const alerts = g.alerts.map((a) => {
      const fp = fingerprintString(a.labels);
      return gettableAlertJSON(a, fp, view.status(fp), alertReceivers.get(fp) ?? []);
    });
    return alertGroupJSON(alerts, g.labels, g.receiver);
  });
  return jsonReply(200, `[${parts.join(',')}]`);
}

/** model.LabelName.IsValid (the legacy character set). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function checkNames(pairs: PostedLabelSet): string | null {
  for (const [n] of pairs) if (!LABEL_NAME.test(n)) return `invalid name ${goQuote(n)}`;
  return null;
}

/** model.Alert.Validate's text for the first failed rule, or null. */
function validateAlert(a: Alert, labels: PostedLabelSet, annotations: PostedLabelSet): string | null {
  if (a.endsAt !== 0 && a.endsAt < a.startsAt) return 'start time must be before end time';
  const ln = checkNames(labels);
  if (ln !== null) return `invalid label set: ${ln}`;
  if (labels.length === 0) return 'at least one label pair required';
  const an = checkNames(annotations);
  if (an !== null) return `invalid annotations: ${an}`;
  return null;
}

export interface PostAlertsResult {
  valid: Alert[];
  errors: string[];
  firing: number;
  resolved: number;
}

/** Applies postAlertsHandler's defaults and validation to decoded alerts. */
export function prepareAlerts(posted: readonly PostableAlert[], now: number, resolveTimeout: number): PostAlertsResult {
  const res: PostAlertsResult = { valid: [], errors: [], firing: 0, resolved: 0 };
  for (const p of posted) {
    const labels = (p.labels ?? []).filter(([, v]) => v !== '');
    const startsAt = p.startsAt ?? p.endsAt ?? now;
    let endsAt = p.endsAt ?? 0;
    let timeout = false;
    if (p.endsAt === null) {
      timeout = true;
      endsAt = now + resolveTimeout;
    }
    if (endsAt > now) res.firing++;
    else res.resolved++;
    const alert: Alert = {
      labels: Labels.fromSortedPairs(labels.flat()),
      annotations: Labels.fromSortedPairs(p.annotations.flat()),
      startsAt, endsAt, generatorURL: p.generatorURL, updatedAt: now, timeout,
    };
    const err = validateAlert(alert, labels, p.annotations);
    if (err === null) res.valid.push(alert);
    else res.errors.push(err);
  }
  return res;
}
