/** A rule's definition: its query (with a link to run it), for/keep_firing_for, labels, annotations. */
import type { JSX } from 'preact';
import { href } from '../lib/router';
import type { Labels, Rule } from './api-types';
import { LabelBadges } from './label-badges';
import { StatBadge } from './state-badge';
import { formatPrometheusDuration } from './time-format';

/** The annotations (or any name/value set) as a small table. */
export function AnnotationsTable(props: { annotations: Labels }): JSX.Element | null {
  const entries = Object.entries(props.annotations);
  if (entries.length === 0) return null;
  return (
    <table class="st-table st-annotations" data-testid="annotations">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RuleDefinition(props: { rule: Rule }): JSX.Element {
  const r = props.rule;
  const queryHref = href('/query', { 'g0.expr': r.query, 'g0.tab': '1' });
  return (
    <div class="st-rule-def">
      <div class="st-query">
        <pre data-testid="rule-query"><code>{r.query}</code></pre>
        <a class="st-query-link" href={queryHref} title="Query rule expression" data-testid="rule-query-link">Query</a>
      </div>
      {r.type === 'alerting' && (r.duration > 0 || r.keepFiringFor > 0) && (
        <div class="st-stats">
          {r.duration > 0 && <StatBadge title="Pending period (for)">for: {formatPrometheusDuration(r.duration * 1000)}</StatBadge>}
          {r.keepFiringFor > 0 && (
            <StatBadge title="keep_firing_for">keep_firing_for: {formatPrometheusDuration(r.keepFiringFor * 1000)}</StatBadge>
          )}
        </div>
      )}
      {r.labels !== undefined && Object.keys(r.labels).length > 0 && <LabelBadges labels={r.labels} />}
      {r.type === 'alerting' && <AnnotationsTable annotations={r.annotations} />}
    </div>
  );
}
