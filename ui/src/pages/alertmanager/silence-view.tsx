/** #/silences/{id}: the silence's details, the alerts it affects, and Edit / Duplicate / Expire. */
import type { JSX } from 'preact';
import { ErrorBox } from '../../components/error-box';
import '../../alertmanager/am.css';
import { fetchSilence } from '../../alertmanager/client';
import { fromApiMatcher } from '../../alertmanager/matchers';
import { duplicateHref, editHref, ExpireButton, SilenceMatchers } from '../../alertmanager/silence-card';
import { SilencePreview } from '../../alertmanager/silence-preview';
import { displayTime, relativeTime } from '../../alertmanager/time';
import { useApi } from '../../alertmanager/use-api';
import { href } from '../../lib/router';

function When(props: { iso: string }): JSX.Element {
  return <span title={props.iso}>{displayTime(props.iso)} <span class="muted">({relativeTime(props.iso)})</span></span>;
}

export function SilenceViewPage(props: { id: string }): JSX.Element {
  const silence = useApi((signal) => fetchSilence(props.id, signal), [props.id]);
  const s = silence.data;
  return (
    <section class="page">
      <div class="am-page-head">
        <h1>Silence</h1>
        {s !== null && (
          <span class="am-actions">
            {s.state !== 'expired' && <a class="am-button-link" data-testid="edit-silence" href={editHref(s)}>Edit</a>}
            <a class="am-button-link" data-testid="duplicate-silence" href={duplicateHref(s)}>Duplicate</a>
            <ExpireButton silence={s} onExpired={silence.reload} />
          </span>
        )}
      </div>
      {silence.error !== null && (
        <ErrorBox title="Cannot load the silence" message={silence.error === '404 Not Found' ? `silence ${props.id} not found` : silence.error} />
      )}
      {s === null && silence.error === null && <div class="loading">Loading…</div>}
      {s !== null && (
        <>
          <div class="am-card" data-testid="silence-details" data-state={s.state}>
            <dl class="am-kv">
              <dt>ID</dt><dd class="mono">{s.id}</dd>
              <dt>State</dt><dd><span class={`badge ${s.state === 'active' ? 'ok' : s.state === 'pending' ? 'pending' : ''}`}>{s.state}</span></dd>
              <dt>Matchers</dt><dd><SilenceMatchers silence={s} /></dd>
              <dt>Starts</dt><dd><When iso={s.startsAt} /></dd>
              <dt>Ends</dt><dd><When iso={s.endsAt} /></dd>
              <dt>Updated</dt><dd><When iso={s.updatedAt} /></dd>
              <dt>Created by</dt><dd>{s.createdBy}</dd>
              <dt>Comment</dt><dd class="am-comment">{s.comment}</dd>
            </dl>
          </div>
          <SilencePreview matchers={s.matchers.map(fromApiMatcher)} title="Affected alerts" />
          <p><a href={href('/silences')}>All silences</a></p>
        </>
      )}
    </section>
  );
}
