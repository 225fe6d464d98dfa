/**
 * The API v2 response models written as Alertmanager 0.25 writes them: go-swagger's field order
 * (each allOf part's properties alphabetically, the own part before the embedded one), label
 * sets with sorted keys, strings escaped as Go's encoding/json escapes them, times as strfmt
 * DateTime.
 */
import { compareStrings, type Labels } from '../../../model/labels/index.js';
import type { AlertStatus, Silence, SilenceState } from '../../silence/index.js';
import { AmMatchType } from '../../labels/index.js';
import type { Alert } from '../../types/index.js';
import { formatDateTime, goZeroTimeMs } from './date-time.js';

const NEEDS_ESCAPE = /[<>&\u2028\u2029\u0008\u000c]/;

/** A JSON string literal as Go's encoder writes it (HTML characters and U+2028/9 as \u escapes). */
export function goJSONString(s: string): string {
  const j = JSON.stringify(s);
  if (!NEEDS_ESCAPE.test(s)) return j;
  return j.replace(/\\.|[<>&\u2028\u2029]/g, (c) => {
    if (c === '\\b') return '\\u0008';
    if (c === '\\f') return '\\u000c';
    if (c.length === 2) return c;
    return `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  });
}

/** A strfmt.DateTime JSON value; 0 (unset) is written as Go's zero time. */
export function dateTimeJSON(ms: number): string {
  return `"${formatDateTime(ms === 0 ? goZeroTimeMs() : ms)}"`;
}

/** A label set as a JSON object with keys in byte order. */
export function labelSetJSON(ls: Labels): string {
  const parts: string[] = [];
  ls.forEach((n, v) => parts.push(`${goJSONString(n)}:${goJSONString(v)}`));
  return `{${parts.join(',')}}`;
}

/** A label set given as pairs (e.g. annotations with empty values). */
export function pairsJSON(pairs: readonly (readonly [string, string])[]): string {
  const sorted = [...pairs].sort((a, b) => compareStrings(a[0], b[0]));
  return `{${sorted.map(([n, v]) => `${goJSONString(n)}:${goJSONString(v)}`).join(',')}}`;
}

function stringList(xs: readonly string[]): string {
  return `[${xs.map(goJSONString).join(',')}]`;
}

/** gettableAlert: annotations, endsAt, fingerprint, receivers, startsAt, status, updatedAt, generatorURL, labels. */
export function gettableAlertJSON(a: Alert, fp: string, status: AlertStatus, receivers: readonly string[]): string {
  const st = `{"inhibitedBy":${stringList(status.inhibitedBy)},"silencedBy":${stringList(status.silencedBy)},"state":${goJSONString(status.state)}}`;
  const gen = a.generatorURL === '' ? '' : `"generatorURL":${goJSONString(a.generatorURL)},`;
  return (
    `{"annotations":${labelSetJSON(a.annotations)},"endsAt":${dateTimeJSON(a.endsAt)},` +
    `"fingerprint":${goJSONString(fp)},"receivers":[${receivers.map((r) => `{"name":${goJSONString(r)}}`).join(',')}],` +
    `"startsAt":${dateTimeJSON(a.startsAt)},"status":${st},"updatedAt":${dateTimeJSON(a.updatedAt)},` +
    `${gen}"labels":${labelSetJSON(a.labels)}}`
  );
}

/** alertGroup: alerts, labels, receiver. */
export function alertGroupJSON(alerts: readonly string[], labels: Labels, receiver: string): string {
  return `{"alerts":[${alerts.join(',')}],"labels":${labelSetJSON(labels)},"receiver":{"name":${goJSONString(receiver)}}}`;
}

function matcherJSON(type: AmMatchType, name: string, value: string): string {
  const isEqual = type === AmMatchType.Equal || type === AmMatchType.Regexp;
  const isRegex = type === AmMatchType.Regexp || type === AmMatchType.NotRegexp;
  return `{"isEqual":${isEqual},"isRegex":${isRegex},"name":${goJSONString(name)},"value":${goJSONString(value)}}`;
}

/** gettableSilence: id, status, updatedAt, then the silence: comment, createdBy, endsAt, matchers, startsAt. */
export function gettableSilenceJSON(s: Silence, state: SilenceState): string {
  return (
    `{"id":${goJSONString(s.id)},"status":{"state":${goJSONString(state)}},"updatedAt":${dateTimeJSON(s.updatedAt)},` +
    `"comment":${goJSONString(s.comment)},"createdBy":${goJSONString(s.createdBy)},"endsAt":${dateTimeJSON(s.endsAt)},` +
    `"matchers":[${s.matchers.map((m) => matcherJSON(m.type, m.name, m.value)).join(',')}],` +
    `"startsAt":${dateTimeJSON(s.startsAt)}}`
  );
}

export interface VersionInfo {
  branch: string;
  buildDate: string;
  buildUser: string;
  goVersion: string;
  revision: string;
  version: string;
}

/** alertmanagerStatus: cluster, config, uptime, versionInfo. */
export function statusJSON(original: string, uptime: number, v: VersionInfo): string {
  const vi =
    `{"branch":${goJSONString(v.branch)},"buildDate":${goJSONString(v.buildDate)},"buildUser":${goJSONString(v.buildUser)},` +
    `"goVersion":${goJSONString(v.goVersion)},"revision":${goJSONString(v.revision)},"version":${goJSONString(v.version)}}`;
  return (
    `{"cluster":{"peers":[],"status":"disabled"},"config":{"original":${goJSONString(original)}},` +
    `"uptime":${dateTimeJSON(uptime)},"versionInfo":${vi}}`
  );
}
