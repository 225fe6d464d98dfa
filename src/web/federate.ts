/**
 * /federate (Prometheus web/federate.go): the latest sample within the lookback window of every
 * series matching any match[] selector, in the text exposition format 0.0.4, grouped into
 * untyped metric families by name, with the external labels attached. Stale markers are left
 * out; custom-bucket (NHCB) histograms are exposed as classic histograms, other native
 * histograms are skipped (the text format cannot carry them).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compareLabels, Labels } from '../model/labels/index.js';
import type { Matcher } from '../model/labels/index.js';
import { formatFloat } from '../model/strconv/index.js';
import { CounterResetHint, CustomBucketsSchema, isStaleNaN } from '../model/value/index.js';
import type { FloatHistogram } from '../model/value/index.js';
import { parseMetricSelector, ParseError } from '../promql/parser/index.js';
import { ValueType } from '../storage/index.js';
import type { Queryable, Series } from '../storage/index.js';

export interface FederateDeps {
  queryable: Queryable;
  /** ms; default 5m. */
  lookbackDelta?: number;
  externalLabels?: Labels;
  now?: () => number;
}

export const FEDERATE_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores';

interface FedSample {
  metric: Labels;
  t: number;
  f: number;
  h: FloatHistogram | null;
}

/** The last sample with mint <= t <= maxt, or null. */
function latest(s: Series, mint: number, maxt: number): FedSample | null {
  const it = s.iterator();
  let vt = it.seek(mint);
  let out: FedSample | null = null;
  while (vt !== ValueType.None) {
    const t = it.atT();
    if (t > maxt) break;
    out =
      vt === ValueType.Float
        ? { metric: s.labels, t, f: it.atF(), h: null }
        : { metric: s.labels, t, f: 0, h: it.atFloatHistogram() };
    vt = it.next();
  }
  return out;
}

function legacyRune(c: string, i: number): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === ':' || (c >= '0' && c <= '9' && i > 0);
}

/** model.EscapeName with underscore escaping. */
export function escapeName(name: string): string {
  let out = '';
  let i = 0;
  let changed = false;
  for (const c of name) {
    if (legacyRune(c, i)) out += c;
    else {
      out += '_';
      changed = true;
    }
    i += c.length;
  }
  return changed ? out : name;
}

function escapeValue(v: string): string {
  return v.replace(/[\\\n"]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\"'));
}

/** expfmt's writeFloat. */
function textFloat(f: number): string {
  if (f === 0) return '0';
  return formatFloat(f, 'g');
}

function labelPairs(pairs: readonly [string, string][], extra?: [string, string]): string {
  const all = extra ? [...pairs, extra] : pairs;
  if (all.length === 0) return '';
  return `{${all.map(([n, v]) => `${escapeName(n)}="${escapeValue(v)}"`).join(',')}}`;
}

function classicHistogramLines(name: string, pairs: [string, string][], h: FloatHistogram, ts: string): string {
  let out = '';
  let cum = 0;
  const counts = new Map<number, number>();
  let idx = 0;
  let bi = 0;
  for (const span of h.positiveSpans) {
    idx += span.offset;
    for (let j = 0; j < span.length; j++, idx++, bi++) counts.set(idx, h.positiveBuckets[bi] ?? 0);
  }
  h.customValues.forEach((le, i) => {
    cum += counts.get(i) ?? 0;
    out += `${name}_bucket${labelPairs(pairs, ['le', textFloat(le)])} ${textFloat(cum)}${ts}\n`;
  });
  out += `${name}_bucket${labelPairs(pairs, ['le', '+Inf'])} ${textFloat(h.count)}${ts}\n`;
  out += `${name}_sum${labelPairs(pairs)} ${textFloat(h.sum)}${ts}\n`;
  out += `${name}_count${labelPairs(pairs)} ${textFloat(h.count)}${ts}\n`;
  return out;
}

/** Renders the samples (sorted by name) as text exposition. */
export function renderFederation(vec: readonly FedSample[], external: Labels): string {
  const extNames = [...new Set([...external.names(), 'instance'])].sort();
  let out = '';
  let lastName = '';
  let lastHist = false;
  let lastGauge = false;
  for (const s of vec) {
    const isHist = s.h !== null;
    if (isHist && s.h !== null && s.h.schema !== CustomBucketsSchema) continue;
    const name = s.metric.get('__name__');
    if (name === '') continue;
    const gauge = s.h !== null && s.h.counterResetHint === CounterResetHint.Gauge;
    if (name !== lastName || lastHist !== isHist || (isHist && lastGauge !== gauge)) {
      const type = isHist ? (gauge ? 'gaugehistogram' : 'histogram') : 'untyped';
      out += `# TYPE ${escapeName(name)} ${type}\n`;
      lastName = name;
    }
    lastHist = isHist;
    lastGauge = gauge;
    const pairs: [string, string][] = [];
    const used = new Set<string>();
    s.metric.forEach((n, v) => {
      if (n === '__name__' || v === '') return;
      pairs.push([n, v]);
      used.add(n);
    });
    for (const n of extNames) if (!used.has(n)) pairs.push([n, external.get(n)]);
    const ts = ` ${s.t}`;
    if (s.h !== null) out += classicHistogramLines(escapeName(name), pairs, s.h, ts);
    else out += `${escapeName(name)}${labelPairs(pairs)} ${textFloat(s.f)}${ts}\n`;
  }
  return out;
}

/** Collects the federated samples for the matcher sets at time now. */
export function federatedSamples(deps: FederateDeps, sets: readonly Matcher[][], now: number): FedSample[] {
  const maxt = now;
  const mint = now - (deps.lookbackDelta ?? 5 * 60 * 1000);
  const q = deps.queryable.querier(mint, maxt);
  const seen = new Set<string>();
  const vec: FedSample[] = [];
  try {
    for (const ms of sets) {
      const ss = q.select(true, { start: mint, end: maxt }, ...ms);
      while (ss.next()) {
        const s = ss.at();
        const k = s.labels.key();
        if (seen.has(k)) continue;
        seen.add(k);
        const smp = latest(s, mint, maxt);
        if (smp === null) continue;
        if (isStaleNaN(smp.f) || (smp.h !== null && isStaleNaN(smp.h.sum))) continue;
        vec.push(smp);
      }
      const err = ss.err();
      if (err !== null) throw err;
    }
  } finally {
    q.close();
  }
  vec.sort((a, b) => compareLabels(a.metric, b.metric));
  vec.sort((a, b) => {
    const x = a.metric.get('__name__');
    const y = b.metric.get('__name__');
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return vec;
}

function textError(res: ServerResponse, code: number, msg: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(msg + '\n');
}

function parseErrorText(e: unknown): string {
  if (e instanceof ParseError) return e.toString();
  return e instanceof Error ? e.message : String(e);
}

/** Handles GET/POST /federate; the caller routes the path. */
export async function serveFederation(deps: FederateDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const params = new URLSearchParams();
  const ctype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (req.method === 'POST' && ctype === 'application/x-www-form-urlencoded') {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c instanceof Buffer ? c : Buffer.from(String(c)));
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
  }
  for (const [k, v] of url.searchParams) params.append(k, v);
  let sets: Matcher[][];
  try {
    sets = params.getAll('match[]').map((m) => parseMetricSelector(m));
  } catch (e) {
    textError(res, 400, parseErrorText(e));
    return;
  }
  let body: string;
  try {
    const vec = federatedSamples(deps, sets, (deps.now ?? Date.now)());
    body = renderFederation(vec, deps.externalLabels ?? Labels.EMPTY);
  } catch (e) {
    textError(res, 500, e instanceof Error ? e.message : String(e));
    return;
  }
  res.writeHead(200, { 'Content-Type': FEDERATE_CONTENT_TYPE });
  res.end(body);
}
