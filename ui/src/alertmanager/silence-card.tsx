/**
 * A silence in the list (matchers, times, creator, comment; View, Edit, Duplicate, Expire) and
 * the Expire button with its confirmation step, shared by the list and the view page.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBox } from '../components/error-box';
import { href } from '../lib/router';
import { expireSilence } from './client';
import { formatMatcher, formatMatchers, fromApiMatcher } from './matchers';
import type { GettableSilence } from './model';
import { errorText } from './use-api';
import { displayTime, relativeTime } from './time';
import './am.css';

export function editHref(s: GettableSilence): string {
  return href(`/silences/${s.id}/edit`);
}

export function duplicateHref(s: GettableSilence): string {
  return href('/silences/new', { filter: formatMatchers(s.matchers.map(fromApiMatcher)), comment: s.comment });
}

export function SilenceMatchers(props: { silence: GettableSilence }): JSX.Element {
  return (
    <div class="am-labels">
      {props.silence.matchers.map((m, i) => <span class="am-label" key={i}>{formatMatcher(fromApiMatcher(m))}</span>)}
    </div>
  );
}

/** Expire (DELETE /api/v2/silence/{id}) after a confirming second click. */
export function ExpireButton(props: { silence: GettableSilence; onExpired: () => void }): JSX.Element | null {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (props.silence.state === 'expired') return null;
  const expire = (): void => {
    setBusy(true);
    expireSilence(props.silence.id).then(
      () => {
        setBusy(false);
        setConfirming(false);
        props.onExpired();
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  };
  return (
    <span class="am-expire">
      {!confirming ? (
        <button type="button" class="am-danger" data-testid="expire-button" onClick={() => setConfirming(true)}>Expire</button>
      ) : (
        <>
          <button type="button" class="am-danger" data-testid="expire-confirm" disabled={busy} onClick={expire}>Confirm expire</button>
          <button type="button" onClick={() => setConfirming(false)} disabled={busy}>Cancel</button>
        </>
      )}
      {error !== null && <ErrorBox title="Expiring failed" message={error} />}
    </span>
  );
}

function timesText(s: GettableSilence): JSX.Element {
  if (s.state === 'pending') {
    return <span title={s.startsAt}>Starts {displayTime(s.startsAt)} ({relativeTime(s.startsAt)})</span>;
  }
  if (s.state === 'expired') return <span title={s.endsAt}>Expired {displayTime(s.endsAt)} ({relativeTime(s.endsAt)})</span>;
  return <span title={s.endsAt}>Ends {displayTime(s.endsAt)} ({relativeTime(s.endsAt)})</span>;
}

export function SilenceItem(props: { silence: GettableSilence; onChanged: () => void }): JSX.Element {
  const s = props.silence;
  return (
    <li class="am-card am-silence" data-testid="silence-item" data-silence-id={s.id} data-state={s.state}>
      <div class="am-silence-head">
        <span class="am-time">{timesText(s)}</span>
        <span class="am-actions">
          <a class="am-action" href={href(`/silences/${s.id}`)}>View</a>
          {s.state !== 'expired' && <a class="am-action" href={editHref(s)}>Edit</a>}
          <a class="am-action" href={duplicateHref(s)}>Duplicate</a>
          <ExpireButton silence={s} onExpired={props.onChanged} />
        </span>
      </div>
      <SilenceMatchers silence={s} />
      <div class="am-silence-meta">
        <span class="muted">Created by</span> <strong>{s.createdBy}</strong>
        {s.comment !== '' && <span class="am-comment"> · {s.comment}</span>}
      </div>
    </li>
  );
}
