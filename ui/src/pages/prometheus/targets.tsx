/**
 * Targets: the active scrape targets grouped by scrape pool (collapsible), filtered by health
 * and a text search (kept in the URL: ?pool=&health=&search=), as the Prometheus 3 UI shows them.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ScrapePoolsResult, Target, TargetsResult } from '../../status/api-types';
import { ErrorBox } from '../../components/error-box';
import { Collapsible, flip } from '../../status/collapsible';
import { EndpointLink } from '../../status/endpoint-link';
import { ExpandAllButton, PoolSelect, SearchInput, StateFilter } from '../../status/filters';
import { LabelBadges } from '../../status/label-badges';
import { LinkButton, Loaded, Notice } from '../../status/page-parts';
import { poolsToShow, POOL_DISPLAY_LIMIT } from '../../status/pools';
import { StateBadge, StatBadge } from '../../status/state-badge';
import type { Tone } from '../../status/state-badge';
import { labelTexts, matchesSearch } from '../../status/text-search';
import { humanizeDuration, humanizeDurationRelative } from '../../status/time-format';
import { useApi } from '../../status/use-api';
import { useUrlState } from '../../status/url-state';
import '../../status/status.css';

interface Pool {
  targets: Target[];
  count: number;
  up: number;
  down: number;
  unknown: number;
}

function buildPools(names: readonly string[], targets: readonly Target[], search: string, health: readonly string[]): Map<string, Pool> {
  const pools = new Map<string, Pool>();
  const pool = (n: string): Pool => {
    let p = pools.get(n);
    if (p === undefined) pools.set(n, (p = { targets: [], count: 0, up: 0, down: 0, unknown: 0 }));
    return p;
  };
  for (const n of names) pool(n);
  for (const t of targets) {
    const p = pool(t.scrapePool);
    p.count++;
    const h = t.health.toLowerCase();
    if (h === 'up') p.up++;
    else if (h === 'down') p.down++;
    else p.unknown++;
    if (health.length > 0 && !health.includes(h)) continue;
    if (!matchesSearch(search, [t.scrapeUrl, t.scrapePool, ...labelTexts(t.labels)])) continue;
    p.targets.push(t);
  }
  return pools;
}

function poolTone(p: Pool): Tone {
  if (p.count > 0 && p.down === p.count) return 'err';
  if (p.down > 0) return 'warn';
  if (p.unknown === p.count) return 'unknown';
  return 'ok';
}

function TargetLabels(props: { target: Target }): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <LabelBadges labels={props.target.labels} />
      <button
        type="button"
        class="st-toggle"
        aria-expanded={open}
        data-testid="toggle-discovered"
        title={`${open ? 'Hide' : 'Show'} discovered (pre-relabeling) labels`}
        onClick={() => setOpen(!open)}
      >
        {open ? 'hide discovered labels' : 'discovered labels…'}
      </button>
      {open && (
        <div data-testid="discovered-labels">
          <div class="st-section-title">Discovered labels:</div>
          <LabelBadges labels={props.target.discoveredLabels} variant="discovered" />
        </div>
      )}
    </div>
  );
}

function ScrapeTiming(props: { target: Target; now: number }): JSX.Element {
  const t = props.target;
  return (
    <div class="st-stats">
      <StatBadge title="Last target scrape" icon="refresh">
        <span data-testid="last-scrape">{humanizeDurationRelative(t.lastScrape, props.now)}</span>
      </StatBadge>
      <StatBadge title="Duration of last target scrape" icon="hourglass">
        <span data-testid="scrape-duration">{humanizeDuration(t.lastScrapeDuration * 1000)}</span>
      </StatBadge>
      <StatBadge title="Scrape interval and timeout">every {t.scrapeInterval}, timeout {t.scrapeTimeout}</StatBadge>
    </div>
  );
}

function TargetsTable(props: { targets: readonly Target[] }): JSX.Element {
  const now = Date.now();
  return (
    <table class="st-table st-cards">
      <thead>
        <tr>
          <th style={{ width: '25%' }}>Endpoint</th>
          <th>Labels</th>
          <th style={{ width: '230px' }}>Last scrape</th>
          <th style={{ width: '90px' }}>State</th>
        </tr>
      </thead>
      <tbody>
        {props.targets.map((t) => [
          <tr
            key={`${t.scrapeUrl}|${JSON.stringify(t.labels)}`}
            class={t.lastError !== '' ? 'st-row-with-error' : undefined}
            data-testid="target-row"
            data-health={t.health}
          >
            <td data-label="Endpoint"><EndpointLink endpoint={t.scrapeUrl} globalUrl={t.globalUrl} /></td>
            <td data-label="Labels"><TargetLabels target={t} /></td>
            <td data-label="Last scrape"><ScrapeTiming target={t} now={now} /></td>
            <td data-label="State"><StateBadge state={t.health} /></td>
          </tr>,
          t.lastError !== '' && (
            <tr class="st-error-row" key={`${t.scrapeUrl}|${JSON.stringify(t.labels)}|error`}>
              <td colSpan={4}>
                <div class="st-error" data-testid="target-error">
                  <strong>Error scraping target:</strong> {t.lastError}
                </div>
              </td>
            </tr>
          ),
        ])}
      </tbody>
    </table>
  );
}

function PoolList(props: { names: readonly string[]; data: TargetsResult; search: string; health: readonly string[]; collapsed: Set<string>; toggle: (p: string) => void }): JSX.Element {
  const [showEmpty, setShowEmpty] = useState(false);
  const pools = useMemo(
    () => buildPools(props.names, props.data.activeTargets, props.search, props.health),
    [props.names, props.data, props.search, props.health.join('\n')],
  );
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
        if (p === undefined) return null;
        return (
          <Collapsible
            key={name}
            open={!props.collapsed.has(name)}
            onToggle={() => props.toggle(name)}
            tone={poolTone(p)}
            testid="scrape-pool"
            attrs={{ 'data-pool': name }}
            title={name}
            aside={<span data-testid="pool-up-count">{p.up} / {p.count} up</span>}
          >
            {p.count === 0 ? (
              <Notice title="No targets">No active targets in this scrape pool.</Notice>
            ) : p.targets.length === 0 ? (
              <Notice title="No matching targets">No targets in this pool match your filter criteria (omitted {p.count} filtered targets).</Notice>
            ) : (
              <TargetsTable targets={p.targets} />
            )}
          </Collapsible>
        );
      })}
    </div>
  );
}

export function TargetsPage(): JSX.Element {
  const url = useUrlState();
  const poolsState = useApi<ScrapePoolsResult>('/api/v1/scrape_pools');
  const allPools = poolsState.data?.scrapePools ?? [];
  const { selected, limited } = poolsToShow(allPools, url.get('pool'));
  const targets = useApi<TargetsResult>('/api/v1/targets', { state: 'active', scrapePool: selected });
  const health = url.getAll('health');
  const search = url.get('search');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (p: string): void => setCollapsed(flip(collapsed, p));
  const names = selected !== '' ? [selected] : allPools;
  return (
    <section class="page st-page" data-testid="targets-page">
      <h1>Targets</h1>
      <div class="st-toolbar">
        <PoolSelect pools={allPools} value={selected} onChange={(p) => url.set('pool', p)} />
        <StateFilter label="Filter by target health" options={['unknown', 'up', 'down']} values={health} onChange={(v) => url.set('health', v)} />
        <SearchInput value={search} onInput={(v) => url.set('search', v)} placeholder="Filter by endpoint or labels" />
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
        {(data) => <PoolList names={names} data={data} search={search} health={health} collapsed={collapsed} toggle={toggle} />}
      </Loaded>
    </section>
  );
}
