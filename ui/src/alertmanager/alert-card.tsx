/**
 * Alerts as Alertmanager's UI shows them: a group card (the group's labels and receiver) with
 * one item per alert: start time, state (silenced by a silence, inhibited, muted), labels (a
 * click adds the label to the filter), annotations, the generator link and a Silence button.
 */
import type { JSX } from 'preact';
import { href } from '../lib/router';
import { formatMatchers, matchersFromLabels } from './matchers';
import type { AlertGroup, GettableAlert, LabelSet } from './model';
import { displayTime, relativeTime } from './time';
import './am.css';

export type LabelClick = (name: string, value: string) => void;

/** The state a person reads: silenced, inhibited, muted, active or unprocessed. */
export function alertState(a: GettableAlert): string {
  if (a.status.silencedBy.length > 0) return 'silenced';
  if (a.status.inhibitedBy.length > 0) return 'inhibited';
  if (a.status.mutedBy.length > 0) return 'muted';
  return a.status.state === '' ? 'active' : a.status.state;
}

/** Only http(s) links are followed (a javascript: generator URL must not run). */
export function safeUrl(u: string): string | null {
  try {
    const url = new URL(u, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function silenceHrefForLabels(labels: LabelSet): string {
  return href('/silences/new', { filter: formatMatchers(matchersFromLabels(labels)) });
}

export function LabelChip(props: { name: string; value: string; onClick?: LabelClick | undefined }): JSX.Element {
  const text = `${props.name}="${props.value}"`;
  const onClick = props.onClick;
  if (onClick === undefined) return <span class="am-label">{text}</span>;
  return (
    <button type="button" class="am-label am-label-button" title="Filter by this label" onClick={() => onClick(props.name, props.value)}>
      {text}
    </button>
  );
}

function Annotations(props: { annotations: LabelSet }): JSX.Element | null {
  const entries = Object.entries(props.annotations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return null;
  return (
    <dl class="am-annotations">
      {entries.map(([k, v]) => {
        const link = /^https?:\/\/\S+$/.test(v) ? safeUrl(v) : null;
        return (
          <div class="am-annotation" key={k}>
            <dt>{k}</dt>
            <dd>{link !== null ? <a href={link} target="_blank" rel="noopener noreferrer">{v}</a> : v}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function StateBadges(props: { alert: GettableAlert }): JSX.Element {
  const st = props.alert.status;
  return (
    <span class="am-state">
      {st.silencedBy.map((id) => (
        <a class="badge am-badge-silenced" href={href(`/silences/${id}`)} key={id} title={`Silenced by ${id}`}>
          Silenced by <span class="mono">{id.slice(0, 8)}</span>
        </a>
      ))}
      {st.inhibitedBy.length > 0 && <span class="badge am-badge-inhibited" title={`Inhibited by ${st.inhibitedBy.join(', ')}`}>Inhibited</span>}
      {st.mutedBy.length > 0 && <span class="badge am-badge-inhibited" title={`Muted by ${st.mutedBy.join(', ')}`}>Muted</span>}
      {st.state === 'unprocessed' && <span class="badge warn">Unprocessed</span>}
    </span>
  );
}

export interface AlertItemProps {
  alert: GettableAlert;
  /** Labels not to repeat (those in the group header). */
  hideLabels?: LabelSet;
  onLabelClick?: LabelClick | undefined;
  /** Shows the Silence / Link actions (not in the silence preview). */
  actions?: boolean;
}

export function AlertItem(props: AlertItemProps): JSX.Element {
  const a = props.alert;
  const hide = props.hideLabels ?? {};
  const labels = Object.keys(a.labels)
    .filter((k) => hide[k] !== a.labels[k])
    .sort((x, y) => (x === 'alertname' ? -1 : y === 'alertname' ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const gen = a.generatorURL === '' ? null : safeUrl(a.generatorURL);
  const state = alertState(a);
  return (
    <li class="am-alert" data-testid="alert-item" data-state={state} data-fingerprint={a.fingerprint}>
      <div class="am-alert-head">
        <span class="am-time" title={a.startsAt}>
          {displayTime(a.startsAt)} <span class="muted">({relativeTime(a.startsAt)})</span>
        </span>
        <StateBadges alert={a} />
        {props.actions !== false && (
          <span class="am-actions">
            {gen !== null && <a class="am-action" href={gen} target="_blank" rel="noopener noreferrer">Source</a>}
            {a.status.silencedBy.length === 0 && (
              <a class="am-action" data-testid="silence-alert" href={silenceHrefForLabels(a.labels)}>Silence</a>
            )}
            <a class="am-action" href={href('/alerts', { filter: formatMatchers(matchersFromLabels(a.labels)), silenced: 'true', inhibited: 'true', muted: 'true' })}>Link</a>
          </span>
        )}
      </div>
      <div class="am-labels">
        {labels.map((k) => <LabelChip key={k} name={k} value={a.labels[k] ?? ''} onClick={props.onLabelClick} />)}
      </div>
      <Annotations annotations={a.annotations} />
    </li>
  );
}

export function AlertGroupCard(props: { group: AlertGroup; onLabelClick?: LabelClick }): JSX.Element {
  const g = props.group;
  const names = Object.keys(g.labels).sort();
  return (
    <section class="am-card" data-testid="alert-group" data-receiver={g.receiver}>
      <header class="am-card-head">
        <div class="am-labels">
          {names.length === 0 ? <span class="am-label">Not grouped</span> : names.map((k) => (
            <LabelChip key={k} name={k} value={g.labels[k] ?? ''} onClick={props.onLabelClick} />
          ))}
        </div>
        <span class="am-group-meta">
          <span class="muted">receiver:</span> <strong>{g.receiver}</strong>
          <span class="muted"> · {g.alerts.length} {g.alerts.length === 1 ? 'alert' : 'alerts'}</span>
          {names.length > 0 && (
            <> <a class="am-action" href={silenceHrefForLabels(g.labels)} title="Silence every alert of this group">Silence group</a></>
          )}
        </span>
      </header>
      <ul class="am-alert-list">
        {g.alerts.map((a) => <AlertItem key={a.fingerprint} alert={a} hideLabels={g.labels} onLabelClick={props.onLabelClick} />)}
      </ul>
    </section>
  );
}
