/**
 * #/silences: tabs Active / Pending / Expired with their counts, a matcher filter (URL `filter`,
 * passed to the API, which keeps silences having each matcher), one card per silence.
 */
import type { JSX } from 'preact';
import { ErrorBox } from '../../components/error-box';
import '../../alertmanager/am.css';
import { fetchSilences } from '../../alertmanager/client';
import { FilterBar } from '../../alertmanager/filter-bar';
import { formatMatchers, type Matcher, matchersFromParam } from '../../alertmanager/matchers';
import type { SilenceState } from '../../alertmanager/model';
import { SilenceItem } from '../../alertmanager/silence-card';
import { useApi } from '../../alertmanager/use-api';
import { href, navigate, useRoute } from '../../lib/router';

const TABS: readonly { state: SilenceState; label: string }[] = [
  { state: 'active', label: 'Active' },
  { state: 'pending', label: 'Pending' },
  { state: 'expired', label: 'Expired' },
];

function params(filter: readonly Matcher[], tab: SilenceState): Record<string, string> {
  const p: Record<string, string> = {};
  const f = formatMatchers(filter);
  if (f !== '') p['filter'] = f;
  if (tab !== 'active') p['state'] = tab;
  return p;
}

export function SilencesPage(): JSX.Element {
  const route = useRoute();
  const filterText = route.params.get('filter');
  const matchers = matchersFromParam(filterText);
  const st = route.params.get('state');
  const tab: SilenceState = st === 'pending' || st === 'expired' ? st : 'active';
  const silences = useApi((signal) => fetchSilences(matchers, signal), [formatMatchers(matchers)]);
  const all = silences.data ?? [];
  const rows = all.filter((s) => s.state === tab);
  return (
    <section class="page">
      <div class="am-page-head">
        <h1>Silences</h1>
        <a class="am-button-link primary" data-testid="new-silence" href={href('/silences/new')}>New silence</a>
      </div>
      <div class="am-toolbar">
        <FilterBar
          matchers={matchers}
          onChange={(ms) => navigate('/silences', params(ms, tab))}
          placeholder='Filter silences, e.g. alertname="Watchdog"'
        />
      </div>
      <nav class="am-tabs" role="tablist">
        {TABS.map((t) => (
          <a
            key={t.state}
            role="tab"
            aria-selected={t.state === tab}
            data-testid={`silence-tab-${t.state}`}
            class={t.state === tab ? 'active' : ''}
            href={href('/silences', params(matchers, t.state))}
          >
            {t.label}
            <span class="am-count">{silences.data === null ? '…' : all.filter((s) => s.state === t.state).length}</span>
          </a>
        ))}
      </nav>
      {silences.error !== null && <ErrorBox message={silences.error} />}
      {silences.data === null && silences.error === null && <div class="loading">Loading…</div>}
      {silences.data !== null && rows.length === 0 && <p class="muted">No {tab} silences{matchers.length > 0 ? ' match the filter' : ''}.</p>}
      <ul class="am-silence-list">
        {rows.map((s) => <SilenceItem key={s.id} silence={s} onChanged={silences.reload} />)}
      </ul>
    </section>
  );
}
