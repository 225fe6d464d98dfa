/**
 * A collapsible panel (scrape pool, rule): a header whose title toggles the panel, actions and
 * counts beside it, and a body rendered only while open.
 */
import type { ComponentChildren, JSX } from 'preact';
import type { Tone } from './state-badge';

export function Collapsible(props: {
  open: boolean;
  onToggle: () => void;
  /** The left part of the header (the title). */
  title: ComponentChildren;
  /** The right part of the header (counts, badges, buttons). */
  aside?: ComponentChildren;
  /** Colours the panel's left edge. */
  tone?: Tone;
  testid?: string;
  attrs?: Record<string, string>;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <section
      class={`st-panel${props.tone !== undefined ? ` st-edge-${props.tone}` : ''}${props.open ? ' st-open' : ''}`}
      data-testid={props.testid}
      {...props.attrs}
    >
      <div class="st-panel-head">
        <button type="button" class="st-panel-toggle" aria-expanded={props.open} onClick={props.onToggle}>
          <span class="st-chevron" aria-hidden="true">{props.open ? '▾' : '▸'}</span>
          <span class="st-panel-title">{props.title}</span>
        </button>
        {props.aside !== undefined && <span class="st-panel-aside">{props.aside}</span>}
      </div>
      {props.open && <div class="st-panel-body">{props.children}</div>}
    </section>
  );
}

/** Open/closed state of many panels: each starts as `defaultOpen` says, a click flips it. */
export function isOpen(toggled: ReadonlySet<string>, key: string, defaultOpen: boolean): boolean {
  return toggled.has(key) ? !defaultOpen : defaultOpen;
}

export function flip(toggled: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(toggled);
  if (!next.delete(key)) next.add(key);
  return next;
}
