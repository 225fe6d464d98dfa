/**
 * #/silences/new (pre-filled from `filter` and `comment`, as the upstream UI's links from an
 * alert or a duplicated silence) and #/silences/{id}/edit (the silence loaded from the API).
 */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import '../../alertmanager/am.css';
import { fetchSilence } from '../../alertmanager/client';
import { fromApiMatcher, matchersFromParam } from '../../alertmanager/matchers';
import type { GettableSilence } from '../../alertmanager/model';
import { DEFAULT_DURATION_MS, rememberedCreator, SilenceForm, type SilenceFormInit } from '../../alertmanager/silence-form';
import { useApi } from '../../alertmanager/use-api';
import { href, useRoute } from '../../lib/router';

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000) * 1000;
}

function newInit(p: URLSearchParams): SilenceFormInit {
  const start = nowSeconds();
  return {
    matchers: matchersFromParam(p.get('filter')),
    startsAt: start,
    endsAt: start + DEFAULT_DURATION_MS,
    createdBy: rememberedCreator(),
    comment: p.get('comment') ?? '',
  };
}

/** An expired silence cannot be changed: editing it starts a new one with its matchers. */
function editInit(s: GettableSilence): SilenceFormInit {
  const base = { matchers: s.matchers.map(fromApiMatcher), createdBy: s.createdBy, comment: s.comment };
  if (s.state === 'expired') {
    const start = nowSeconds();
    return { ...base, startsAt: start, endsAt: start + DEFAULT_DURATION_MS };
  }
  return { ...base, id: s.id, startsAt: Date.parse(s.startsAt), endsAt: Date.parse(s.endsAt) };
}

function EditSilence(props: { id: string }): JSX.Element {
  const silence = useApi((signal) => fetchSilence(props.id, signal), [props.id]);
  const init = useMemo(() => (silence.data === null ? null : editInit(silence.data)), [silence.data]);
  return (
    <section class="page">
      <div class="am-page-head">
        <h1>Edit silence</h1>
        <a href={href(`/silences/${props.id}`)} class="mono">{props.id}</a>
      </div>
      {silence.error !== null && <ErrorBox title="Cannot load the silence" message={silence.error} />}
      {silence.data?.state === 'expired' && <p class="muted">This silence has expired: saving creates a new silence.</p>}
      {init === null ? silence.error === null && <div class="loading">Loading…</div> : <SilenceForm key={props.id} init={init} />}
    </section>
  );
}

function NewSilence(): JSX.Element {
  const route = useRoute();
  const key = route.params.toString();
  const init = useMemo(() => newInit(route.params), [key]);
  return (
    <section class="page">
      <div class="am-page-head">
        <h1>New silence</h1>
      </div>
      <SilenceForm key={key} init={init} />
    </section>
  );
}

export function SilenceEditPage(props: { id?: string }): JSX.Element {
  return props.id === undefined ? <NewSilence /> : <EditSilence id={props.id} />;
}
