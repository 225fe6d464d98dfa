/**
 * Requests to Alertmanager API v2 (same origin, under the route prefix). Errors are ApiError
 * with the API's text verbatim.
 */
import { jsonApi } from '../lib/api';
import { formatMatcher, type Matcher } from './matchers';
import {
  type AlertGroup,
  type AlertmanagerStatus,
  decodeAlertGroups,
  decodeAlerts,
  decodeReceivers,
  decodeSilence,
  decodeSilenceID,
  decodeSilences,
  decodeStatus,
  type GettableAlert,
  type GettableSilence,
  type PostableSilence,
} from './model';

/** The alert list's query: the API's parameters (muted is sent for newer Alertmanagers). */
export interface AlertQuery {
  matchers: readonly Matcher[];
  silenced: boolean;
  inhibited: boolean;
  muted: boolean;
  active: boolean;
  /** A regular expression on receiver names, '' for all. */
  receiver: string;
}

function alertParams(q: AlertQuery): string {
  const p = new URLSearchParams();
  for (const m of q.matchers) p.append('filter', formatMatcher(m));
  p.set('silenced', String(q.silenced));
  p.set('inhibited', String(q.inhibited));
  p.set('muted', String(q.muted));
  p.set('active', String(q.active));
  if (q.receiver !== '') p.set('receiver', q.receiver);
  return p.toString();
}

export async function fetchAlertGroups(q: AlertQuery, signal?: AbortSignal): Promise<AlertGroup[]> {
  return decodeAlertGroups(await jsonApi<unknown>(`/api/v2/alerts/groups?${alertParams(q)}`, signal ? { signal } : undefined));
}

export async function fetchAlerts(q: AlertQuery, signal?: AbortSignal): Promise<GettableAlert[]> {
  return decodeAlerts(await jsonApi<unknown>(`/api/v2/alerts?${alertParams(q)}`, signal ? { signal } : undefined));
}

/** The alerts a silence with these matchers would affect (every state, as the upstream preview). */
export function fetchPreviewAlerts(matchers: readonly Matcher[], signal?: AbortSignal): Promise<GettableAlert[]> {
  return fetchAlerts({ matchers, silenced: true, inhibited: true, muted: true, active: true, receiver: '' }, signal);
}

/** The silences; a filter keeps those having each given matcher (as the API filters). */
export async function fetchSilences(filter: readonly Matcher[] = [], signal?: AbortSignal): Promise<GettableSilence[]> {
  const p = new URLSearchParams();
  for (const m of filter) p.append('filter', formatMatcher(m));
  const q = p.toString();
  return decodeSilences(await jsonApi<unknown>(`/api/v2/silences${q === '' ? '' : `?${q}`}`, signal ? { signal } : undefined));
}

export async function fetchSilence(id: string, signal?: AbortSignal): Promise<GettableSilence> {
  return decodeSilence(await jsonApi<unknown>(`/api/v2/silence/${encodeURIComponent(id)}`, signal ? { signal } : undefined));
}

/** Creates or (with an id) updates a silence; resolves with its id. */
export async function postSilence(s: PostableSilence): Promise<string> {
  return decodeSilenceID(await jsonApi<unknown>('/api/v2/silences', { method: 'POST', body: s }));
}

export async function expireSilence(id: string): Promise<void> {
  await jsonApi<unknown>(`/api/v2/silence/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function fetchStatus(signal?: AbortSignal): Promise<AlertmanagerStatus> {
  return decodeStatus(await jsonApi<unknown>('/api/v2/status', signal ? { signal } : undefined));
}

export async function fetchReceivers(signal?: AbortSignal): Promise<string[]> {
  return decodeReceivers(await jsonApi<unknown>('/api/v2/receivers', signal ? { signal } : undefined));
}
