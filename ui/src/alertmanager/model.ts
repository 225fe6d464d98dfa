/**
 * Alertmanager API v2 models (the shapes of the OpenAPI spec) and their checks: an answer of
 * an unexpected shape becomes a clear error instead of a broken page.
 */
import type { ApiMatcher } from './matchers';

export type LabelSet = Record<string, string>;

export interface AlertStatus {
  /** active | suppressed | unprocessed */
  state: string;
  silencedBy: string[];
  inhibitedBy: string[];
  /** Newer Alertmanagers only (time intervals); absent in 0.25. */
  mutedBy: string[];
}

export interface GettableAlert {
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  fingerprint: string;
  generatorURL: string;
  receivers: string[];
  status: AlertStatus;
}

export interface AlertGroup {
  labels: LabelSet;
  receiver: string;
  alerts: GettableAlert[];
}

export type SilenceState = 'active' | 'pending' | 'expired';

export interface GettableSilence {
  id: string;
  state: SilenceState;
  updatedAt: string;
  comment: string;
  createdBy: string;
  startsAt: string;
  endsAt: string;
  matchers: ApiMatcher[];
}

export interface PostableSilence {
  id?: string;
  comment: string;
  createdBy: string;
  startsAt: string;
  endsAt: string;
  matchers: ApiMatcher[];
}

export interface AlertmanagerStatus {
  uptime: string;
  cluster: { status: string; name: string; peers: { name: string; address: string }[] };
  config: string;
  versionInfo: Record<string, string>;
}

export class UnexpectedAnswerError extends Error {
  override name = 'UnexpectedAnswerError';
}

type Obj = Record<string, unknown>;

function obj(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UnexpectedAnswerError(`unexpected answer from the API: ${what} is not an object`);
  return v as Obj;
}

function arr(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new UnexpectedAnswerError(`unexpected answer from the API: ${what} is not a list`);
  return v;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function labelSet(v: unknown, what: string): LabelSet {
  if (v === undefined || v === null) return {};
  const o = obj(v, what);
  const out: LabelSet = {};
  for (const [k, x] of Object.entries(o)) out[k] = str(x);
  return out;
}

function strings(v: unknown, what: string): string[] {
  return arr(v, what).map(str);
}

function receiverName(v: unknown): string {
  return typeof v === 'object' && v !== null ? str((v as Obj)['name']) : str(v);
}

export function decodeAlert(v: unknown): GettableAlert {
  const o = obj(v, 'an alert');
  const st = obj(o['status'] ?? {}, 'an alert status');
  return {
    labels: labelSet(o['labels'], 'labels'),
    annotations: labelSet(o['annotations'], 'annotations'),
    startsAt: str(o['startsAt']),
    endsAt: str(o['endsAt']),
    updatedAt: str(o['updatedAt']),
    fingerprint: str(o['fingerprint']),
    generatorURL: str(o['generatorURL']),
    receivers: arr(o['receivers'], 'receivers').map(receiverName),
    status: {
      state: str(st['state']),
      silencedBy: strings(st['silencedBy'], 'silencedBy'),
      inhibitedBy: strings(st['inhibitedBy'], 'inhibitedBy'),
      mutedBy: strings(st['mutedBy'], 'mutedBy'),
    },
  };
}

export function decodeAlerts(v: unknown): GettableAlert[] {
  return arr(v, 'the alerts').map(decodeAlert);
}

export function decodeAlertGroups(v: unknown): AlertGroup[] {
  return arr(v, 'the alert groups').map((g) => {
    const o = obj(g, 'an alert group');
    return { labels: labelSet(o['labels'], 'group labels'), receiver: receiverName(o['receiver']), alerts: decodeAlerts(o['alerts']) };
  });
}

function decodeMatcher(v: unknown): ApiMatcher {
  const o = obj(v, 'a matcher');
  return { name: str(o['name']), value: str(o['value']), isRegex: o['isRegex'] === true, isEqual: o['isEqual'] !== false };
}

export function decodeSilence(v: unknown): GettableSilence {
  const o = obj(v, 'a silence');
  const st = str(obj(o['status'] ?? {}, 'a silence status')['state']);
  return {
    id: str(o['id']),
    state: st === 'active' || st === 'pending' ? st : 'expired',
    updatedAt: str(o['updatedAt']),
    comment: str(o['comment']),
    createdBy: str(o['createdBy']),
    startsAt: str(o['startsAt']),
    endsAt: str(o['endsAt']),
    matchers: arr(o['matchers'], 'matchers').map(decodeMatcher),
  };
}

export function decodeSilences(v: unknown): GettableSilence[] {
  return arr(v, 'the silences').map(decodeSilence);
}

export function decodeStatus(v: unknown): AlertmanagerStatus {
  const o = obj(v, 'the status');
  const cl = obj(o['cluster'] ?? {}, 'the cluster status');
  const vi = labelSet(o['versionInfo'], 'versionInfo');
  return {
    uptime: str(o['uptime']),
    cluster: {
      status: str(cl['status']),
      name: str(cl['name']),
      peers: arr(cl['peers'], 'peers').map((p) => {
        const po = obj(p, 'a peer');
        return { name: str(po['name']), address: str(po['address']) };
      }),
    },
    config: str(obj(o['config'] ?? {}, 'the config')['original']),
    versionInfo: vi,
  };
}

export function decodeReceivers(v: unknown): string[] {
  return arr(v, 'the receivers').map(receiverName);
}

/** The silence id of a POST /silences answer. */
export function decodeSilenceID(v: unknown): string {
  const id = str(obj(v, 'the answer')['silenceID']);
  if (id === '') throw new UnexpectedAnswerError('unexpected answer from the API: no silenceID');
  return id;
}
