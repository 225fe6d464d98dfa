/** One query panel: the expression editor, Execute, and the Table and Graph tabs. */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { GraphTab } from './graph-tab';
import { PromqlEditor } from './promql-editor';
import { TableTab } from './table-tab';
import type { PanelState } from './url-state';

function CopyIcon(): JSX.Element {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true">
      <rect x="5" y="5" width="9" height="9" rx="1.5" /><path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
    </svg>
  );
}

function CloseIcon(): JSX.Element {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true">
      <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" />
    </svg>
  );
}

export interface QueryPanelProps {
  panel: PanelState;
  index: number;
  canRemove: boolean;
  onChange: (patch: Partial<PanelState>) => void;
  onRemove: () => void;
  onDuplicate: (expr: string) => void;
  autoFocus?: boolean;
}

export function QueryPanel(props: QueryPanelProps): JSX.Element {
  const { panel } = props;
  // The editor's text (kept out of state: typing must not re-render the results).
  const draft = useRef(panel.expr);
  const [retrigger, setRetrigger] = useState(0);
  const execute = (expr: string): void => {
    draft.current = expr;
    if (expr === panel.expr) setRetrigger((n) => n + 1);
    else props.onChange({ expr });
  };
  return (
    <section class="query-panel" data-testid="query-panel" data-panel-index={props.index}>
      <div class="query-input-row">
        <PromqlEditor value={panel.expr} onChange={(t) => { draft.current = t; }} onExecute={execute} autoFocus={props.autoFocus} />
        <button type="button" class="primary" data-testid="execute-button" onClick={() => execute(draft.current)}>Execute</button>
      </div>
      <div class="tabs-row">
        <div class="tabs" role="tablist">
          <button
            type="button" role="tab" aria-selected={panel.tab === 'table'} class={panel.tab === 'table' ? 'tab active' : 'tab'}
            data-testid="tab-table" onClick={() => props.onChange({ tab: 'table' })}
          >Table</button>
          <button
            type="button" role="tab" aria-selected={panel.tab === 'graph'} class={panel.tab === 'graph' ? 'tab active' : 'tab'}
            data-testid="tab-graph" onClick={() => props.onChange({ tab: 'graph' })}
          >Graph</button>
        </div>
        <div class="panel-actions">
          <button type="button" class="icon" title="Duplicate query" aria-label="Duplicate query" data-testid="duplicate-panel" onClick={() => props.onDuplicate(draft.current)}><CopyIcon /></button>
          {props.canRemove && (
            <button type="button" class="icon" title="Remove query" aria-label="Remove query" data-testid="remove-panel" onClick={props.onRemove}><CloseIcon /></button>
          )}
        </div>
      </div>
      {panel.tab === 'table' ? (
        <TableTab expr={panel.expr} endTime={panel.endTime} range={panel.range} retrigger={retrigger} onEndTime={(endTime) => props.onChange({ endTime })} />
      ) : (
        <GraphTab panel={panel} retrigger={retrigger} onChange={props.onChange} />
      )}
    </section>
  );
}
