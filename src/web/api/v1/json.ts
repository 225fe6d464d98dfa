/**
 * JSON encoding of query results in the shape of Prometheus's API (web/api/v1/json_codec.go,
 * util/jsonutil): sample values as strings in Go's float format, timestamps as seconds with
 * millisecond fraction, histograms as {count, sum, buckets}. Strings are escaped as Go's
 * encoder does (HTML characters as \u003c, \u003e, \u0026). Large results are produced as a
 * sequence of chunks so that a matrix never becomes one giant string.
 */
import type { Labels } from '../../../model/labels/index.js';
import { formatFloat } from '../../../model/strconv/index.js';
import { type FloatHistogram, histogramBuckets } from '../../../model/value/index.js';
import type { Matrix, Series, Value, Vector } from '../../../promql/value/index.js';

const HTML_CHARS = /[<>&\u2028\u2029]/g;
const HAS_HTML_CHARS = /[<>&\u2028\u2029]/;

function htmlEscape(c: string): string {
  switch (c) {
    case '<':
      return '\\u003c';
    case '>':
      return '\\u003e';
    case '&':
      return '\\u0026';
    case '\u2028':
      return '\\u2028';
    default:
      return '\\u2029';
  }
}

/**
 * Escapes HTML-sensitive characters in serialized JSON. Safe on a whole document: those
 * characters can only occur inside string literals.
 */
export function escapeHtmlInJson(json: string): string {
  return HAS_HTML_CHARS.test(json) ? json.replace(HTML_CHARS, htmlEscape) : json;
}

/** A JSON string literal as Go's encoder writes it. */
export function jsonString(s: string): string {
  return escapeHtmlInJson(JSON.stringify(s));
}

/** JSON of any plain value, with Go's HTML escaping. */
export function toJson(v: unknown): string {
  return escapeHtmlInJson(JSON.stringify(v));
}

/** jsonutil.MarshalFloat without the quotes: 'f' format, 'e' below 1e-6 and from 1e21 on. */
export function formatSampleValue(f: number): string {
  if (f !== f) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const a = f < 0 ? -f : f;
  // JavaScript's shortest round-trip form switches to exponent notation at the same
  // thresholds; only Go's two-digit exponent padding below 1e-6 differs.
  if (a >= 1e-6) return String(f);
  return formatFloat(f, 'e', -1);
}

/** jsonutil.MarshalTimestamp: ms as seconds with the millisecond fraction (".500" kept). */
export function formatTimestamp(t: number): string {
  let sign = '';
  if (t < 0) {
    sign = '-';
    t = -t;
  }
  const sec = Math.trunc(t / 1000);
  const frac = t - sec * 1000;
  if (frac === 0) return sign + String(sec);
  const f = Math.round(frac);
  return `${sign}${sec}.${f < 10 ? '00' : f < 100 ? '0' : ''}${f}`;
}

export function labelsJson(l: Labels): string {
  const p = l.pairs;
  let s = '{';
  for (let i = 0; i < p.length; i += 2) {
    if (i > 0) s += ',';
    s += jsonString(p[i] as string) + ':' + jsonString(p[i + 1] as string);
  }
  return s + '}';
}

/** jsonutil.MarshalHistogram. */
export function histogramJson(h: FloatHistogram): string {
  let s = `{"count":"${formatSampleValue(h.count)}","sum":"${formatSampleValue(h.sum)}"`;
  const bs = histogramBuckets(h);
  if (bs.length > 0) {
    s += ',"buckets":[';
    for (let i = 0; i < bs.length; i++) {
      const b = bs[i];
      if (b === undefined) continue;
      const boundaries = b.lowerInclusive ? (b.upperInclusive ? 3 : 1) : b.upperInclusive ? 0 : 2;
      if (i > 0) s += ',';
      s += `[${boundaries},"${formatSampleValue(b.lower)}","${formatSampleValue(b.upper)}","${formatSampleValue(b.count)}"]`;
    }
    s += ']';
  }
  return s + '}';
}

function sampleJson(metric: Labels, t: number, f: number, h: FloatHistogram | null): string {
  const ts = formatTimestamp(t);
  if (h === null) return `{"metric":${labelsJson(metric)},"value":[${ts},"${formatSampleValue(f)}"]}`;
  return `{"metric":${labelsJson(metric)},"histogram":[${ts},${histogramJson(h)}]}`;
}

const CHUNK = 64 * 1024;

function* vectorChunks(v: Vector): Generator<string> {
  let buf = '[';
  for (let i = 0; i < v.length; i++) {
    const s = v[i];
    if (s === undefined) continue;
    if (i > 0) buf += ',';
    buf += sampleJson(s.metric, s.t, s.f, s.h);
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  yield buf + ']';
}

function* seriesChunks(s: Series): Generator<string> {
  let buf = `{"metric":${labelsJson(s.metric)}`;
  const fp = s.floats;
  if (fp.length > 0) {
    buf += ',"values":[';
    const ts = fp.t;
    const fs = fp.f;
    for (let i = 0; i < fp.length; i++) {
      if (i > 0) buf += ',';
      buf += `[${formatTimestamp(ts[i] as number)},"${formatSampleValue(fs[i] as number)}"]`;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
      }
    }
    buf += ']';
  }
  if (s.histograms.length > 0) {
    buf += ',"histograms":[';
    for (let i = 0; i < s.histograms.length; i++) {
      const p = s.histograms[i];
      if (p === undefined) continue;
      if (i > 0) buf += ',';
      buf += `[${formatTimestamp(p.t)},${histogramJson(p.h)}]`;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
      }
    }
    buf += ']';
  }
  yield buf + '}';
}

function* matrixChunks(m: Matrix): Generator<string> {
  let buf = '[';
  for (let i = 0; i < m.length; i++) {
    const s = m[i];
    if (s === undefined) continue;
    if (i > 0) buf += ',';
    for (const c of seriesChunks(s)) {
      buf += c;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
      }
    }
  }
  yield buf + ']';
}

/** Go's encoding of a float64 seconds timestamp (float64(t)/1000 through encoding/json). */
function goJsonSeconds(t: number): string {
  return String(t / 1000);
}

/** The JSON of a query result value, as chunks. */
export function* valueChunks(v: Value): Generator<string> {
  switch (v.type) {
    case 'vector':
      yield* vectorChunks(v.value);
      return;
    case 'matrix':
      yield* matrixChunks(v.value);
      return;
    case 'scalar':
      yield `[${goJsonSeconds(v.value.t)},${jsonString(formatFloat(v.value.v, 'f', -1))}]`;
      return;
    case 'string':
      yield `[${goJsonSeconds(v.value.t)},${jsonString(v.value.v)}]`;
      return;
  }
}

/** Go's time.Time JSON (RFC 3339 with trimmed nanoseconds) of ms in UTC; null is the zero time. */
export function rfc3339Nano(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '0001-01-01T00:00:00Z';
  const d = new Date(Math.floor(ms));
  if (Number.isNaN(d.getTime())) return '0001-01-01T00:00:00Z';
  const iso = d.toISOString();
  const frac = Math.round((ms - Math.floor(ms)) * 1e6);
  let nanos = String(d.getUTCMilliseconds() * 1e6 + frac).padStart(9, '0');
  nanos = nanos.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${nanos === '' ? '' : '.' + nanos}Z`;
}
