/**
 * Template variable state without I/O: selections (All, multi-value), the values they
 * interpolate to, custom and regex-filtered options, Grafana's sort orders, and which
 * variables depend on which.
 */
import { ALL_VALUE, referencedVariables, singleValue, type VarValue } from './interpolate.js';
import type { VariableModel } from './model.js';
import { formatInterval, parseDuration, roundInterval, type TimeRange } from './time-range.js';

export interface VarOption {
  text: string;
  value: string;
}

export interface VariableState {
  model: VariableModel;
  options: VarOption[];
  /** Selected values (ALL_VALUE for All). */
  value: string[];
  text: string[];
  error?: string;
}

export function isAllSelected(s: VariableState): boolean {
  return s.value.length === 1 && s.value[0] === ALL_VALUE;
}

/** The values variables interpolate to. */
export function variableValues(states: readonly VariableState[], range: TimeRange | null): Map<string, VarValue> {
  const out = new Map<string, VarValue>();
  for (const s of states) {
    const m = s.model;
    const v: VarValue = {
      value: s.value,
      text: s.text,
      isAll: isAllSelected(s),
      allValues: s.options.filter((o) => o.value !== ALL_VALUE).map((o) => o.value),
      multi: m.multi,
      includeAll: m.includeAll,
    };
    if (m.allValue !== undefined) v.allValue = m.allValue;
    if (m.type === 'interval' && (s.value[0]?.startsWith('$__auto_interval') === true || s.value[0] === 'auto')) {
      const auto = autoInterval(m, range);
      out.set(`__auto_interval_${m.name}`, singleValue(auto));
      out.set(m.name, singleValue(auto));
      continue;
    }
    out.set(m.name, v);
  }
  return out;
}

function autoInterval(m: VariableModel, range: TimeRange | null): string {
  if (range === null) return '1m';
  const min = parseDuration(m.autoMin) ?? 10000;
  return formatInterval(Math.max(min, roundInterval((range.to - range.from) / Math.max(1, m.autoCount))));
}

/** Variables that (directly or through others) use `name`, in dashboard order. */
export function dependents(models: readonly VariableModel[], name: string): Set<string> {
  const out = new Set<string>([name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of models) {
      if (out.has(m.name)) continue;
      const refs = referencedVariables(`${m.query} ${m.regex} ${datasourceRef(m)}`);
      if ([...refs].some((r) => out.has(r))) {
        out.add(m.name);
        grew = true;
      }
    }
  }
  out.delete(name);
  return out;
}

function datasourceRef(m: VariableModel): string {
  const ds = m.raw['datasource'];
  if (typeof ds === 'string') return ds;
  if (typeof ds === 'object' && ds !== null && !Array.isArray(ds)) {
    const uid = ds['uid'];
    return typeof uid === 'string' ? uid : '';
  }
  return '';
}

/** Splits a custom variable's query: "a, b, c", escaped commas (\,) and "text : value". */
export function customOptions(query: string): VarOption[] {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts.map((p) => {
    const t = p.trim().replace(/\\,/g, ',');
    const kv = /^(.+?)\s:\s(.+)$/.exec(t);
    return kv !== null ? { text: (kv[1] ?? '').trim(), value: (kv[2] ?? '').trim() } : { text: t, value: t };
  }).filter((o) => o.value !== '' || o.text !== '');
}

function parseRegex(text: string): RegExp | null {
  const m = /^\/(.*)\/([gimsuy]*)$/s.exec(text);
  try {
    return m !== null ? new RegExp(m[1] ?? '', (m[2] ?? '').replace('g', '')) : new RegExp(text);
  } catch {
    return null;
  }
}

/** The regex filter: keeps matching values; the first group (or named text/value groups) extracts. */
export function applyRegex(values: string[], regex: string): VarOption[] {
  if (regex.trim() === '') return values.map((v) => ({ text: v, value: v }));
  const re = parseRegex(regex);
  if (re === null) return values.map((v) => ({ text: v, value: v }));
  const out: VarOption[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const m = re.exec(v);
    if (m === null) continue;
    const g = m.groups;
    const value = g?.['value'] ?? g?.['text'] ?? m[1] ?? m[0];
    const text = g?.['text'] ?? value;
    if (value === undefined || seen.has(value)) continue;
    seen.add(value);
    out.push({ text, value });
  }
  return out;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Grafana's sort: 1/2 alphabetical, 3/4 numerical, 5/6 alphabetical case-insensitive, 7/8 natural. */
export function sortOptions(options: VarOption[], sort: number): VarOption[] {
  if (sort <= 0) return options;
  const num = (t: string): number => {
    const m = /.*?(-?\d+(?:\.\d+)?)/.exec(t);
    return m !== null ? Number(m[1]) : -Infinity;
  };
  const cmp: (a: VarOption, b: VarOption) => number =
    sort === 1 || sort === 2 ? (a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)
    : sort === 3 || sort === 4 ? (a, b) => num(a.text) - num(b.text)
    : sort === 5 || sort === 6 ? (a, b) => a.text.toLowerCase().localeCompare(b.text.toLowerCase())
    : (a, b) => collator.compare(a.text, b.text);
  const sorted = [...options].sort(cmp);
  return sort % 2 === 0 ? sorted.reverse() : sorted;
}

/** Picks the current selection after options changed, as Grafana validates it. */
export function selectCurrent(m: VariableModel, options: VarOption[], wanted: string[]): { value: string[]; text: string[] } {
  if (m.type === 'textbox') {
    const v = wanted[0] ?? m.query;
    return { value: [v], text: [v] };
  }
  const withAll = m.includeAll ? [{ text: 'All', value: ALL_VALUE }, ...options] : options;
  const byValue = new Map(withAll.map((o) => [o.value, o]));
  const byText = new Map(withAll.map((o) => [o.text, o]));
  const wantedAll = wanted.includes(ALL_VALUE) || wanted.includes('All') && m.includeAll;
  if (wantedAll && m.includeAll) return { value: [ALL_VALUE], text: ['All'] };
  const kept = wanted.map((w) => byValue.get(w) ?? byText.get(w)).filter((o): o is VarOption => o !== undefined);
  const chosen = m.multi ? kept : kept.slice(0, 1);
  if (chosen.length > 0) return { value: chosen.map((o) => o.value), text: chosen.map((o) => o.text) };
  const first = withAll[0];
  if (first === undefined) return { value: [''], text: [''] };
  return { value: [first.value], text: [first.text] };
}

/** The initial wanted values: from the URL (var-name) or the saved current selection. */
export function initialWanted(m: VariableModel, urlValues: string[] | undefined): string[] {
  if (urlValues !== undefined && urlValues.length > 0) return urlValues;
  if (m.type === 'constant') return [m.query];
  if (m.current.value.length > 0) return m.current.value;
  if (m.type === 'textbox') return [m.query];
  return [];
}
