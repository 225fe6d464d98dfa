/** Health and state badges (target health, rule health, alert state) in the upstream colours. */
import type { ComponentChildren, JSX } from 'preact';
import { Icon } from './icons';
import type { IconName } from './icons';

export type Tone = 'ok' | 'warn' | 'err' | 'unknown' | 'info';

/** The colour of a target health, rule health or alert state. */
export function stateTone(state: string): Tone {
  switch (state.toLowerCase()) {
    case 'up':
    case 'ok':
    case 'inactive':
    case 'active':
      return 'ok';
    case 'down':
    case 'err':
    case 'firing':
      return 'err';
    case 'pending':
      return 'warn';
    case 'dropped':
      return 'info';
    default:
      return 'unknown';
  }
}

export function StateBadge(props: { state: string; children?: ComponentChildren; title?: string }): JSX.Element {
  return (
    <span class={`st-badge st-${stateTone(props.state)}`} data-state={props.state} title={props.title}>
      {props.children ?? props.state}
    </span>
  );
}

/** A small grey badge for a statistic (last scrape, duration, interval). */
export function StatBadge(props: { title: string; icon?: IconName; children: ComponentChildren }): JSX.Element {
  return (
    <span class="st-stat" title={props.title}>
      {props.icon !== undefined && <Icon name={props.icon} size={12} />}
      {props.children}
    </span>
  );
}
