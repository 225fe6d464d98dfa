/**
 * Service discovery: per scrape pool, every discovered target's labels before relabeling next to
 * its labels after relabeling ("dropped" when relabeling removed it), filtered by state
 * (active/dropped) and a text search kept in the URL, as the Prometheus 3 UI shows them.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import type { Labels, ScrapePoolsResult, TargetsResult } from '../../status/api-types';
import { Collapsible, flip } from '../../status/collapsible';
import { ExpandAllButton, PoolSelect, SearchInput, StateFilter } from '../../status/filters';
import { LabelBadges } from '../../status/label-badges';
import { LinkButton, Loaded, Notice } from '../../status/page-parts';
import { poolsToShow, POOL_DISPLAY_LIMIT } from '../../status/pools';
import { labelTexts, matchesSearch } from '../../status/text-search';
import { useApi } from '../../status/use-api';
import { useUrlState } from '../../status/url-state';
import '../../status/status.css';

interface SdTarget {
  discoveredLabels: Labels;
  labels: Labels;
  dropped: boolean;
}

interface SdPool {
  targets: SdTarget[];
  active: number;
  /** Targets the answer lists (active + dropped with details). */
  total: number;
  /** Targets the server knows of (dropped ones beyond keep_dropped_targets included). */
  serverTotal: number;
}

function buildPools(names: readonly string[], data: TargetsResult, search: string, states: readonly string[]): Map<string, SdPool> {
  const pools = new Map<string, SdPool>();
  const pool = (n: string): SdPool => {
    let p = pools.get(n);
    if (p === undefined) pools.set(n, (p = { targets: [], active: 0, total: 0, serverTotal: data.droppedTargetCounts?.[n] ?? 0 }));
    return p;
  };
  for (const n of names) pool(n);
  const wantActive = states.length === 0 || states.includes('active');
  const wantDropped = states.length === 0 || states.includes('dropped');
  for (const t of data.activeTargets) {
    const p = pool(t.scrapePool);
    p.active++;
    p.total++;
    p.serverTotal++;
    if (!wantActive || !matchesSearch(search, [...labelTexts(t.labels), ...labelTexts(t.discoveredLabels)])) continue;
    p.targets.push({ discoveredLabels: t.discoveredLabels, labels: t.labels, dropped: false });
  }
  for (const t of data.droppedTargets) {
    const p = pool(t.scrapePool);
    p.total++;
    if (p.serverTotal < p.total) p.serverTotal = p.total;
    if (!wantDropped || !matchesSearch(search, labelTexts(t.discoveredLabels))) continue;
    p.targets.push({ discoveredLabels: t.discoveredLabels, labels: {}, dropped: true });
  }
  return pools;
}

function SdTable(props: { targets: readonly SdTarget[] }): JSX.Element {
  return (
    <table class="st-table st-cards">
      <thead>
        <tr>
          <th style={{ width: '50%' }}>Discovered labels</th>
          <th style={{ width: '50%' }}>Target labels</th>
        </tr>
      </thead>
      <tbody>
        {props.targets.map((t, i) => (
          <tr key={i} data-testid="sd-row" data-state={t.dropped ? 'dropped' : 'active'}>
            <td data-label="Discovered labels"><LabelBadges labels={t.discoveredLabels} variant="discovered" stacked /></td>
            <td data-label="Target labels">
              {t.dropped ? <span class="st-dropped" data-testid="dropped">dropped</span> : <LabelBadges labels={t.labels} stacked />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SdPoolPanel(props: { name: string; pool: SdPool; open: boolean; onToggle: () => void }): JSX.Element {
  const p = props.pool;
  return (
    <Collapsible
      open={props.open}
      onToggle={props.onToggle}
      tone={p.active > 0 ? 'ok' : p.serverTotal > 0 ? 'info' : 'unknown'}
      testid="sd-pool"
      attrs={{ 'data-pool': props.name }}
      title={props.name}
      aside={<span title="active / discovered targets">{p.active} / {p.serverTotal} active</span>}
    >
      {p.total !== p.serverTotal && (
        <Notice title="Only showing partial dropped targets" tone="warn">
          {p.serverTotal - p.total} further dropped targets are not shown here because the server only kept details on a maximum of {p.total - p.active} dropped
          targets (<code>keep_dropped_targets</code> configuration setting).
        </Notice>
      )}
      {p.total === 0 ? (
        <Notice title="No targets">No targets in this scrape pool.</Notice>
      ) : p.targets.length === 0 ? (
        <Notice title="No matching targets">No targets in this pool match your filter criteria (omitted {p.total} filtered targets).</Notice>
      ) : (
        <SdTable targets={p.targets} />
      )}
    </Collapsible>
  );
}

function PoolList(props: { names: readonly string[]; data: TargetsResult; search: string; states: readonly string[]; collapsed: Set<string>; toggle: (p: string) => void }): JSX.Element {
  const [showEmpty, setShowEmpty] = useState(false);
  const pools = useMemo(() => buildPools(props.names, props.data, props.search, props.states), [props.names, props.data, props.search, props.states.join('\n')]);
  const all = [...pools.keys()];
  const shown = showEmpty ? all : all.filter((n) => (pools.get(n)?.targets.length ?? 0) > 0);
  return (
    <div class="st-list">
      {all.length === 0 ? (
        <Notice title="No scrape pools found">No scrape pools found.</Notice>
      ) : (
        !showEmpty && all.length !== shown.length && (
          <Notice title="Hiding pools with no matching targets">
            Hiding {all.length - shown.length} empty pools due to filters or no targets.
            <LinkButton onClick={() => setShowEmpty(true)}>Show empty pools</LinkButton>
          </Notice>
        )
      )}
      {shown.map((name) => {
        const p = pools.get(name);
        return p === undefined ? null : <SdPoolPanel key={name} name={name} pool={p} open={!props.collapsed.has(name)} onToggle={() => props.toggle(name)} />;
      })}
    </div>
  );
}

export function ServiceDiscoveryPage(): JSX.Element {
  const url = useUrlState();
  const poolsState = useApi<ScrapePoolsResult>('/api/v1/scrape_pools');
  const allPools = poolsState.data?.scrapePools ?? [];
  const { selected, limited } = poolsToShow(allPools, url.get('pool'));
  const targets = useApi<TargetsResult>('/api/v1/targets', { scrapePool: selected });
  const states = url.getAll('state');
  const search = url.get('search');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (p: string): void => setCollapsed(flip(collapsed, p));
  const names = selected !== '' ? [selected] : allPools;
  return (
    <section class="page st-page" data-testid="service-discovery-page">
      <h1>Service discovery</h1>
      <div class="st-toolbar">
        <PoolSelect pools={allPools} value={selected} onChange={(p) => url.set('pool', p)} />
        <StateFilter label="Filter by state" options={['active', 'dropped']} values={states} onChange={(v) => url.set('state', v)} />
        <SearchInput value={search} onInput={(v) => url.set('search', v)} placeholder="Filter by labels" />
        <ExpandAllButton collapsed={collapsed.size > 0} onClick={() => setCollapsed(collapsed.size > 0 ? new Set() : new Set(names))} />
        <button type="button" onClick={targets.reload} data-testid="refresh">Refresh</button>
      </div>
      {limited && (
        <Notice title="Found many pools, showing only one">
          There are more than {POOL_DISPLAY_LIMIT} scrape pools. Showing only the first one. Use the dropdown to select a different pool.
        </Notice>
      )}
      {poolsState.error !== null && <ErrorBox title="Error fetching scrape pools" message={poolsState.error} />}
      <Loaded state={targets} what="targets">
        {(data) => <PoolList names={names} data={data} search={search} states={states} collapsed={collapsed} toggle={toggle} />}
      </Loaded>
    </section>
  );
}
