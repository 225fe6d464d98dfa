/**
 * The panel editor's option groups on the raw panel JSON: standard options (unit, decimals,
 * min, max), thresholds, the text panel's content, and the panel's grid size and position.
 */
import type { JSX } from 'preact';
import { cssColor } from '../field-config';
import { arr, isObject, num, obj, str, type Json, type JsonObject } from '../model';
import { withKey } from './draft';

/** Common Grafana unit ids, grouped as Grafana's unit picker groups them. */
export const UNITS: { group: string; units: [string, string][] }[] = [
  { group: 'Misc', units: [['none', 'Number'], ['short', 'Short'], ['percent', 'Percent (0-100)'], ['percentunit', 'Percent (0.0-1.0)']] },
  { group: 'Time', units: [['s', 'seconds (s)'], ['ms', 'milliseconds (ms)'], ['µs', 'microseconds (µs)'], ['ns', 'nanoseconds (ns)'], ['m', 'minutes (m)'], ['h', 'hours (h)'], ['d', 'days (d)'], ['dtdurations', 'duration (d hh:mm:ss)'], ['dateTimeAsIso', 'Datetime ISO']] },
  { group: 'Data', units: [['bytes', 'bytes (IEC)'], ['decbytes', 'bytes (SI)'], ['bits', 'bits (IEC)'], ['decbits', 'bits (SI)']] },
  { group: 'Data rate', units: [['Bps', 'bytes/sec (SI)'], ['binBps', 'bytes/sec (IEC)'], ['bps', 'bits/sec (SI)'], ['binbps', 'bits/sec (IEC)'], ['pps', 'packets/sec']] },
  { group: 'Throughput', units: [['reqps', 'requests/sec (rps)'], ['ops', 'ops/sec (ops)'], ['rps', 'reads/sec (rps)'], ['wps', 'writes/sec (wps)'], ['iops', 'I/O ops/sec (iops)'], ['cps', 'counts/sec (cps)']] },
  { group: 'Other', units: [['hertz', 'Hertz (1/s)'], ['celsius', 'Celsius (°C)'], ['watt', 'Watt (W)'], ['volt', 'Volt (V)'], ['currencyUSD', 'Dollars ($)']] },
];

const KNOWN_UNITS = new Set(UNITS.flatMap((g) => g.units.map((u) => u[0])));

export const NAMED_COLORS = ['green', 'red', 'orange', 'yellow', 'blue', 'purple', 'dark-green', 'dark-red', 'dark-orange', 'dark-yellow', 'dark-blue', 'text', 'transparent'];

type Update = (fn: (p: JsonObject) => JsonObject) => void;

function defaultsOf(p: JsonObject): JsonObject {
  return obj(obj(p, 'fieldConfig'), 'defaults') ?? {};
}

function setDefault(p: JsonObject, key: string, value: Json | undefined): JsonObject {
  const fc = obj(p, 'fieldConfig') ?? {};
  return { ...p, fieldConfig: { overrides: [], ...fc, defaults: withKey(defaultsOf(p), key, value) } };
}

function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function inputValue(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

export function StandardOptions(props: { panel: JsonObject; update: Update }): JSX.Element {
  const d = defaultsOf(props.panel);
  const unit = str(d, 'unit') ?? '';
  const numField = (key: string, label: string): JSX.Element => (
    <label class="pe-field">
      <span>{label}</span>
      <input type="number" data-testid={`${key}-input`} value={num(d, key) ?? ''} placeholder="auto"
        onChange={(e) => { const v = numberOrUndefined(inputValue(e)); props.update((p) => setDefault(p, key, v)); }} />
    </label>
  );
  return (
    <fieldset class="pe-group">
      <legend>Standard options</legend>
      <label class="pe-field">
        <span>Unit</span>
        <select data-testid="unit-select" value={unit} onChange={(e) => { const v = inputValue(e); props.update((p) => setDefault(p, 'unit', v === '' ? undefined : v)); }}>
          <option value="">(default)</option>
          {unit !== '' && !KNOWN_UNITS.has(unit) && <option value={unit}>{unit} (custom)</option>}
          {UNITS.map((g) => (
            <optgroup key={g.group} label={g.group}>
              {g.units.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      {numField('decimals', 'Decimals')}
      {numField('min', 'Min')}
      {numField('max', 'Max')}
    </fieldset>
  );
}

interface Step { value: number | null; color: string }

function stepsOf(p: JsonObject): Step[] {
  const th = obj(defaultsOf(p), 'thresholds');
  return arr(th, 'steps').filter(isObject).map((s) => ({ value: num(s, 'value') ?? null, color: str(s, 'color') ?? 'green' }));
}

function setSteps(p: JsonObject, steps: Step[]): JsonObject {
  const th = obj(defaultsOf(p), 'thresholds') ?? {};
  const sorted = [...steps].sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
  return setDefault(p, 'thresholds', { mode: str(th, 'mode') ?? 'absolute', ...th, steps: sorted.map((s) => ({ color: s.color, value: s.value })) });
}

export function ThresholdsEditor(props: { panel: JsonObject; update: Update }): JSX.Element {
  const steps = stepsOf(props.panel);
  const mode = str(obj(defaultsOf(props.panel), 'thresholds'), 'mode') ?? 'absolute';
  const change = (i: number, s: Partial<Step>): void => props.update((p) => setSteps(p, stepsOf(p).map((x, j) => (j === i ? { ...x, ...s } : x))));
  const add = (): void => props.update((p) => {
    const cur = stepsOf(p);
    const base: Step[] = cur.length === 0 ? [{ value: null, color: 'green' }] : cur;
    const last = base.reduce((m, s) => Math.max(m, s.value ?? 0), 0);
    return setSteps(p, [...base, { value: base.length === 1 ? 80 : last + 10, color: 'red' }]);
  });
  return (
    <fieldset class="pe-group" data-testid="thresholds-editor">
      <legend>Thresholds</legend>
      {[...steps.keys()].reverse().map((i) => {
        const s = steps[i] ?? { value: null, color: 'green' };
        return (
          <div class="pe-step" key={i} data-testid="threshold-step">
            <span class="pe-swatch" style={{ background: cssColor(s.color) }} />
            <input class="pe-color" list="pe-colors" value={s.color} aria-label="Colour" onChange={(e) => change(i, { color: inputValue(e) })} />
            {s.value === null
              ? <span class="pe-base muted">Base</span>
              : <input type="number" aria-label="Value" data-testid="threshold-value" value={s.value} onChange={(e) => { const v = numberOrUndefined(inputValue(e)); if (v !== undefined) change(i, { value: v }); }} />}
            {s.value !== null && <button type="button" aria-label="Remove threshold" title="Remove" onClick={() => props.update((p) => setSteps(p, stepsOf(p).filter((_, j) => j !== i)))}>✕</button>}
          </div>
        );
      })}
      <datalist id="pe-colors">{NAMED_COLORS.map((c) => <option key={c} value={c} />)}</datalist>
      <div class="pe-row">
        <button type="button" data-testid="add-threshold" onClick={add}>+ Add threshold</button>
        <label class="pe-inline">
          <span>Mode</span>
          <select value={mode} onChange={(e) => { const v = inputValue(e); props.update((p) => setDefault(p, 'thresholds', { ...(obj(defaultsOf(p), 'thresholds') ?? {}), mode: v, steps: stepsOf(p).map((s) => ({ color: s.color, value: s.value })) })); }}>
            <option value="absolute">Absolute</option>
            <option value="percentage">Percentage</option>
          </select>
        </label>
      </div>
    </fieldset>
  );
}

export function TextOptions(props: { panel: JsonObject; update: Update }): JSX.Element {
  const o = obj(props.panel, 'options') ?? {};
  const mode = str(o, 'mode') ?? str(props.panel, 'mode') ?? 'markdown';
  const content = str(o, 'content') ?? str(props.panel, 'content') ?? '';
  const set = (key: string, v: string): void => props.update((p) => ({ ...p, options: { ...(obj(p, 'options') ?? {}), [key]: v } }));
  return (
    <fieldset class="pe-group">
      <legend>Text</legend>
      <label class="pe-field">
        <span>Mode</span>
        <select data-testid="text-mode" value={mode} onChange={(e) => set('mode', inputValue(e))}>
          <option value="markdown">Markdown</option>
          <option value="html">HTML</option>
          <option value="code">Code</option>
        </select>
      </label>
      <label class="pe-field pe-wide">
        <span>Content</span>
        <textarea data-testid="text-content" rows={8} value={content} onInput={(e) => set('content', (e.target as HTMLTextAreaElement).value)} />
      </label>
    </fieldset>
  );
}

export function GridOptions(props: { panel: JsonObject; update: Update }): JSX.Element {
  const g = obj(props.panel, 'gridPos') ?? {};
  const field = (key: 'x' | 'w' | 'h', label: string, min: number, max: number): JSX.Element => (
    <label class="pe-field pe-narrow">
      <span>{label}</span>
      <input type="number" min={min} max={max} data-testid={`grid-${key}`} value={num(g, key) ?? (key === 'h' ? 8 : key === 'w' ? 12 : 0)}
        onChange={(e) => {
          const v = numberOrUndefined(inputValue(e));
          if (v === undefined) return;
          props.update((p) => {
            const cur = obj(p, 'gridPos') ?? {};
            const next: JsonObject = { x: 0, y: 0, w: 12, h: 8, ...cur, [key]: Math.min(max, Math.max(min, Math.round(v))) };
            const w = num(next, 'w') ?? 12;
            if ((num(next, 'x') ?? 0) + w > 24) next['x'] = 24 - w;
            return { ...p, gridPos: next };
          });
        }} />
    </label>
  );
  return (
    <fieldset class="pe-group">
      <legend>Size and position (24-column grid)</legend>
      <div class="pe-row">
        {field('w', 'Width', 1, 24)}
        {field('h', 'Height', 1, 200)}
        {field('x', 'Column', 0, 23)}
      </div>
    </fieldset>
  );
}
