/**
 * The data transformations the bundled dashboards use, with Grafana's semantics: merge,
 * joinByField, organize, groupBy, calculateField, sortBy, labelsToFields, filterFieldsByName,
 * renameByRegex, seriesToRows, reduce. Field names are their display names; each step
 * returns new frames. An unknown transformation is reported and its input passed on.
 */
import { type DataFrame, type Field, type FieldType, type FieldValue, fieldDisplayName, frameLength } from './frames.js';
import { arr, bool, isObject, num, obj, str, type Json, type JsonObject } from './model.js';
import { reduceValues, reducerName } from './reducers.js';

/** Frames with every field named by its display name (what transformations match on). */
function named(frames: DataFrame[]): DataFrame[] {
  return frames.map((fr) => ({ ...fr, fields: fr.fields.map((f) => ({ name: fieldDisplayName(f, fr), type: f.type, values: f.values, ...(f.labels !== undefined ? { labels: f.labels } : {}) })) }));
}

function field(name: string, type: FieldType, values: FieldValue[]): Field {
  return { name, type, values };
}

function typeOf(values: FieldValue[]): FieldType {
  for (const v of values) if (v !== null) return typeof v === 'number' ? 'number' : 'string';
  return 'number';
}

function merge(frames: DataFrame[]): DataFrame[] {
  if (frames.length < 2) return frames;
  const order: string[] = [];
  const types = new Map<string, FieldType>();
  for (const fr of frames) for (const f of fr.fields) if (!types.has(f.name)) { order.push(f.name); types.set(f.name, f.type); }
  const common = order.filter((n) => frames.every((fr) => fr.fields.some((f) => f.name === n)) && types.get(n) !== 'number');
  const rows = new Map<string, Map<string, FieldValue>>();
  const list: Map<string, FieldValue>[] = [];
  for (const fr of frames) {
    const len = frameLength(fr);
    for (let i = 0; i < len; i++) {
      const key = JSON.stringify(common.map((n) => fr.fields.find((f) => f.name === n)?.values[i] ?? null));
      let row = common.length > 0 ? rows.get(key) : undefined;
      if (row === undefined || fr.fields.some((f) => !common.includes(f.name) && row?.has(f.name) === true)) {
        row = new Map();
        list.push(row);
        if (common.length > 0) rows.set(key, row);
      }
      for (const f of fr.fields) row.set(f.name, f.values[i] ?? null);
    }
  }
  return [{ refId: frames[0]?.refId ?? 'A', fields: order.map((n) => field(n, types.get(n) ?? 'string', list.map((r) => r.get(n) ?? null))) }];
}

function joinByField(frames: DataFrame[], o: JsonObject): DataFrame[] {
  if (frames.length === 0) return frames;
  const by = str(o, 'byField') ?? frames[0]?.fields.find((f) => f.type === 'time')?.name ?? 'Time';
  const inner = str(o, 'mode') === 'inner';
  const withKey = frames.filter((fr) => fr.fields.some((f) => f.name === by));
  if (withKey.length === 0) return frames;
  const keys: FieldValue[] = [];
  const seen = new Set<FieldValue>();
  const index = withKey.map((fr) => {
    const kf = fr.fields.find((f) => f.name === by);
    const m = new Map<FieldValue, number>();
    kf?.values.forEach((v, i) => {
      m.set(v, i);
      if (!seen.has(v)) { seen.add(v); keys.push(v); }
    });
    return m;
  });
  let rowKeys = inner ? keys.filter((k) => index.every((m) => m.has(k))) : keys;
  const keyType = withKey[0]?.fields.find((f) => f.name === by)?.type ?? 'string';
  if (keyType !== 'string') rowKeys = [...rowKeys].sort((a, b) => Number(a) - Number(b));
  const fields: Field[] = [field(by, keyType, rowKeys)];
  withKey.forEach((fr, fi) => {
    const m = index[fi] ?? new Map<FieldValue, number>();
    for (const f of fr.fields) {
      if (f.name === by) continue;
      fields.push({ ...f, values: rowKeys.map((k) => { const i = m.get(k); return i === undefined ? null : (f.values[i] ?? null); }) });
    }
  });
  return [{ refId: withKey[0]?.refId ?? 'A', fields }];
}

function organize(frames: DataFrame[], o: JsonObject): DataFrame[] {
  const exclude = obj(o, 'excludeByName') ?? {};
  const indexBy = obj(o, 'indexByName') ?? {};
  const rename = obj(o, 'renameByName') ?? {};
  return frames.map((fr) => {
    const kept = fr.fields.filter((f) => exclude[f.name] !== true);
    const pos = (f: Field): number => num(indexBy, f.name) ?? Number.MAX_SAFE_INTEGER;
    const sorted = kept.map((f, i) => ({ f, i })).sort((a, b) => pos(a.f) - pos(b.f) || a.i - b.i).map((x) => x.f);
    return { ...fr, fields: sorted.map((f) => { const r = rename[f.name]; return typeof r === 'string' && r !== '' ? { ...f, name: r } : f; }) };
  });
}

function groupBy(frames: DataFrame[], o: JsonObject): DataFrame[] {
  const cfg = obj(o, 'fields') ?? {};
  return frames.map((fr) => {
    const groupFields = fr.fields.filter((f) => str(cfg[f.name], 'operation') === 'groupby');
    if (groupFields.length === 0) return fr;
    const aggFields = fr.fields.filter((f) => str(cfg[f.name], 'operation') === 'aggregate');
    const groups = new Map<string, number[]>();
    const len = frameLength(fr);
    for (let i = 0; i < len; i++) {
      const key = JSON.stringify(groupFields.map((f) => f.values[i] ?? null));
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [i]);
      else g.push(i);
    }
    const rows = [...groups.values()];
    const fields: Field[] = groupFields.map((f) => ({ name: f.name, type: f.type, values: rows.map((r) => f.values[r[0] ?? 0] ?? null) }));
    for (const f of aggFields) {
      for (const calc of arr(cfg[f.name], 'aggregations').filter((c): c is string => typeof c === 'string')) {
        const values = rows.map((r) => reduceValues(r.map((i) => f.values[i] ?? null), calc));
        fields.push(field(`${f.name} (${calc})`, typeOf(values), values));
      }
    }
    return { refId: fr.refId, fields };
  });
}

function operand(spec: Json | undefined, fr: DataFrame, i: number): number | null {
  let name: string | undefined;
  if (typeof spec === 'string') name = spec;
  else if (isObject(spec)) {
    const fixed = str(spec, 'fixed');
    if (fixed !== undefined) return Number(fixed);
    name = str(obj(spec, 'matcher'), 'options');
  }
  if (name === undefined) return null;
  const f = fr.fields.find((x) => x.name === name);
  if (f === undefined) return name.trim() !== '' && Number.isFinite(Number(name)) ? Number(name) : null;
  const v = f.values[i];
  return typeof v === 'number' ? v : null;
}

function binaryOp(a: number | null, b: number | null, op: string): number | null {
  if (a === null || b === null) return null;
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
    case '^': return Math.pow(a, b);
    default: return null;
  }
}

function specName(spec: Json | undefined): string {
  if (typeof spec === 'string') return spec;
  return str(spec, 'fixed') ?? str(obj(spec, 'matcher'), 'options') ?? '';
}

function calculateField(frames: DataFrame[], o: JsonObject): DataFrame[] {
  const mode = str(o, 'mode') ?? 'reduceRow';
  return frames.map((fr) => {
    const len = frameLength(fr);
    let alias = str(o, 'alias') ?? '';
    const values: FieldValue[] = new Array<FieldValue>(len).fill(null);
    if (mode === 'binary') {
      const b = obj(o, 'binary') ?? {};
      const op = str(b, 'operator') ?? '+';
      for (let i = 0; i < len; i++) values[i] = binaryOp(operand(b['left'], fr, i), operand(b['right'], fr, i), op);
      if (alias === '') alias = `${specName(b['left'])} ${op} ${specName(b['right'])}`;
    } else if (mode === 'reduceRow') {
      const r = obj(o, 'reduce') ?? {};
      const reducer = str(r, 'reducer') ?? 'sum';
      const include = arr(r, 'include').filter((x): x is string => typeof x === 'string');
      const src = fr.fields.filter((f) => f.type === 'number' && (include.length === 0 || include.includes(f.name)));
      for (let i = 0; i < len; i++) values[i] = reduceValues(src.map((f) => f.values[i] ?? null), reducer);
      if (alias === '') alias = reducerName(reducer);
    } else if (mode === 'index') {
      for (let i = 0; i < len; i++) values[i] = i;
      if (alias === '') alias = 'Row';
    } else {
      return fr;
    }
    const out = field(alias, 'number', values);
    if (bool(o, 'replaceFields') === true) return { ...fr, fields: [...fr.fields.filter((f) => f.type === 'time'), out] };
    return { ...fr, fields: [...fr.fields, out] };
  });
}

function compareValues(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

function sortBy(frames: DataFrame[], o: JsonObject): DataFrame[] {
  const spec = arr(o, 'sort')[0];
  const name = str(spec, 'field');
  if (name === undefined) return frames;
  const desc = bool(spec, 'desc') === true;
  return frames.map((fr) => {
    const f = fr.fields.find((x) => x.name === name);
    if (f === undefined) return fr;
    const idx = f.values.map((_v, i) => i).sort((a, b) => compareValues(f.values[a] ?? null, f.values[b] ?? null) * (desc ? -1 : 1));
    return { ...fr, fields: fr.fields.map((x) => ({ ...x, values: idx.map((i) => x.values[i] ?? null) })) };
  });
}

function labelsToFields(frames: DataFrame[], o: JsonObject): DataFrame[] {
  const valueLabel = str(o, 'valueLabel');
  const keep = arr(o, 'keepLabels').filter((x): x is string => typeof x === 'string');
  return frames.map((fr) => {
    const out: Field[] = [];
    const labelCols = new Map<string, FieldValue[]>();
    const len = frameLength(fr);
    for (const f of fr.fields) {
      if (f.labels === undefined || f.type !== 'number') { out.push(f); continue; }
      for (const [k, v] of Object.entries(f.labels)) {
        if (k === '__name__' || (keep.length > 0 && !keep.includes(k)) || k === valueLabel) continue;
        if (!labelCols.has(k)) labelCols.set(k, new Array<FieldValue>(len).fill(v));
      }
      const name = valueLabel !== undefined ? (f.labels[valueLabel] ?? f.name) : (f.labels['__name__'] ?? 'Value');
      out.push({ name, type: f.type, values: f.values });
    }
    const labelFields = [...labelCols.entries()].map(([k, v]) => field(k, 'string', v));
    const timeIdx = out.findIndex((f) => f.type === 'time');
    out.splice(timeIdx + 1, 0, ...labelFields);
    return { refId: fr.refId, fields: out };
  });
}

function nameFilter(o: JsonObject): (name: string) => boolean {
  const inc = obj(o, 'include');
  const exc = obj(o, 'exclude');
  const incNames = arr(inc, 'names').filter((x): x is string => typeof x === 'string');
  const excNames = arr(exc, 'names').filter((x): x is string => typeof x === 'string');
  const safe = (p: string | undefined): RegExp | null => { try { return p === undefined || p === '' ? null : new RegExp(p); } catch { return null; } };
  const incRe = safe(str(inc, 'pattern'));
  const excRe = safe(str(exc, 'pattern'));
  return (name) => {
    if (excNames.includes(name) || excRe?.test(name) === true) return false;
    if (incNames.length === 0 && incRe === null) return true;
    return incNames.includes(name) || incRe?.test(name) === true;
  };
}

function renameByRegex(frames: DataFrame[], o: JsonObject): DataFrame[] {
  const pattern = str(o, 'regex') ?? '';
  const replacement = str(o, 'renamePattern') ?? '';
  let re: RegExp;
  try {
    const m = /^\/(.*)\/([a-z]*)$/.exec(pattern);
    re = m !== null ? new RegExp(m[1] ?? '', m[2] ?? '') : new RegExp(pattern);
  } catch {
    return frames;
  }
  return frames.map((fr) => ({ ...fr, fields: fr.fields.map((f) => ({ ...f, name: f.name.replace(re, replacement) })) }));
}

function seriesToRows(frames: DataFrame[]): DataFrame[] {
  const rows: { t: FieldValue; metric: string; v: FieldValue }[] = [];
  for (const fr of frames) {
    const tf = fr.fields.find((f) => f.type === 'time');
    for (const f of fr.fields) {
      if (f.type !== 'number') continue;
      f.values.forEach((v, i) => rows.push({ t: tf?.values[i] ?? null, metric: f.name, v }));
    }
  }
  rows.sort((a, b) => Number(b.t) - Number(a.t));
  return [{ refId: frames[0]?.refId ?? 'A', fields: [field('Time', 'time', rows.map((r) => r.t)), field('Metric', 'string', rows.map((r) => r.metric)), field('Value', 'number', rows.map((r) => r.v))] }];
}

function reduce(frames: DataFrame[], o: JsonObject): DataFrame[] {
  const reducers = arr(o, 'reducers').filter((x): x is string => typeof x === 'string');
  const calcs = reducers.length > 0 ? reducers : ['lastNotNull'];
  if (str(o, 'mode') === 'reduceFields') {
    return frames.map((fr) => ({ ...fr, fields: fr.fields.filter((f) => f.type !== 'time').map((f) => (f.type === 'number' ? { ...f, values: [reduceValues(f.values, calcs[0] ?? 'lastNotNull')] } : { ...f, values: f.values.slice(0, 1) })) }));
  }
  const names: FieldValue[] = [];
  const cols = calcs.map((): FieldValue[] => []);
  for (const fr of frames) for (const f of fr.fields) {
    if (f.type !== 'number') continue;
    names.push(f.name);
    calcs.forEach((c, i) => cols[i]?.push(reduceValues(f.values, c)));
  }
  return [{ refId: frames[0]?.refId ?? 'A', fields: [field('Field', 'string', names), ...calcs.map((c, i) => field(reducerName(c), 'number', cols[i] ?? []))] }];
}

export interface TransformResult {
  frames: DataFrame[];
  unsupported: string[];
}

/** Applies a panel's transformations in order. */
export function applyTransformations(input: DataFrame[], transformations: readonly { id: string; options: JsonObject; disabled: boolean }[]): TransformResult {
  const active = transformations.filter((t) => !t.disabled);
  if (active.length === 0) return { frames: input, unsupported: [] };
  let frames = named(input);
  const unsupported: string[] = [];
  for (const t of active) {
    const o = t.options;
    switch (t.id) {
      case 'merge': frames = merge(frames); break;
      case 'joinByField':
      case 'seriesToColumns': frames = joinByField(frames, o); break;
      case 'organize': frames = organize(frames, o); break;
      case 'groupBy': frames = groupBy(frames, o); break;
      case 'calculateField': frames = calculateField(frames, o); break;
      case 'sortBy': frames = sortBy(frames, o); break;
      case 'labelsToFields': frames = labelsToFields(frames, o); break;
      case 'filterFieldsByName': {
        const keep = nameFilter(o);
        frames = frames.map((fr) => ({ ...fr, fields: fr.fields.filter((f) => keep(f.name)) }));
        break;
      }
      case 'filterByRefId': {
        const re = str(o, 'include');
        if (re !== undefined && re !== '') frames = frames.filter((fr) => re.split(/[|,]/).includes(fr.refId));
        break;
      }
      case 'renameByRegex': frames = renameByRegex(frames, o); break;
      case 'seriesToRows': frames = seriesToRows(frames); break;
      case 'reduce': frames = reduce(frames, o); break;
      default: unsupported.push(t.id);
    }
  }
  return { frames, unsupported };
}
