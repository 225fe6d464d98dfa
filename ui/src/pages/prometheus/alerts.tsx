/**
 * Alerts: the alerting rules by group with their state (inactive, pending, firing) and counts,
 * filtered by state and a text search kept in the URL; each rule's query, labels, annotations
 * and active alerts (labels, state, active since, value), as the Prometheus 3 UI shows them.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Alert, AlertingRule, RulesResult } from '../../status/api-types';
import { Collapsible, flip, isOpen } from '../../status/collapsible';
import { SearchInput, StateFilter } from '../../status/filters';
import { LabelBadges } from '../../status/label-badges';
import { CopyButton, LinkButton, Loaded, Notice } from '../../status/page-parts';
import { Pagination } from '../../status/pagination';
import { effectivePage, GROUPS_PER_PAGE } from '../../status/pagination-math';
import { AnnotationsTable, RuleDefinition } from '../../status/rule-definition';
import { StateBadge } from '../../status/state-badge';
import type { Tone } from '../../status/state-badge';
import { labelTexts, matchesSearch } from '../../status/text-search';
import { humanizeDurationRelative } from '../../status/time-format';
import { useApi } from '../../status/use-api';
import { useUrlState } from '../../status/url-state';
import '../../status/status.css';

const STATES = ['inactive', 'pending', 'firing', 'unknown'] as const;
type Counts = Record<(typeof STATES)[number], number>;

interface RuleView {
  rule: AlertingRule;
  firing: number;
  pending: number;
}

interface GroupView {
  name: string;
  file: string;
  counts: Counts & { total: number };
  rules: RuleView[];
}

function zero(): Counts {
  return { inactive: 0, pending: 0, firing: 0, unknown: 0 };
}

function countState(c: Counts, state: string): void {
  if (state === 'inactive' || state === 'pending' || state === 'firing') c[state]++;
  else c.unknown++;
}

function buildPage(data: RulesResult<AlertingRule>, search: string, states: readonly string[]): { global: Counts; groups: GroupView[] } {
  const global = zero();
  const groups: GroupView[] = [];
  for (const g of data.groups) {
    const counts = { ...zero(), total: 0 };
    const rules: RuleView[] = [];
    for (const r of g.rules) {
      if (r.type !== 'alerting') continue;
      counts.total++;
      countState(counts, r.state);
      countState(global, r.state);
      if (states.length > 0 && !states.includes(r.state)) continue;
      if (!matchesSearch(search, [r.name, ...labelTexts(r.labels)])) continue;
      const alerts = r.alerts ?? [];
      rules.push({ rule: r, firing: alerts.filter((a) => a.state === 'firing').length, pending: alerts.filter((a) => a.state === 'pending').length });
    }
    groups.push({ name: g.name, file: g.file, counts, rules });
  }
  return { global, groups };
}

function ruleTone(r: RuleView): Tone {
  if (r.firing > 0) return 'err';
  if (r.pending > 0) return 'warn';
  return r.rule.state === 'unknown' ? 'unknown' : 'ok';
}

/** A number as the API gave it (e.g. "1e+00"), shown as JavaScript formats the number. */
function alertValue(v: string): string {
  const n = Number(v);
  return v.trim() === '' || Number.isNaN(n) ? v : String(n);
}

function AlertsTable(props: { alerts: readonly Alert[]; showAnnotations: boolean }): JSX.Element {
  const now = Date.now();
  return (
    <table class="st-table st-cards" data-testid="active-alerts">
      <thead>
        <tr>
          <th>Alert labels</th>
          <th>State</th>
          <th>Active since</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        {props.alerts.map((a, k) => [
          <tr key={k} data-testid="alert-row" data-state={a.state} class={props.showAnnotations && Object.keys(a.annotations).length > 0 ? 'st-row-with-error' : undefined}>
            <td data-label="Alert labels"><LabelBadges labels={a.labels} /></td>
            <td data-label="State"><StateBadge state={a.state} /></td>
            <td data-label="Active since" style={{ whiteSpace: 'nowrap' }}>
              <span title={a.activeAt} data-testid="active-since">{humanizeDurationRelative(a.activeAt, now, '')}</span>
            </td>
            <td data-label="Value" style={{ whiteSpace: 'nowrap' }}>{alertValue(a.value)}</td>
          </tr>,
          props.showAnnotations && Object.keys(a.annotations).length > 0 && (
            <tr key={`${k}-annotations`} class="st-error-row">
              <td colSpan={4}><AnnotationsTable annotations={a.annotations} /></td>
            </tr>
          ),
        ])}
      </tbody>
    </table>
  );
}

function AlertRulePanel(props: { view: RuleView; open: boolean; onToggle: () => void; showAnnotations: boolean }): JSX.Element {
  const { rule, firing, pending } = props.view;
  const alerts = rule.alerts ?? [];
  return (
    <Collapsible
      open={props.open}
      onToggle={props.onToggle}
      tone={ruleTone(props.view)}
      testid="alert-rule"
      attrs={{ 'data-rule-name': rule.name, 'data-state': rule.state }}
      title={<span data-testid="rule-name">{rule.name}</span>}
      aside={
        <>
          <CopyButton text={rule.name} label="Copy rule name" testid="copy-rule-name" compact />
          {firing > 0 && <StateBadge state="firing">firing ({firing})</StateBadge>}
          {pending > 0 && <StateBadge state="pending">pending ({pending})</StateBadge>}
          {firing === 0 && pending === 0 && <StateBadge state={rule.state} />}
          {rule.health === 'err' && <StateBadge state="err" title={rule.lastError}>error</StateBadge>}
        </>
      }
    >
      <RuleDefinition rule={rule} />
      {rule.lastError !== undefined && rule.lastError !== '' && (
        <div class="st-error" data-testid="rule-error" style={{ marginTop: '8px' }}>
          <strong>Rule failed to evaluate:</strong> {rule.lastError}
        </div>
      )}
      {alerts.length > 0 && <AlertsTable alerts={alerts} showAnnotations={props.showAnnotations} />}
    </Collapsible>
  );
}

function GroupCard(props: { group: GroupView; toggled: ReadonlySet<string>; toggle: (k: string) => void; showAnnotations: boolean; onHideEmpty: () => void }): JSX.Element {
  const g = props.group;
  return (
    <section class="st-card" data-testid="alert-group" data-group={g.name}>
      <div class="st-group-head">
        <div>
          <span class="st-group-name">{g.name}</span>
          <span class="st-group-file">{g.file}</span>
        </div>
        <div class="st-badges">
          {g.counts.firing > 0 && <StateBadge state="firing">firing ({g.counts.firing})</StateBadge>}
          {g.counts.pending > 0 && <StateBadge state="pending">pending ({g.counts.pending})</StateBadge>}
          {g.counts.unknown > 0 && <StateBadge state="unknown">unknown ({g.counts.unknown})</StateBadge>}
          {g.counts.inactive > 0 && <StateBadge state="inactive">inactive ({g.counts.inactive})</StateBadge>}
        </div>
      </div>
      {g.counts.total === 0 ? (
        <Notice title="No rules">No rules in this group.<LinkButton onClick={props.onHideEmpty}>Hide empty groups</LinkButton></Notice>
      ) : g.rules.length === 0 ? (
        <Notice title="No matching rules">
          No rules in this group match your filter criteria (omitted {g.counts.total} filtered rules).
          <LinkButton onClick={props.onHideEmpty}>Hide empty groups</LinkButton>
        </Notice>
      ) : (
        g.rules.map((r, i) => {
          const key = `${g.file};${g.name};${i};${r.rule.name}`;
          return <AlertRulePanel key={key} view={r} showAnnotations={props.showAnnotations} open={isOpen(props.toggled, key, r.rule.health === 'err')} onToggle={() => props.toggle(key)} />;
        })
      )}
    </section>
  );
}

function AlertGroups(props: { groups: GroupView[]; showAnnotations: boolean; page: string; setPage: (p: number) => void }): JSX.Element {
  const [showEmpty, setShowEmpty] = useState(false);
  const [toggled, setToggled] = useState<Set<string>>(new Set());
  const shown = showEmpty ? props.groups : props.groups.filter((g) => g.rules.length > 0);
  const { page, pages } = effectivePage(props.page, shown.length);
  const current = shown.slice((page - 1) * GROUPS_PER_PAGE, page * GROUPS_PER_PAGE);
  return (
    <>
      {props.groups.length === 0 ? (
        <Notice title="No rules found">No alerting rules found.</Notice>
      ) : (
        !showEmpty && props.groups.length !== shown.length && (
          <Notice title="Hiding groups with no matching rules">
            Hiding {props.groups.length - shown.length} empty groups due to filters or no rules.
            <LinkButton onClick={() => setShowEmpty(true)}>Show empty groups</LinkButton>
          </Notice>
        )
      )}
      <Pagination page={page} pages={pages} onChange={props.setPage} />
      {current.map((g) => (
        <GroupCard
          key={`${g.file};${g.name}`}
          group={g}
          toggled={toggled}
          toggle={(k) => setToggled(flip(toggled, k))}
          showAnnotations={props.showAnnotations}
          onHideEmpty={() => setShowEmpty(false)}
        />
      ))}
    </>
  );
}

function AlertsView(props: { data: RulesResult<AlertingRule> }): JSX.Element {
  const url = useUrlState();
  const states = url.getAll('state');
  const search = url.get('search');
  const [showAnnotations, setShowAnnotations] = useState(true);
  const view = useMemo(() => buildPage(props.data, search, states), [props.data, search, states.join(',')]);
  return (
    <>
      <div class="st-toolbar">
        <StateFilter label="Filter by rule state" options={STATES} values={states} counts={view.global} onChange={(v) => url.set('state', v)} />
        <SearchInput value={search} onInput={(v) => url.set('search', v)} placeholder="Filter by rule name or labels" />
        <label class="st-check">
          <input type="checkbox" checked={showAnnotations} onChange={(e) => setShowAnnotations(e.currentTarget.checked)} /> Show annotations
        </label>
      </div>
      <AlertGroups groups={view.groups} showAnnotations={showAnnotations} page={url.get('page')} setPage={(p) => url.set('page', String(p))} />
    </>
  );
}

export function AlertsPage(): JSX.Element {
  const rules = useApi<RulesResult<AlertingRule>>('/api/v1/rules', { type: 'alert' });
  return (
    <section class="page st-page" data-testid="alerts-page">
      <div class="st-toolbar">
        <h1 style={{ flex: '1 1 auto' }}>Alerts</h1>
        <button type="button" onClick={rules.reload} data-testid="refresh">Refresh</button>
      </div>
      <Loaded state={rules} what="alerting rules">
        {(data) => <AlertsView data={data} />}
      </Loaded>
    </section>
  );
}
