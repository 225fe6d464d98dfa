/**
 * Query targets of the bench: Prometheus-compatible HTTP endpoints, and how to time one
 * range query against them (full response body read, JSON summarised on request).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Scale } from './data.js';

export interface Target {
  readonly name: string;
  readonly url: string;
}

/** What a response held, to check that targets agree: values by series key and timestamp. */
export interface ResultSummary {
  readonly ok: boolean;
  readonly error: string;
  readonly series: ReadonlyMap<string, ReadonlyMap<number, number>>;
  readonly points: number;
}

export interface Timing {
  readonly ms: number;
  readonly summary: ResultSummary | null;
}

export interface RangeParams {
  readonly query: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function failed(error: string): ResultSummary {
  return { ok: false, error, series: new Map(), points: 0 };
}

function metricKey(m: unknown): string {
  if (!isRecord(m)) return '{}';
  return JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]]));
}

/** Summarises a query_range response body (validated loosely: it is untrusted input). */
export function summarize(body: string): ResultSummary {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return failed(`bad JSON: ${body.slice(0, 120)}`);
  }
  if (!isRecord(doc)) return failed('bad response');
  if (doc.status !== 'success') return failed(typeof doc.error === 'string' ? doc.error : 'error');
  const data = doc.data;
  const result = isRecord(data) && Array.isArray(data.result) ? (data.result as unknown[]) : [];
  const series = new Map<string, Map<number, number>>();
  let points = 0;
  for (const s of result) {
    if (!isRecord(s)) continue;
    const vals = new Map<number, number>();
    series.set(metricKey(s.metric), vals);
    if (!Array.isArray(s.values)) continue;
    for (const p of s.values as unknown[]) {
      if (!Array.isArray(p)) continue;
      points++;
      vals.set(Number(p[0]), Number(p[1]));
    }
  }
  return { ok: true, error: '', series, points };
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Points (series x timestamps) where two results differ beyond 1e-9 relative, or -1 if one failed. */
export function countDifferences(a: ResultSummary, b: ResultSummary): number {
  if (!a.ok || !b.ok) return -1;
  let diff = 0;
  const keys = new Set([...a.series.keys(), ...b.series.keys()]);
  for (const k of keys) {
    const x = a.series.get(k);
    const y = b.series.get(k);
    if (x === undefined || y === undefined) {
      diff += Math.max(1, (x ?? y)?.size ?? 0);
      continue;
    }
    for (const [t, v] of x) {
      const w = y.get(t);
      if (w === undefined || !close(v, w)) diff++;
    }
    for (const t of y.keys()) if (!x.has(t)) diff++;
  }
  return diff;
}

/** Runs one range query; returns the wall time to the last byte of the response. */
export async function timeRangeQuery(t: Target, p: RangeParams, withSummary: boolean, timeoutMs: number): Promise<Timing> {
  const qs = new URLSearchParams({
    query: p.query,
    start: String(p.startMs / 1000),
    end: String(p.endMs / 1000),
    step: String(p.stepMs / 1000),
  });
  const url = `${t.url}/api/v1/query_range?${qs.toString()}`;
  let t0 = performance.now();
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    // A kept-alive connection the server closed meanwhile: retry once on a fresh one.
    if (!(e instanceof TypeError)) throw e;
    t0 = performance.now();
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  }
  const body = await res.text();
  const ms = performance.now() - t0;
  if (withSummary) return { ms, summary: summarize(body) };
  if (!res.ok) return { ms, summary: summarize(body) };
  return { ms, summary: null };
}

export interface ChildEndpoint {
  readonly url: string;
  readonly samples: number;
  readonly loadMs: number;
  close(): Promise<void>;
}

/** Starts vigil-endpoint.js as a child process and waits for its READY line. */
export function spawnVigilEndpoint(scale: Scale): Promise<ChildEndpoint> {
  const script = fileURLToPath(new URL('./vigil-endpoint.js', import.meta.url));
  const proc: ChildProcess = spawn(process.execPath, ['--max-old-space-size=8192', script, '--scale', scale], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = (): void => {
    proc.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const close = (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  };
  return new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout?.setEncoding('utf8');
    proc.stdout?.on('data', (chunk: string) => {
      buf += chunk;
      const m = /READY (\S+) (\d+) (\d+)/.exec(buf);
      if (m !== null) resolve({ url: m[1] as string, samples: Number(m[2]), loadMs: Number(m[3]), close });
    });
    proc.once('exit', (code) => reject(new Error(`vigil endpoint exited (code ${String(code)}) before it was ready`)));
    proc.once('error', reject);
  });
}
