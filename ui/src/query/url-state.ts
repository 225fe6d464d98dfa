/**
 * The Query page's panels and their encoding in the URL, with the Prometheus UI's parameters
 * (g0.expr, g0.tab, g0.range_input, g0.end_input, g0.moment_input, g0.res_type, g0.step_input,
 * g0.display_mode, g0.stacked, g0.show_exemplars, g1...), so links from the Prometheus UI (2 and
 * 3) open the same queries and Vigil's links open in Prometheus.
 */

export type PanelTab = 'table' | 'graph';
export type DisplayMode = 'lines' | 'stacked';
export type Density = 'low' | 'medium' | 'high';

export type Resolution =
  | { type: 'auto'; density: Density }
  | { type: 'fixed' | 'custom'; /** Step in ms. */ step: number };

export interface PanelState {
  /** A stable key for rendering. */
  id: number;
  expr: string;
  tab: PanelTab;
  /** Graph range in ms. */
  range: number;
  /** End (graph) / evaluation (table) time in ms; null = now. */
  endTime: number | null;
  resolution: Resolution;
  displayMode: DisplayMode;
  showExemplars: boolean;
  yAxisMin: number | null;
  /** Kept for the round trip of Prometheus links (Vigil has no tree view). */
  showTree: boolean;
}

let nextId = 1;

export function newPanel(expr = ''): PanelState {
  return {
    id: nextId++,
    expr,
    tab: 'table',
    range: 3600 * 1000,
    endTime: null,
    resolution: { type: 'auto', density: 'medium' },
    displayMode: 'lines',
    showExemplars: false,
    yAxisMin: null,
    showTree: false,
  };
}

const UNITS: readonly [string, number][] = [
  ['y', 365 * 24 * 3600 * 1000], ['w', 7 * 24 * 3600 * 1000], ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000], ['m', 60 * 1000], ['s', 1000], ['ms', 1],
];

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** A Prometheus duration (`1h30m`, `2d`, `500ms`) in ms, or null when it is not one. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '' || s === '0') return s === '0' ? 0 : null;
  const m = DURATION_RE.exec(s);
  if (m === null) return null;
  let ms = 0;
  UNITS.forEach(([, f], i) => {
    const g = m[i + 1];
    if (g !== undefined) ms += parseInt(g, 10) * f;
  });
  return ms;
}

/** Formats ms as a Prometheus duration (`1h30m`); `0s` for zero. */
export function formatDuration(ms: number): string {
  if (ms <= 0 || !Number.isFinite(ms)) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [u, f] of UNITS) {
    const n = Math.floor(rest / f);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * f;
    }
  }
  return out;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `YYYY-MM-DD HH:mm:ss` in UTC, the format of g0.end_input. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses a time as the URL and the inputs give it (UTC unless a zone is given; or Unix seconds). */
export function parseTime(text: string): number | null {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(parseFloat(s) * 1000);
  const m = TIME_RE.exec(s);
  if (m === null) return null;
  const n = (i: number): number => parseInt(m[i] ?? '0', 10);
  let t = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), parseInt((m[7] ?? '0').padEnd(3, '0'), 10));
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (z !== null) t -= (z[1] === '-' ? -1 : 1) * (parseInt(z[2] ?? '0', 10) * 60 + parseInt(z[3] ?? '0', 10)) * 60000;
  }
  return Number.isFinite(t) ? t : null;
}

/** The step of a range query in ms for a resolution setting (as the Prometheus UI computes it). */
export function effectiveStep(res: Resolution, range: number): number {
  if (res.type !== 'auto') return Math.max(res.step, 1);
  const factor = res.density === 'high' ? 750 : res.density === 'medium' ? 250 : 100;
  return Math.max(Math.floor(range / factor / 1000) * 1000, 1000);
}

function decodeTab(v: string, p: PanelState): void {
  if (v === '0' || v === 'graph') p.tab = 'graph';
  else if (v === '1' || v === 'table' || v === 'explain') p.tab = 'table';
}

function decodeResolution(get: (k: string) => string | null, p: PanelState): void {
  const legacy = get('step_input');
  if (legacy !== null && parseInt(legacy, 10) > 0) p.resolution = { type: 'custom', step: parseInt(legacy, 10) * 1000 };
  const type = get('res_type');
  if (type === 'auto') {
    const d = get('res_density');
    if (d === 'low' || d === 'medium' || d === 'high') p.resolution = { type: 'auto', density: d };
  } else if (type === 'fixed' || type === 'custom') {
    const step = parseFloat(get('res_step') ?? '');
    if (Number.isFinite(step) && step > 0) p.resolution = { type, step: step * 1000 };
  }
}

/** The panels a URL's query string describes (none when it has no g0.expr). */
export function decodePanels(params: URLSearchParams): PanelState[] {
  const panels: PanelState[] = [];
  for (let i = 0; params.has(`g${i}.expr`); i++) {
    const get = (k: string): string | null => params.get(`g${i}.${k}`);
    const p = newPanel(get('expr') ?? '');
    const tab = get('tab');
    if (tab !== null) decodeTab(tab, p);
    p.showTree = get('show_tree') === '1';
    const stacked = get('stacked');
    if (stacked !== null) p.displayMode = stacked === '1' ? 'stacked' : 'lines';
    const mode = get('display_mode');
    if (mode === 'lines' || mode === 'stacked') p.displayMode = mode;
    const ymin = get('y_axis_min');
    if (ymin !== null && ymin !== '' && Number.isFinite(parseFloat(ymin))) p.yAxisMin = parseFloat(ymin);
    p.showExemplars = get('show_exemplars') === '1';
    const range = parseDuration(get('range_input') ?? '');
    if (range !== null && range > 0) p.range = range;
    for (const k of ['end_input', 'moment_input']) {
      const v = get(k);
      const t = v === null || v === '' ? null : parseTime(v);
      if (t !== null) p.endTime = t;
    }
    decodeResolution(get, p);
    panels.push(p);
  }
  return panels;
}

/** The query string for the panels, as the Prometheus 3 UI writes it (plus g0.stacked and g0.step_input for the older UI). */
export function encodePanels(panels: readonly PanelState[]): URLSearchParams {
  const q = new URLSearchParams();
  panels.forEach((p, i) => {
    const add = (k: string, v: string): void => q.append(`g${i}.${k}`, v);
    add('expr', p.expr);
    add('show_tree', p.showTree ? '1' : '0');
    add('tab', p.tab);
    if (p.endTime !== null) {
      add('end_input', formatTime(p.endTime));
      add('moment_input', formatTime(p.endTime));
    }
    add('range_input', formatDuration(p.range));
    if (p.resolution.type === 'auto') {
      add('res_type', 'auto');
      add('res_density', p.resolution.density);
    } else {
      add('res_type', p.resolution.type);
      add('res_step', String(p.resolution.step / 1000));
      if (p.resolution.step % 1000 === 0) add('step_input', String(p.resolution.step / 1000));
    }
    add('display_mode', p.displayMode);
    add('stacked', p.displayMode === 'stacked' ? '1' : '0');
    if (p.yAxisMin !== null) add('y_axis_min', String(p.yAxisMin));
    add('show_exemplars', p.showExemplars ? '1' : '0');
  });
  return q;
}
