/**
 * The dashboard's edit mode (admins), as Grafana's: the panels with Edit / Duplicate / Move /
 * Remove actions and "Add panel", the panel editor, the dashboard settings form, the JSON model,
 * and Save (POST /api/dashboards/db with the loaded version and an optional message; the
 * API's error shown verbatim) or Discard. Everything is edited on the dashboard's JSON.
 */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import { ApiError } from '../../lib/api';
import { saveDashboard, type DashboardResponse } from '../grafana-api';
import { interpolate } from '../interpolate';
import { layoutDashboard, type LayoutItem } from '../layout';
import { isObject, num, type JsonObject } from '../model';
import { GRID_GAP_PX, GRID_ROW_PX, PanelBoundary, PanelView, type PanelContext } from '../panels/panel';
import { addPanel, duplicatePanel, findPanel, movePanel, panelOf, rawPanels, removePanel, swapPanels, updatePanel } from './draft';
import { PanelEditor } from './panel-editor';
import { SettingsForm } from './settings-form';
import './editor.css';

type Tab = 'panels' | 'settings' | 'json';

export interface DashboardEditorProps {
  resp: DashboardResponse;
  ctx: PanelContext;
  /** The grid's width in px (the page measures it). */
  width: number;
  onSaved: (uid: string, url: string) => void;
  onCancel: () => void;
}

interface PanelActions {
  edit: (id: number) => void;
  duplicate: (id: number) => void;
  remove: (id: number) => void;
  move: (id: number, dir: -1 | 1) => void;
  /** Drag and drop: the dragged panel trades places with the one it is dropped on. */
  swap: (id: number, otherId: number) => void;
}

const DRAG_TYPE = 'application/x-vigil-panel';

function ActionBar(props: { id: number; title: string; actions: PanelActions; row?: boolean }): JSX.Element {
  const { id, actions } = props;
  return (
    <div class="de-actions" data-testid="panel-actions">
      <span class="de-drag" draggable title="Drag onto another panel to swap places" aria-hidden="true"
        onDragStart={(e) => e.dataTransfer?.setData(DRAG_TYPE, String(id))}>⠿</span>
      <button type="button" data-testid="panel-edit-button" title={`Edit ${props.title}`} onClick={() => actions.edit(id)}>Edit</button>
      {props.row !== true && <button type="button" data-testid="panel-duplicate-button" title="Duplicate" onClick={() => actions.duplicate(id)}>Duplicate</button>}
      <button type="button" data-testid="panel-move-up" aria-label="Move up" title="Move up" onClick={() => actions.move(id, -1)}>↑</button>
      <button type="button" data-testid="panel-move-down" aria-label="Move down" title="Move down" onClick={() => actions.move(id, 1)}>↓</button>
      <button type="button" data-testid="panel-remove-button" title="Remove" onClick={() => actions.remove(id)}>Remove</button>
    </div>
  );
}

function EditGrid(props: { draft: JsonObject; ctx: PanelContext; width: number; actions: PanelActions }): JSX.Element {
  const { ctx, width } = props;
  const panels = useMemo(() => rawPanels(props.draft).map(panelOf), [props.draft]);
  // Every row is shown open while editing, so that each panel can be reached.
  const open = useMemo(() => new Map(panels.filter((p) => p.type === 'row').map((p) => [p.id, false])), [panels]);
  const items = useMemo(() => layoutDashboard(panels, ctx.vars, open), [panels, ctx.vars, open]);
  const phone = width < 600;
  const cell = (it: LayoutItem): JSX.Element => {
    const heightPx = it.pos.h * GRID_ROW_PX + (it.pos.h - 1) * GRID_GAP_PX;
    const title = interpolate(it.panel.title, ctx.vars, (v) => v.join(', '), it.scoped);
    const style = { gridColumn: `${it.pos.x + 1} / span ${it.pos.w}`, gridRow: `${it.pos.y + 1} / span ${it.pos.h}`, '--panel-h': `${heightPx}px` };
    if (it.panel.type === 'row') {
      return (
        <div key={it.key} class="dash-row de-row" data-panel-id={String(it.panel.id)} data-panel-type="row" data-state="ok" style={{ gridColumn: '1 / span 24', gridRow: `${it.pos.y + 1} / span 1` }}>
          <span class="de-row-title">{title === '' ? 'Row' : title}</span>
          <ActionBar id={it.panel.id} title={title} actions={props.actions} row />
        </div>
      );
    }
    return (
      <div key={it.key} class="de-cell" style={style} data-edit-panel-id={String(it.panel.id)}
        onDragOver={(e) => { if (e.dataTransfer?.types.includes(DRAG_TYPE) === true) e.preventDefault(); }}
        onDrop={(e) => {
          const from = Number(e.dataTransfer?.getData(DRAG_TYPE) ?? '');
          if (Number.isInteger(from) && from !== it.panel.id) {
            e.preventDefault();
            props.actions.swap(from, it.panel.id);
          }
        }}>
        <PanelBoundary item={it}><PanelView item={it} ctx={ctx} width={phone ? width : (width * it.pos.w) / 24} /></PanelBoundary>
        <ActionBar id={it.panel.id} title={title} actions={props.actions} />
      </div>
    );
  };
  return (
    <div class={`dash-grid de-grid${phone ? ' phone' : ''}`} data-testid="edit-grid" style={{ gridAutoRows: `${GRID_ROW_PX}px`, gap: `${GRID_GAP_PX}px` }}>
      {items.length === 0 && <p class="muted de-empty">This dashboard has no panels: add one.</p>}
      {width > 0 && items.map(cell)}
    </div>
  );
}

function JsonTab(props: { text: string; onText: (t: string) => void }): JSX.Element {
  return (
    <section class="dash-editor" data-testid="dashboard-editor">
      <textarea data-testid="dashboard-json" spellcheck={false} value={props.text} onInput={(e) => props.onText((e.target as HTMLTextAreaElement).value)} />
    </section>
  );
}

function parseJson(text: string): JsonObject | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return `Invalid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  return isObject(parsed) ? parsed : 'Invalid JSON: the dashboard must be an object';
}

interface SaveState {
  busy: boolean;
  err: string;
  errTitle: string;
  /** The API refused a stale version (412): overwriting is offered, as Grafana does. */
  conflict: boolean;
  fail: (title: string, message: string) => void;
  clear: () => void;
  save: (dash: JsonObject | string, overwrite: boolean, message: string) => Promise<void>;
}

/** POST /api/dashboards/db with the state of the request and the API's error text. */
function useSave(props: DashboardEditorProps): SaveState {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');
  const [errTitle, setErrTitle] = useState('Save failed');
  const [conflict, setConflict] = useState(false);
  const fail = (title: string, message: string): void => {
    setErrTitle(title);
    setErr(message);
    setConflict(false);
  };
  const save = async (dash: JsonObject | string, overwrite: boolean, message: string): Promise<void> => {
    if (typeof dash === 'string') {
      fail('Save failed', dash);
      return;
    }
    setBusy(true);
    fail('Save failed', '');
    try {
      const r = await saveDashboard(dash, { overwrite, folderUid: props.resp.meta.folderUid, message });
      props.onSaved(r.uid, r.url);
    } catch (e) {
      setErr(e instanceof Error ? e.message : String(e));
      setConflict(e instanceof ApiError && e.status === 412);
    } finally {
      setBusy(false);
    }
  };
  return { busy, err, errTitle, conflict, fail, clear: () => fail('Save failed', ''), save };
}

interface ToolbarProps {
  tab: Tab;
  onTab: (t: Tab) => void;
  onAddPanel: () => void;
  message: string;
  onMessage: (m: string) => void;
  dirty: boolean;
  busy: boolean;
  onDiscard: () => void;
  onSave: () => void;
}

function Toolbar(props: ToolbarProps): JSX.Element {
  const tabButton = (t: Tab, label: string, testid: string): JSX.Element => (
    <button type="button" role="tab" aria-selected={props.tab === t} class={props.tab === t ? 'active' : ''} data-testid={testid} onClick={() => props.onTab(t)}>{label}</button>
  );
  return (
    <div class="de-toolbar">
      <div class="de-tabs" role="tablist">
        {tabButton('panels', 'Panels', 'edit-tab-panels')}
        {tabButton('settings', 'Settings', 'edit-tab-settings')}
        {tabButton('json', 'Edit JSON', 'edit-tab-json')}
      </div>
      {props.tab === 'panels' && <button type="button" data-testid="add-panel" onClick={props.onAddPanel}>+ Add panel</button>}
      <input class="de-message" data-testid="save-message" placeholder="Change note (optional)" aria-label="Change note" value={props.message} onInput={(e) => props.onMessage((e.target as HTMLInputElement).value)} />
      <div class="de-save">
        {props.dirty && <span class="muted" data-testid="unsaved">Unsaved changes</span>}
        <button type="button" data-testid="discard-edits" onClick={props.onDiscard}>Discard</button>
        <button type="button" class="primary" data-testid="save-dashboard" disabled={props.busy} onClick={props.onSave}>{props.busy ? 'Saving…' : 'Save dashboard'}</button>
      </div>
    </div>
  );
}

export function DashboardEditor(props: DashboardEditorProps): JSX.Element {
  const [draft, setDraft] = useState<JsonObject>(() => props.resp.dashboard);
  const [tab, setTab] = useState<Tab>('panels');
  const [jsonText, setJsonText] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const saving = useSave(props);

  /** The model as the open tab has it (the JSON tab's text parsed), or an error text. */
  const current = (): JsonObject | string => (tab === 'json' ? parseJson(jsonText) : draft);
  const switchTab = (next: Tab): void => {
    if (next === tab) return;
    const cur = current();
    if (typeof cur === 'string') {
      saving.fail('The JSON model cannot be applied', cur);
      return;
    }
    saving.clear();
    setDraft(cur);
    if (next === 'json') setJsonText(JSON.stringify(cur, null, 2));
    setTab(next);
  };
  const actions: PanelActions = {
    edit: (id) => setEditing(id),
    duplicate: (id) => setDraft((d) => duplicatePanel(d, id)),
    remove: (id) => setDraft((d) => removePanel(d, id)),
    move: (id, dir) => setDraft((d) => movePanel(d, id, dir)),
    swap: (id, otherId) => setDraft((d) => swapPanels(d, id, otherId)),
  };
  const closePanel = (apply: JsonObject | null): void => {
    const id = editing;
    // Discarding a panel just added takes it away again, as Grafana does.
    if (id !== null) setDraft((d) => (apply !== null ? updatePanel(d, id, () => apply) : id === added ? removePanel(d, id) : d));
    setAdded(null);
    setEditing(null);
  };
  const editingRaw = editing === null ? undefined : findPanel(draft, editing);
  const dirty = draft !== props.resp.dashboard || (tab === 'json' && jsonText !== JSON.stringify(draft, null, 2));
  return (
    <section class="dash-edit" data-testid="dashboard-edit-mode">
      <Toolbar tab={tab} onTab={switchTab} message={message} onMessage={setMessage} dirty={dirty} busy={saving.busy}
        onDiscard={props.onCancel} onSave={() => void saving.save(current(), false, message)}
        onAddPanel={() => {
          const r = addPanel(draft);
          setDraft(r.dash);
          setAdded(r.id);
          setEditing(r.id);
        }} />
      {saving.err !== '' && <ErrorBox title={saving.errTitle} message={saving.err} />}
      {saving.err !== '' && saving.conflict && (
        <div class="de-conflict">
          <button type="button" data-testid="save-overwrite" disabled={saving.busy} onClick={() => void saving.save(current(), true, message)}>Save and overwrite</button>
        </div>
      )}
      {tab === 'panels' && <EditGrid draft={draft} ctx={props.ctx} width={props.width} actions={actions} />}
      {tab === 'settings' && <SettingsForm dash={draft} update={(fn) => setDraft((d) => fn(d))} />}
      {tab === 'json' && <JsonTab text={jsonText} onText={setJsonText} />}
      {editingRaw !== undefined && (
        <PanelEditor key={String(num(editingRaw, 'id') ?? '')} panel={editingRaw} ctx={props.ctx} onCancel={() => closePanel(null)} onApply={closePanel} />
      )}
    </section>
  );
}
