/** Label sets as badges: `name="value"`, quoted and escaped as PromQL would write them. */
import type { JSX } from 'preact';
import { formatLabel } from './label-format';

export function LabelBadges(props: {
  labels: Readonly<Record<string, string>> | undefined;
  /** 'discovered' marks labels before relabeling. */
  variant?: 'discovered';
  /** One badge per line. */
  stacked?: boolean;
}): JSX.Element {
  const entries = Object.entries(props.labels ?? {});
  const cls = `st-labels${props.stacked === true ? ' st-stacked' : ''}`;
  return (
    <div class={cls} data-testid="label-badges">
      {entries.map(([k, v]) => (
        <span key={k} class={`st-label${props.variant === 'discovered' ? ' st-discovered' : ''}`}>
          {formatLabel(k, v)}
        </span>
      ))}
    </div>
  );
}
