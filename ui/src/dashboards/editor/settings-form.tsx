/**
 * Dashboard settings as Grafana's settings view has them (simplified): title, tags, the
 * default time range, refresh, time zone, and the template variables list (name, type,
 * label, query, multi-value, include All).
 */
import type { JSX } from 'preact';
import { arr, bool, isObject, obj, str, type Json, type JsonObject } from '../model';

type Update = (fn: (d: JsonObject) => JsonObject) => void;

export const VARIABLE_TYPES: [string, string][] = [
  ['query', 'Query'], ['custom', 'Custom'], ['interval', 'Interval'], ['constant', 'Constant'], ['textbox', 'Text box'],
];

const REFRESH_CHOICES = ['', '5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];

function inputValue(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

function variablesOf(d: JsonObject): JsonObject[] {
  return arr(obj(d, 'templating'), 'list').filter(isObject);
}

function setVariables(d: JsonObject, list: JsonObject[]): JsonObject {
  return { ...d, templating: { ...(obj(d, 'templating') ?? {}), list } };
}

/** The text of a variable's query (a string, or {query} in newer models). */
function queryText(v: JsonObject): string {
  const q = v['query'];
  if (typeof q === 'string') return q;
  if (isObject(q)) return str(q, 'query') ?? '';
  return str(v, 'definition') ?? '';
}

function withQuery(v: JsonObject, text: string): JsonObject {
  const q = v['query'];
  const next: JsonObject = { ...v, query: isObject(q) ? { ...q, query: text } : text };
  if (str(v, 'type') === 'query') next['definition'] = text;
  // Options listed in the model are recomputed from the new query.
  if (str(v, 'type') === 'custom' || str(v, 'type') === 'interval') delete next['options'];
  return next;
}

/** A variable of a type with the fields Grafana gives a new one of that type. */
function retyped(v: JsonObject, type: string): JsonObject {
  const next: JsonObject = { ...v, type };
  if (type === 'query' && next['datasource'] === undefined) next['datasource'] = { type: 'prometheus' };
  if (type === 'query' && next['refresh'] === undefined) next['refresh'] = 1;
  if (type === 'interval' && queryText(v) === '') next['query'] = '1m,10m,30m,1h,6h,12h,1d';
  if (type === 'constant' || type === 'textbox' || type === 'interval') {
    delete next['multi'];
    delete next['includeAll'];
  }
  delete next['options'];
  return next;
}

function VariableRow(props: { v: JsonObject; index: number; update: Update }): JSX.Element {
  const { v, index } = props;
  const type = str(v, 'type') ?? 'custom';
  const change = (fn: (x: JsonObject) => JsonObject): void => props.update((d) => setVariables(d, variablesOf(d).map((x, i) => (i === index ? fn(x) : x))));
  const multiChoice = type === 'query' || type === 'custom';
  return (
    <div class="ds-var" data-testid="variable-row">
      <label class="pe-field pe-narrow">
        <span>Name</span>
        <input data-testid="variable-name" value={str(v, 'name') ?? ''} onInput={(e) => { const s = inputValue(e); change((x) => ({ ...x, name: s })); }} />
      </label>
      <label class="pe-field pe-narrow">
        <span>Type</span>
        <select data-testid="variable-type" value={type} onChange={(e) => { const t = inputValue(e); change((x) => retyped(x, t)); }}>
          {!VARIABLE_TYPES.some(([t]) => t === type) && <option value={type}>{type}</option>}
          {VARIABLE_TYPES.map(([t, label]) => <option key={t} value={t}>{label}</option>)}
        </select>
      </label>
      <label class="pe-field pe-narrow">
        <span>Label</span>
        <input value={str(v, 'label') ?? ''} onInput={(e) => { const s = inputValue(e); change((x) => ({ ...x, label: s })); }} />
      </label>
      <label class="pe-field pe-wide">
        <span>{type === 'query' ? 'Query (label_values(), label_names(), metrics(), query_result())' : type === 'textbox' ? 'Default value' : type === 'constant' ? 'Value' : 'Values, comma separated'}</span>
        <input data-testid="variable-query" value={queryText(v)} onChange={(e) => { const s = inputValue(e); change((x) => withQuery(x, s)); }} />
      </label>
      {multiChoice && (
        <>
          <label class="pe-check"><input type="checkbox" data-testid="variable-multi" checked={bool(v, 'multi') === true} onChange={(e) => { const c = (e.target as HTMLInputElement).checked; change((x) => ({ ...x, multi: c })); }} /><span>Multi-value</span></label>
          <label class="pe-check"><input type="checkbox" data-testid="variable-include-all" checked={bool(v, 'includeAll') === true} onChange={(e) => { const c = (e.target as HTMLInputElement).checked; change((x) => ({ ...x, includeAll: c })); }} /><span>Include All</span></label>
        </>
      )}
      <div class="ds-var-actions">
        <button type="button" aria-label="Move up" title="Move up" disabled={index === 0} onClick={() => props.update((d) => {
          const list = [...variablesOf(d)];
          const [a, b] = [list[index - 1], list[index]];
          if (a === undefined || b === undefined) return d;
          list[index - 1] = b;
          list[index] = a;
          return setVariables(d, list);
        })}>↑</button>
        <button type="button" data-testid="remove-variable" aria-label="Remove variable" title="Remove" onClick={() => props.update((d) => setVariables(d, variablesOf(d).filter((_, i) => i !== index)))}>✕</button>
      </div>
    </div>
  );
}

export function SettingsForm(props: { dash: JsonObject; update: Update }): JSX.Element {
  const d = props.dash;
  const time = obj(d, 'time') ?? {};
  const refresh = typeof d['refresh'] === 'string' ? d['refresh'] : '';
  const tags = arr(d, 'tags').filter((t): t is string => typeof t === 'string');
  const set = (key: string, value: Json): void => props.update((x) => ({ ...x, [key]: value }));
  const vars = variablesOf(d);
  const addVariable = (): void => props.update((x) => {
    const names = new Set(variablesOf(x).map((v) => str(v, 'name') ?? ''));
    let n = 0;
    while (names.has(`query${n}`)) n++;
    return setVariables(x, [...variablesOf(x), { name: `query${n}`, type: 'custom', query: '', multi: false, includeAll: false, current: {}, options: [], hide: 0 }]);
  });
  return (
    <section class="dash-settings" data-testid="dashboard-settings">
      <fieldset class="pe-group">
        <legend>General</legend>
        <label class="pe-field pe-wide">
          <span>Title</span>
          <input data-testid="settings-title" value={str(d, 'title') ?? ''} onInput={(e) => set('title', inputValue(e))} />
        </label>
        <label class="pe-field pe-wide">
          <span>Tags (comma separated)</span>
          <input data-testid="settings-tags" value={tags.join(', ')}
            onChange={(e) => set('tags', [...new Set(inputValue(e).split(',').map((t) => t.trim()).filter((t) => t !== ''))])} />
        </label>
        <label class="pe-field">
          <span>Default time from</span>
          <input data-testid="settings-time-from" value={str(time, 'from') ?? 'now-6h'} onInput={(e) => set('time', { ...(obj(d, 'time') ?? {}), from: inputValue(e) })} />
        </label>
        <label class="pe-field">
          <span>Default time to</span>
          <input data-testid="settings-time-to" value={str(time, 'to') ?? 'now'} onInput={(e) => set('time', { ...(obj(d, 'time') ?? {}), to: inputValue(e) })} />
        </label>
        <label class="pe-field pe-narrow">
          <span>Auto refresh</span>
          <select data-testid="settings-refresh" value={refresh} onChange={(e) => set('refresh', inputValue(e))}>
            {!REFRESH_CHOICES.includes(refresh) && <option value={refresh}>{refresh}</option>}
            {REFRESH_CHOICES.map((r) => <option key={r} value={r}>{r === '' ? 'Off' : r}</option>)}
          </select>
        </label>
        <label class="pe-field pe-narrow">
          <span>Time zone</span>
          <select value={str(d, 'timezone') ?? ''} onChange={(e) => set('timezone', inputValue(e))}>
            <option value="">Browser</option>
            <option value="browser">Browser (explicit)</option>
            <option value="utc">UTC</option>
          </select>
        </label>
      </fieldset>
      <fieldset class="pe-group" data-testid="settings-variables">
        <legend>Variables</legend>
        {vars.length === 0 && <p class="muted">No variables.</p>}
        {vars.map((v, i) => <VariableRow key={i} v={v} index={i} update={props.update} />)}
        <button type="button" data-testid="add-variable" onClick={addVariable}>+ Add variable</button>
      </fieldset>
    </section>
  );
}
