/**
 * Output of `vigil query ...` as promtool prints it: the promql format is the Go String() of
 * prometheus/common's model values (`metric => value @[ts]`), the json format their JSON
 * (sorted label keys, values as strings, one document and a newline).
 */
import { formatFloat, goQuote, parseGoFloat } from '../../model/strconv/index.js';

export type OutputFormat = 'promql' | 'json';

type LabelSet = Record<string, string>;

interface Bucket {
  boundaries: number;
  lower: number;
  upper: number;
  count: number;
}

interface Histogram {
  count: number;
  sum: number;
  buckets: Bucket[] | null;
}

interface Point {
  t: number;
  v: number;
}

interface HistPoint {
  t: number;
  h: Histogram;
}

export interface Stream {
  metric: LabelSet;
  values: Point[];
  histograms: HistPoint[];
}

export type ModelValue =
  | { type: 'vector'; samples: { metric: LabelSet; t: number; v: number; h: Histogram | null }[] }
  | { type: 'matrix'; streams: Stream[] }
  | { type: 'scalar'; t: number; v: number }
  | { type: 'string'; t: number; v: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    try {
      return parseGoFloat(v);
    } catch {
      return NaN;
    }
  }
  return NaN;
}

/** model.Time from a JSON seconds number: ms. */
function ms(v: unknown): number {
  return Math.round(num(v) * 1000);
}

function labelSet(v: unknown): LabelSet {
  const out: LabelSet = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
}

function histogram(v: unknown): Histogram {
  const r = isRecord(v) ? v : {};
  const b = r['buckets'];
  const buckets = Array.isArray(b)
    ? b.map((x) => {
        const a = Array.isArray(x) ? x : [];
        return { boundaries: num(a[0]), lower: num(a[1]), upper: num(a[2]), count: num(a[3]) };
      })
    : null;
  return { count: num(r['count']), sum: num(r['sum']), buckets };
}

function pair(v: unknown): [unknown, unknown] {
  return Array.isArray(v) ? [v[0], v[1]] : [undefined, undefined];
}

/** Decodes the `data` of a query response into a model value. */
export function decodeQueryData(data: unknown): ModelValue {
  const d = isRecord(data) ? data : {};
  const result = d['result'];
  switch (d['resultType']) {
    case 'vector':
      return {
        type: 'vector',
        samples: (Array.isArray(result) ? result : []).map((s: unknown) => {
          const r = isRecord(s) ? s : {};
          if (r['histogram'] !== undefined) {
            const [t, h] = pair(r['histogram']);
            return { metric: labelSet(r['metric']), t: ms(t), v: 0, h: histogram(h) };
          }
          const [t, v] = pair(r['value']);
          return { metric: labelSet(r['metric']), t: ms(t), v: num(v), h: null };
        }),
      };
    case 'matrix':
      return {
        type: 'matrix',
        streams: (Array.isArray(result) ? result : []).map((s: unknown) => {
          const r = isRecord(s) ? s : {};
          const values = (Array.isArray(r['values']) ? r['values'] : []).map((p: unknown) => {
            const [t, v] = pair(p);
            return { t: ms(t), v: num(v) };
          });
          const histograms = (Array.isArray(r['histograms']) ? r['histograms'] : []).map((p: unknown) => {
            const [t, h] = pair(p);
            return { t: ms(t), h: histogram(h) };
          });
          return { metric: labelSet(r['metric']), values, histograms };
        }),
      };
    case 'scalar': {
      const [t, v] = pair(result);
      return { type: 'scalar', t: ms(t), v: num(v) };
    }
    default: {
      const [t, v] = pair(result);
      return { type: 'string', t: ms(t), v: String(v ?? '') };
    }
  }
}

const f = (v: number): string => formatFloat(v, 'f', -1);
const ts = (t: number): string => formatFloat(t / 1000, 'f', -1);

/** model.Metric.String(): name{a="b", c="d"}. */
export function metricString(m: LabelSet): string {
  const name = m['__name__'];
  const parts = Object.keys(m)
    .filter((k) => k !== '__name__')
    .map((k) => `${k}=${goQuote(m[k] as string)}`)
    .sort();
  if (parts.length === 0) return name ?? '{}';
  return `${name ?? ''}{${parts.join(', ')}}`;
}

/** model.LabelSet.String(): {a="b", c="d"} with every label. */
export function labelSetString(m: LabelSet): string {
  const parts = Object.keys(m)
    .map((k) => `${k}=${goQuote(m[k] as string)}`)
    .sort();
  return `{${parts.join(', ')}}`;
}

function percentF(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  return formatFloat(v, 'f', 6);
}

function histogramString(h: Histogram): string {
  const buckets = (h.buckets ?? []).map((b) => {
    const lo = b.boundaries === 1 || b.boundaries === 3 ? '[' : '(';
    const hi = b.boundaries === 0 || b.boundaries === 3 ? ']' : ')';
    return `${lo}${formatFloat(b.lower, 'g')},${formatFloat(b.upper, 'g')}${hi}:${f(b.count)}`;
  });
  return `Count: ${percentF(h.count)}, Sum: ${percentF(h.sum)}, Buckets: [${buckets.join(' ')}]`;
}

/** model.LabelSet.Before. */
function labelSetBefore(a: LabelSet, b: LabelSet): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return ka.length < kb.length;
  for (const k of [...ka, ...kb].sort()) {
    const x = a[k];
    const y = b[k];
    if (x === undefined) return true;
    if (y === undefined) return false;
    if (x !== y) return x < y;
  }
  return false;
}

function streamString(s: Stream): string {
  const vals = [...s.values.map((p) => `${f(p.v)} @[${ts(p.t)}]`), ...s.histograms.map((p) => `${histogramString(p.h)} @[${ts(p.t)}]`)];
  return `${metricString(s.metric)} =>\n${vals.join('\n')}`;
}

/** fmt.Println(value) of the promql printer, without the trailing newline. */
export function valueString(v: ModelValue): string {
  switch (v.type) {
    case 'vector':
      return v.samples
        .map((s) => `${metricString(s.metric)} => ${s.h ? histogramString(s.h) : f(s.v)} @[${ts(s.t)}]`)
        .join('\n');
    case 'matrix': {
      const sorted = [...v.streams].sort((a, b) => (labelSetBefore(a.metric, b.metric) ? -1 : labelSetBefore(b.metric, a.metric) ? 1 : 0));
      return sorted.map(streamString).join('\n');
    }
    case 'scalar':
      return `scalar: ${f(v.v)} @[${ts(v.t)}]`;
    case 'string':
      return v.v;
  }
}

/** Go's encoding/json string: HTML characters escaped. */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function labelSetJson(m: LabelSet): string {
  return `{${Object.keys(m)
    .sort()
    .map((k) => `${goJsonString(k)}:${goJsonString(m[k] as string)}`)
    .join(',')}}`;
}

function histogramJson(h: Histogram): string {
  const b = h.buckets === null ? 'null' : `[${h.buckets.map((x) => `[${x.boundaries},"${f(x.lower)}","${f(x.upper)}","${f(x.count)}"]`).join(',')}]`;
  return `{"count":"${f(h.count)}","sum":"${f(h.sum)}","buckets":${b}}`;
}

function streamJson(s: Stream): string {
  let out = `{"metric":${labelSetJson(s.metric)}`;
  if (s.values.length > 0 || s.histograms.length === 0) {
    out += `,"values":[${s.values.map((p) => `[${ts(p.t)},"${f(p.v)}"]`).join(',')}]`;
  }
  if (s.histograms.length > 0) out += `,"histograms":[${s.histograms.map((p) => `[${ts(p.t)},${histogramJson(p.h)}]`).join(',')}]`;
  return out + '}';
}

/** json.NewEncoder(os.Stdout).Encode(value), without the trailing newline. */
export function valueJson(v: ModelValue): string {
  switch (v.type) {
    case 'vector':
      return `[${v.samples
        .map((s) =>
          s.h
            ? `{"metric":${labelSetJson(s.metric)},"histogram":[${ts(s.t)},${histogramJson(s.h)}]}`
            : `{"metric":${labelSetJson(s.metric)},"value":[${ts(s.t)},"${f(s.v)}"]}`,
        )
        .join(',')}]`;
    case 'matrix':
      return `[${v.streams.map(streamJson).join(',')}]`;
    case 'scalar':
      return `[${ts(v.t)},"${f(v.v)}"]`;
    case 'string':
      return `[${ts(v.t)},${goJsonString(v.v)}]`;
  }
}

export function decodeLabelSets(data: unknown): LabelSet[] {
  return Array.isArray(data) ? data.map(labelSet) : [];
}

export function decodeStrings(data: unknown): string[] {
  return Array.isArray(data) ? data.map(String) : [];
}

export function stringsJson(list: readonly string[]): string {
  return `[${list.map(goJsonString).join(',')}]`;
}
