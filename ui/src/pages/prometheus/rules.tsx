/**
 * Rules: every rule group (interval, last evaluation, evaluation time) and its recording and
 * alerting rules (query, health, last evaluation, duration, error), filtered by health and a
 * text search kept in the URL, as the Prometheus 3 UI shows them.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Rule, RuleGroup, RulesResult } from '../../status/api-types';
import { Collapsible, flip, isOpen } from '../../status/collapsible';
import { SearchInput, StateFilter } from '../../status/filters';
import { CopyButton, LinkButton, Loaded, Notice } from '../../status/page-parts';
import { Pagination } from '../../status/pagination';
import { effectivePage, GROUPS_PER_PAGE } from '../../status/pagination-math';
import { RuleDefinition } from '../../status/rule-definition';
import { StateBadge, StatBadge, stateTone } from '../../status/state-badge';
import { labelTexts, matchesSearch } from '../../status/text-search';
import { humanizeDuration, humanizeDurationRelative, secondsToMs } from '../../status/time-format';
import { useApi } from '../../status/use-api';
import { useUrlState } from '../../status/url-state';
import '../../status/status.css';

type FilteredGroup = RuleGroup & { prefilterCount: number };

function filterGroups(groups: readonly RuleGroup[], search: string, health: readonly string[]): FilteredGroup[] {
  return groups.map((g) => ({
    ...g,
    prefilterCount: g.rules.length,
    rules: g.rules.filter(
      (r) => (health.length === 0 || health.includes(r.health)) && matchesSearch(search, [r.name, ...labelTexts(r.labels)]),
    ),
  }));
}

/** The statistics badges of a group: last run, evaluation time, interval. */
function GroupStats(props: { group: RuleGroup; now: number }): JSX.Element {
  const g = props.group;
  return (
    <div class="st-stats">
      <StatBadge title="Last group evaluation" icon="refresh">last run {humanizeDurationRelative(g.lastEvaluation, props.now)}</StatBadge>
      <StatBadge title="Duration of last group evaluation" icon="hourglass">took {humanizeDuration(secondsToMs(g.evaluationTime))}</StatBadge>
      <StatBadge title="Group evaluation interval" icon="repeat">every {humanizeDuration(secondsToMs(g.interval))}</StatBadge>
    </div>
  );
}

function RulePanel(props: { rule: Rule; open: boolean; onToggle: () => void; now: number }): JSX.Element {
  const r = props.rule;
  return (
    <Collapsible
      open={props.open}
      onToggle={props.onToggle}
      tone={stateTone(r.health)}
      testid="rule"
      attrs={{ 'data-rule-name': r.name, 'data-health': r.health, 'data-type': r.type }}
      title={
        <>
          <span class="st-kind" title={r.type === 'alerting' ? 'Alerting rule' : 'Recording rule'}>{r.type === 'alerting' ? 'alert' : 'record'}</span>
          <span data-testid="rule-name">{r.name}</span>
        </>
      }
      aside={
        <>
          <CopyButton text={r.name} label="Copy rule name" testid="copy-rule-name" compact />
          <StatBadge title="Last rule evaluation" icon="refresh">{humanizeDurationRelative(r.lastEvaluation, props.now)}</StatBadge>
          <StatBadge title="Duration of last rule evaluation" icon="hourglass">{humanizeDuration(secondsToMs(r.evaluationTime))}</StatBadge>
          <StateBadge state={r.health} />
        </>
      }
    >
      <RuleDefinition rule={r} />
      {r.lastError !== undefined && r.lastError !== '' && (
        <div class="st-error" data-testid="rule-error" style={{ marginTop: '8px' }}>
          <strong>Rule failed to evaluate:</strong> {r.lastError}
        </div>
      )}
    </Collapsible>
  );
}

function GroupCard(props: { group: FilteredGroup; toggled: ReadonlySet<string>; toggle: (key: string) => void; onHideEmpty: () => void }): JSX.Element {
  const g = props.group;
  const now = Date.now();
  return (
    <section class="st-card" data-testid="rule-group" data-group={g.name}>
      <div class="st-group-head">
        <div>
          <span class="st-group-name">{g.name}</span>
          <span class="st-group-file">{g.file}</span>
        </div>
        <GroupStats group={g} now={now} />
      </div>
      {g.prefilterCount === 0 ? (
        <Notice title="No rules">No rules in this group.<LinkButton onClick={props.onHideEmpty}>Hide empty groups</LinkButton></Notice>
      ) : g.rules.length === 0 ? (
        <Notice title="No matching rules">
          No rules in this group match your filter criteria (omitted {g.prefilterCount} filtered rules).
          <LinkButton onClick={props.onHideEmpty}>Hide empty groups</LinkButton>
        </Notice>
      ) : (
        g.rules.map((r, i) => {
          const key = `${g.file};${g.name};${i};${r.name}`;
          return <RulePanel key={key} rule={r} now={now} open={isOpen(props.toggled, key, r.health === 'err')} onToggle={() => props.toggle(key)} />;
        })
      )}
    </section>
  );
}

function RuleGroups(props: { data: RulesResult; search: string; health: readonly string[]; page: string; setPage: (p: number) => void }): JSX.Element {
  const [showEmpty, setShowEmpty] = useState(false);
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  const groups = useMemo(() => filterGroups(props.data.groups, props.search, props.health), [props.data, props.search, props.health.join('\n')]);
  const shown = showEmpty ? groups : groups.filter((g) => g.rules.length > 0);
  const { page, pages } = effectivePage(props.page, shown.length);
  const current = shown.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE);
  return (
    <>
      {groups.length === 0 ? (
        <Notice title="No rules found">No rules found.</Notice>
      ) : (
        !showEmpty && groups.length !== shown.length && (
          <Notice title="Hiding groups with no matching rules">
            Hiding {groups.length - shown.length} empty groups due to filters or no rules.
            <LinkButton onClick={() => setShowEmpty(true)}>Show empty groups</LinkButton>
          </Notice>
        )
      )}
      <Pagination page={page} pages={pages} onChange={props.setPage} />
      {current.map((g) => (
        <GroupCard key={`${g.file};${g.name}`} group={g} toggled={toggled} toggle={(k) => setToggled(flip(toggled, k))} onHideEmpty={() => setShowEmpty(false)} />
      ))}
    </>
  );
}

export function RulesPage(): JSX.Element {
  const url = useUrlState();
  const rules = useApi<RulesResult>('/api/v1/rules');
  const health = url.getAll('health');
  return (
    <section class="page st-page" data-testid="rules-page">
      <h1>Rules</h1>
      <div class="st-toolbar">
        <StateFilter label="Filter by rule health" options={['ok', 'unknown', 'err']} values={health} onChange={(v) => url.set('health', v)} />
        <SearchInput value={url.get('search')} onInput={(v) => url.set('search', v)} placeholder="Filter by rule name or labels" />
        <button type="button" onClick={rules.reload} data-testid="refresh">Refresh</button>
      </div>
      <Loaded state={rules} what="rules">
        {(data) => <RuleGroups data={data} search={url.get('search')} health={health} page={url.get('page')} setPage={(p) => url.set('page', String(p))} />}
      </Loaded>
    </section>
  );
}
