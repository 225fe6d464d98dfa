/**
 * The Query page (as the Prometheus 3 UI's): query panels with an expression editor and Table /
 * Graph tabs. The panels live in the URL (g0.expr, g0.tab, g0.range_input, ...) so links work
 * both ways with the Prometheus UI.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentRoute, navigate } from '../../lib/router';
import { QueryPanel } from '../../query/query-panel';
import { decodePanels, encodePanels, newPanel } from '../../query/url-state';
import type { PanelState } from '../../query/url-state';
import '../../query/query-page.css';

function initialPanels(): PanelState[] {
  const panels = decodePanels(currentRoute().params);
  return panels.length > 0 ? panels : [newPanel()];
}

export function QueryPage(): JSX.Element {
  const [panels, setPanels] = useState<PanelState[]>(initialPanels);
  const [focusId, setFocusId] = useState<number | null>(() => panels[0]?.id ?? null);

  const mounted = useRef(false);
  // Write the panels to the URL on every change (not on load: the URL is where they came from).
  useEffect(() => {
    if (mounted.current) navigate('/query', encodePanels(panels), true);
    mounted.current = true;
  }, [panels]);

  const update = (next: PanelState[]): void => setPanels(next);
  const change = (id: number, patch: Partial<PanelState>): void =>
    setPanels((prev) => prev.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  const add = (): void => {
    const p = newPanel();
    setFocusId(p.id);
    update([...panels, p]);
  };
  const duplicate = (i: number, expr: string): void => {
    const src = panels[i];
    if (src === undefined) return;
    const p = { ...src, id: newPanel().id, expr };
    setFocusId(p.id);
    update([...panels.slice(0, i + 1), p, ...panels.slice(i + 1)]);
  };

  return (
    <section class="page query-page" data-testid="query-page">
      {panels.map((p, i) => (
        <QueryPanel
          key={p.id}
          panel={p}
          index={i}
          canRemove={panels.length > 1}
          autoFocus={p.id === focusId}
          onChange={(patch) => change(p.id, patch)}
          onRemove={() => setPanels((prev) => prev.filter((x) => x.id !== p.id))}
          onDuplicate={(expr) => duplicate(i, expr)}
        />
      ))}
      <button type="button" class="add-panel" data-testid="add-panel" onClick={add}>+ Add query</button>
    </section>
  );
}
