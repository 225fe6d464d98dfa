/**
 * Prometheus HTTP API JSON for query results, as the upstream API writes it: timestamps as
 * seconds with millisecond fraction, values as strings in Go's shortest 'f' float format.
 */
import type { Labels } from '../../src/model/labels/index.js';
import type { FloatHistogram } from '../../src/model/value/index.js';
import type { Series, Value } from '../../src/promql/value/index.js';

/** Go's strconv.FormatFloat(v, 'f', -1, 64), with Prometheus's NaN/+Inf/-Inf spelling. */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const neg = s.startsWith('-');
  const mantissa = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intLen = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (intLen <= 0) out = `0.${'0'.repeat(-intLen)}${digits}`;
  else if (intLen >= digits.length) out = digits + '0'.repeat(intLen - digits.length);
  else out = `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  return neg ? `-${out}` : out;
}

/** jsonutil.MarshalTimestamp: ms -> seconds with up to three decimals. */
export function formatTimestamp(ms: number): string {
  const neg = ms < 0;
  const t = Math.abs(ms);
  const secs = Math.floor(t / 1000);
  const frac = t % 1000;
  const f = frac === 0 ? '' : `.${String(frac).padStart(3, '0')}`;
  return `${neg ? '-' : ''}${secs}${f}`;
}

function metricJSON(l: Labels): string {
  const p = l.pairs;
  let out = '{';
  for (let i = 0; i + 1 < p.length; i += 2) {
    if (i > 0) out += ',';
    out += `${JSON.stringify(p[i])}:${JSON.stringify(p[i + 1])}`;
  }
  return `${out}}`;
}

/** A simplified native histogram object (count and sum); the bench data has none. */
function histogramJSON(h: FloatHistogram): string {
  return `{"count":"${formatGoFloat(h.count)}","sum":"${formatGoFloat(h.sum)}"}`;
}

function seriesJSON(s: Series): string {
  let out = `{"metric":${metricJSON(s.metric)}`;
  const n = s.floats.length;
  if (n > 0) {
    const t = s.floats.t;
    const f = s.floats.f;
    const parts = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      parts[i] = `[${formatTimestamp(t[i] as number)},"${formatGoFloat(f[i] as number)}"]`;
    }
    out += `,"values":[${parts.join(',')}]`;
  }
  if (s.histograms.length > 0) {
    out += `,"histograms":[${s.histograms.map((p) => `[${formatTimestamp(p.t)},${histogramJSON(p.h)}]`).join(',')}]`;
  }
  return `${out}}`;
}

/** The `data` object of a successful query response, as chunks to write in order. */
export function resultDataChunks(v: Value): string[] {
  switch (v.type) {
    case 'matrix': {
      const chunks = ['{"resultType":"matrix","result":['];
      v.value.forEach((s, i) => chunks.push((i > 0 ? ',' : '') + seriesJSON(s)));
      chunks.push(']}');
      return chunks;
    }
    case 'vector': {
      const items = v.value.map((s) => {
        const val = s.h !== null ? `"histogram":[${formatTimestamp(s.t)},${histogramJSON(s.h)}]` : `"value":[${formatTimestamp(s.t)},"${formatGoFloat(s.f)}"]`;
        return `{"metric":${metricJSON(s.metric)},${val}}`;
      });
      return [`{"resultType":"vector","result":[${items.join(',')}]}`];
    }
    case 'scalar':
      return [`{"resultType":"scalar","result":[${formatTimestamp(v.value.t)},"${formatGoFloat(v.value.v)}"]}`];
    case 'string':
      return [`{"resultType":"string","result":[${formatTimestamp(v.value.t)},${JSON.stringify(v.value.v)}]}`];
  }
}
