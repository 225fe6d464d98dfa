/** The pages' filter controls: state toggles (with counts), a text search and a pool select. */
import type { JSX } from 'preact';
import { stateTone } from './state-badge';

/** Toggle buttons for a multi-valued state filter; none pressed = no filtering. */
export function StateFilter(props: {
  label: string;
  options: readonly string[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  counts?: Readonly<Record<string, number>>;
}): JSX.Element {
  const toggle = (o: string): void => {
    props.onChange(props.values.includes(o) ? props.values.filter((v) => v !== o) : [...props.values, o]);
  };
  return (
    <div class="st-state-filter" role="group" aria-label={props.label} data-testid="state-filter">
      {props.options.map((o) => {
        const on = props.values.includes(o);
        const count = props.counts?.[o];
        return (
          <button
            type="button"
            key={o}
            class={`st-chip st-${stateTone(o)}${on ? ' st-on' : ''}`}
            aria-pressed={on}
            data-value={o}
            onClick={() => toggle(o)}
          >
            {o}
            {count !== undefined && <span class="st-chip-count">{count}</span>}
          </button>
        );
      })}
    </div>
  );
}

export function SearchInput(props: { value: string; onInput: (v: string) => void; placeholder: string; autoFocus?: boolean }): JSX.Element {
  return (
    <input
      type="search"
      class="st-search"
      data-testid="search"
      placeholder={props.placeholder}
      aria-label={props.placeholder}
      value={props.value}
      autoFocus={props.autoFocus}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  );
}

export function PoolSelect(props: { pools: readonly string[]; value: string; onChange: (pool: string) => void }): JSX.Element {
  return (
    <select
      class="st-select"
      aria-label="Scrape pool"
      data-testid="pool-select"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <option value="">All scrape pools</option>
      {props.pools.map((p) => (
        <option key={p} value={p}>{p}</option>
      ))}
    </select>
  );
}

/** The expand/collapse-all button of a list of panels. */
export function ExpandAllButton(props: { collapsed: boolean; onClick: () => void }): JSX.Element {
  return (
    <button type="button" class="st-icon-button" data-testid="expand-all" onClick={props.onClick}>
      {props.collapsed ? 'Expand all' : 'Collapse all'}
    </button>
  );
}
