/**
 * The panel editor (full screen over the dashboard): a live preview drawn by the dashboard's
 * panel renderer, the panel's queries (PromQL editor, legend, interval, instant) and its
 * options. Apply writes the edited panel into the dashboard being edited; Cancel drops it.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { PromqlEditor } from '../../query/promql-editor';
import type { LayoutItem } from '../layout';
import { arr, bool, isObject, num, str, type JsonObject } from '../model';
import { PanelView, type PanelContext } from '../panels/panel';
import { panelOf } from './draft';
import { GridOptions, StandardOptions, TextOptions, ThresholdsEditor } from './field-options';

export const PANEL_TYPES: [string, string][] = [
  ['timeseries', 'Time series'], ['stat', 'Stat'], ['gauge', 'Gauge'], ['bargauge', 'Bar gauge'],
  ['table', 'Table'], ['text', 'Text'], ['heatmap', 'Heatmap'], ['graph', 'Graph (old)'],
];

type Update = (fn: (p: JsonObject) => JsonObject) => void;

function inputValue(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

/** Gives every target a refId, unique within the panel (A, B, ...), as Grafana does. */
export function normalizeTargets(p: JsonObject): JsonObject {
  if (str(p, 'type') === 'row') return p;
  const seen = new Set<string>();
  const targets = arr(p, 'targets').filter(isObject).map((t) => {
    let id = str(t, 'refId') ?? '';
    if (id === '' || seen.has(id)) id = nextRefId(seen);
    seen.add(id);
    return { ...t, refId: id };
  });
  return { ...p, targets };
}

function nextRefId(used: ReadonlySet<string>): string {
  for (let i = 0; ; i++) {
    const id = String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
    if (!used.has(id)) return id;
  }
}

function useElementWidth(ref: { current: HTMLElement | null }): number {
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const update = (): void => { if (el.clientWidth > 0) setW(el.clientWidth); };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return w;
}

function Preview(props: { panel: JsonObject; ctx: PanelContext; tick: number }): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const parsed = panelOf(props.panel);
  const h = Math.min(12, Math.max(6, parsed.gridPos.h));
  const item: LayoutItem = { key: 'preview', panel: parsed, pos: { x: 0, y: 0, w: 24, h } };
  const ctx = useMemo(() => ({ ...props.ctx, refreshTick: props.ctx.refreshTick + props.tick }), [props.ctx, props.tick]);
  return (
    <div class="pe-preview" ref={ref} data-testid="panel-preview">
      {width > 0 && <PanelView item={item} ctx={ctx} width={width} />}
    </div>
  );
}

function TargetRow(props: { target: JsonObject; index: number; update: Update; onRun: () => void; canRemove: boolean }): JSX.Element {
  const { target, index } = props;
  const set = (key: string, value: string | boolean): void => props.update((p) => ({
    ...p,
    targets: arr(p, 'targets').map((t, i) => {
      if (i !== index || !isObject(t)) return t;
      if (key === 'instant') return { ...t, instant: value === true, range: value !== true };
      return { ...t, [key]: value };
    }),
  }));
  const refId = str(target, 'refId') ?? '';
  return (
    <div class="pe-target" data-testid="target-row" data-ref-id={refId}>
      <div class="pe-target-head">
        <strong>{refId}</strong>
        {props.canRemove && <button type="button" data-testid="remove-target" aria-label={`Remove query ${refId}`} title="Remove query"
          onClick={() => props.update((p) => ({ ...p, targets: arr(p, 'targets').filter((_, i) => i !== index) }))}>✕</button>}
      </div>
      <div class="pe-expr" data-testid="target-expr">
        <PromqlEditor value={str(target, 'expr') ?? ''} onChange={(v) => set('expr', v)} onExecute={props.onRun} />
      </div>
      <div class="pe-row">
        <label class="pe-field">
          <span>Legend</span>
          <input data-testid="target-legend" value={str(target, 'legendFormat') ?? ''} placeholder="{{label}}" onInput={(e) => set('legendFormat', inputValue(e))} />
        </label>
        <label class="pe-field pe-narrow">
          <span>Min step</span>
          <input data-testid="target-interval" value={str(target, 'interval') ?? ''} placeholder="auto" onInput={(e) => set('interval', inputValue(e))} />
        </label>
        <label class="pe-check">
          <input type="checkbox" data-testid="target-instant" checked={bool(target, 'instant') === true} onChange={(e) => set('instant', (e.target as HTMLInputElement).checked)} />
          <span>Instant</span>
        </label>
      </div>
    </div>
  );
}

function Queries(props: { panel: JsonObject; update: Update; onRun: () => void }): JSX.Element {
  const targets = arr(props.panel, 'targets').filter(isObject);
  const add = (): void => props.update((p) => {
    const list = arr(p, 'targets').filter(isObject);
    const refId = nextRefId(new Set(list.map((t) => str(t, 'refId') ?? '')));
    return { ...p, targets: [...list, { refId, expr: '', legendFormat: '', range: true }] };
  });
  return (
    <section class="pe-group pe-queries" data-testid="panel-queries">
      <h3>Queries</h3>
      {targets.map((t, i) => <TargetRow key={str(t, 'refId') ?? String(i)} target={t} index={i} update={props.update} onRun={props.onRun} canRemove />)}
      <button type="button" data-testid="add-target" onClick={add}>+ Add query</button>
    </section>
  );
}

function General(props: { panel: JsonObject; update: Update }): JSX.Element {
  const { panel } = props;
  const type = str(panel, 'type') ?? '';
  const set = (key: string, v: string): void => props.update((p) => ({ ...p, [key]: v }));
  return (
    <fieldset class="pe-group">
      <legend>Panel</legend>
      <label class="pe-field">
        <span>Title</span>
        <input data-testid="panel-title-input" value={str(panel, 'title') ?? ''} onInput={(e) => set('title', inputValue(e))} />
      </label>
      {type !== 'row' && (
        <>
          <label class="pe-field">
            <span>Visualization</span>
            <select data-testid="panel-type-select" value={type} onChange={(e) => set('type', inputValue(e))}>
              {!PANEL_TYPES.some(([t]) => t === type) && <option value={type}>{type}</option>}
              {PANEL_TYPES.map(([t, label]) => <option key={t} value={t}>{label}</option>)}
            </select>
          </label>
          <label class="pe-field pe-wide">
            <span>Description</span>
            <textarea data-testid="panel-description-input" rows={2} value={str(panel, 'description') ?? ''} onInput={(e) => set('description', (e.target as HTMLTextAreaElement).value)} />
          </label>
        </>
      )}
    </fieldset>
  );
}

/** Holds back preview updates while the user types (one query per pause, not per key). */
function useDebounced<T>(value: T, ms: number): [T, () => void] {
  const [v, setV] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value]);
  return [v, () => setV(latest.current)];
}

export function PanelEditor(props: { panel: JsonObject; ctx: PanelContext; onApply: (p: JsonObject) => void; onCancel: () => void }): JSX.Element {
  const [draft, setDraft] = useState(() => normalizeTargets(props.panel));
  const [preview, flush] = useDebounced(draft, 500);
  const [tick, setTick] = useState(0);
  const update: Update = (fn) => setDraft((p) => fn(p));
  const type = str(draft, 'type') ?? '';
  const queries = type !== 'text' && type !== 'row';
  const run = (): void => {
    flush();
    setTick((t) => t + 1);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => { if (e.key === 'Escape' && !(e.target instanceof HTMLElement && e.target.closest('.cm-editor') !== null)) props.onCancel(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="panel-editor" data-testid="panel-editor" role="dialog" aria-modal="true" aria-label="Edit panel" data-panel-id-editing={String(num(draft, 'id') ?? '')}>
      <div class="pe-bar">
        <h2>Edit panel</h2>
        <div class="pe-actions">
          {queries && <button type="button" data-testid="panel-refresh" onClick={run}>Refresh</button>}
          <button type="button" data-testid="panel-editor-cancel" onClick={props.onCancel}>Discard</button>
          <button type="button" class="primary" data-testid="panel-editor-apply" onClick={() => props.onApply(draft)}>Apply</button>
        </div>
      </div>
      <div class="pe-body">
        <div class="pe-main">
          {type !== 'row' && <Preview panel={preview} ctx={props.ctx} tick={tick} />}
          {queries && <Queries panel={draft} update={update} onRun={run} />}
        </div>
        <div class="pe-options">
          <General panel={draft} update={update} />
          {type === 'text' && <TextOptions panel={draft} update={update} />}
          {queries && <StandardOptions panel={draft} update={update} />}
          {queries && <ThresholdsEditor panel={draft} update={update} />}
          {type !== 'row' && <GridOptions panel={draft} update={update} />}
        </div>
      </div>
    </div>
  );
}
