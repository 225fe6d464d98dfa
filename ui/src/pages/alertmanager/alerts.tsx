/**
 * #/alerts as Alertmanager's UI: a matcher filter, Silenced / Inhibited / Muted toggles and a
 * receiver selector (all kept in the URL: filter, silenced, inhibited, muted, receiver), then the
 * alerts grouped as the routing tree groups them.
 */
import type { JSX } from 'preact';
import { ErrorBox } from '../../components/error-box';
import '../../alertmanager/am.css';
import { AlertGroupCard } from '../../alertmanager/alert-card';
import { type AlertQuery, fetchAlertGroups, fetchReceivers } from '../../alertmanager/client';
import { FilterBar } from '../../alertmanager/filter-bar';
import { escapeRegex, filterParamError, formatMatchers, type Matcher, matchersFromParam, sameMatcher } from '../../alertmanager/matchers';
import type { AlertGroup } from '../../alertmanager/model';
import { useApi } from '../../alertmanager/use-api';
import { href, navigate, useRoute } from '../../lib/router';

/** A flag as the upstream UI reads it: present and not "false" is on; absent is the default. */
function flag(p: URLSearchParams, name: string, def: boolean): boolean {
  const v = p.get(name);
  return v === null ? def : v.toLowerCase() !== 'false';
}

function readQuery(p: URLSearchParams): AlertQuery {
  return {
    matchers: matchersFromParam(p.get('filter')),
    silenced: flag(p, 'silenced', false),
    inhibited: flag(p, 'inhibited', false),
    muted: flag(p, 'muted', false),
    active: flag(p, 'active', true),
    receiver: p.get('receiver') ?? '',
  };
}

function queryParams(q: AlertQuery): URLSearchParams {
  const p = new URLSearchParams();
  p.set('silenced', String(q.silenced));
  p.set('inhibited', String(q.inhibited));
  p.set('muted', String(q.muted));
  if (!q.active) p.set('active', 'false');
  const f = formatMatchers(q.matchers);
  if (f !== '') p.set('filter', f);
  if (q.receiver !== '') p.set('receiver', q.receiver);
  return p;
}

/** Alertmanager 0.25 ignores `muted`; drop muted alerts here when they are to be hidden. */
function withoutMuted(groups: AlertGroup[], showMuted: boolean): AlertGroup[] {
  if (showMuted) return groups;
  return groups
    .map((g) => ({ ...g, alerts: g.alerts.filter((a) => a.status.mutedBy.length === 0) }))
    .filter((g) => g.alerts.length > 0);
}

function ReceiverSelect(props: { value: string; onChange: (v: string) => void }): JSX.Element {
  const receivers = useApi((signal) => fetchReceivers(signal), []);
  const names = receivers.data ?? [];
  const known = props.value === '' || names.some((n) => escapeRegex(n) === props.value);
  return (
    <label class="am-receiver">
      <span>Receiver</span>
      <select data-testid="receiver-select" value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">All</option>
        {names.map((n) => <option key={n} value={escapeRegex(n)}>{n}</option>)}
        {!known && <option value={props.value}>{props.value}</option>}
      </select>
    </label>
  );
}

function Toggle(props: { label: string; checked: boolean; onChange: (v: boolean) => void }): JSX.Element {
  return (
    <label class="am-check">
      <input type="checkbox" data-testid={`toggle-${props.label.toLowerCase()}`} checked={props.checked} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      {props.label}
    </label>
  );
}

export function AmAlertsPage(): JSX.Element {
  const route = useRoute();
  const q = readQuery(route.params);
  const key = queryParams(q).toString();
  const groups = useApi((signal) => fetchAlertGroups(q, signal), [key]);
  const update = (patch: Partial<AlertQuery>): void => navigate('/alerts', queryParams({ ...q, ...patch }));
  const addLabel = (name: string, value: string): void => {
    const m: Matcher = { name, op: '=', value };
    if (!q.matchers.some((x) => sameMatcher(x, m))) update({ matchers: [...q.matchers, m] });
  };
  const shown = groups.data === null ? null : withoutMuted(groups.data, q.muted);
  const count = shown?.reduce((n, g) => n + g.alerts.length, 0) ?? 0;
  return (
    <section class="page">
      <div class="am-page-head">
        <h1>Alerts</h1>
        <span class="am-actions">
          <button type="button" onClick={groups.reload} disabled={groups.loading}>Refresh</button>
          <a class="am-button-link primary" href={href('/silences/new', q.matchers.length > 0 ? { filter: formatMatchers(q.matchers) } : undefined)}>New silence</a>
        </span>
      </div>
      <div class="am-toolbar">
        <FilterBar matchers={q.matchers} onChange={(matchers) => update({ matchers })} />
        <div class="am-toggles">
          <ReceiverSelect value={q.receiver} onChange={(receiver) => update({ receiver })} />
          <Toggle label="Silenced" checked={q.silenced} onChange={(silenced) => update({ silenced })} />
          <Toggle label="Inhibited" checked={q.inhibited} onChange={(inhibited) => update({ inhibited })} />
          <Toggle label="Muted" checked={q.muted} onChange={(muted) => update({ muted })} />
        </div>
      </div>
      {filterParamError(route.params.get('filter')) !== null && (
        <ErrorBox title="The filter in the URL is not valid and is ignored" message={filterParamError(route.params.get('filter')) ?? ''} />
      )}
      {groups.error !== null && <ErrorBox message={groups.error} />}
      {shown === null && groups.error === null && <div class="loading">Loading…</div>}
      {shown !== null && shown.length === 0 && <p class="muted" data-testid="no-alert-groups">No alert groups found</p>}
      {shown !== null && shown.length > 0 && (
        <>
          <p class="muted">{shown.length} {shown.length === 1 ? 'group' : 'groups'}, {count} {count === 1 ? 'alert' : 'alerts'}</p>
          {shown.map((g, i) => <AlertGroupCard key={`${i}:${g.receiver}:${JSON.stringify(g.labels)}`} group={g} onLabelClick={addLabel} />)}
        </>
      )}
    </section>
  );
}
