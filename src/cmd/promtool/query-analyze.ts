/**
 * `vigil query analyze --server=URL --type=histogram --match=SEL [--duration=1h] [--time=T]`:
 * bucket population statistics of classic and native histograms (promtool's analyze.go).
 */
import { formatFloat } from '../../model/strconv/index.js';
import { callApi } from './query-client.js';
import { formatGoDuration } from './query-args.js';
import { decodeQueryData, labelSetString, metricString } from './query-print.js';
import type { Stream } from './query-print.js';

const HEADER = `Bucket stats for each histogram series over time
------------------------------------------------
First the min, avg, and max number of populated buckets, followed by the total
number of buckets (only if different from the max number of populated buckets
which is typical for classic but not native histograms).`;

const FOOTER = `Aggregated bucket stats
-----------------------
Each line shows min/avg/max over the series above.`;

interface Stats {
  minPop: number;
  maxPop: number;
  total: number;
  avgPop: number;
}

function statsString(s: Stats): string {
  const avg = formatFloat(s.avgPop, 'f', 3);
  return s.maxPop === s.total ? `${s.minPop}/${avg}/${s.maxPop}` : `${s.minPop}/${avg}/${s.maxPop}/${s.total}`;
}

class Distribution {
  min = Number.MAX_SAFE_INTEGER;
  max = 0;
  count = 0;
  avg = 0;
  update(n: number): void {
    if (this.min > n) this.min = n;
    if (this.max < n) this.max = n;
    this.count++;
    this.avg += n / this.count - this.avg / this.count;
  }
  toString(): string {
    return `${this.min}/${formatFloat(this.avg, 'f', 3)}/${this.max}`;
  }
  equals(o: Distribution): boolean {
    return this.min === o.min && this.max === o.max && this.count === o.count && this.avg === o.avg;
  }
}

class MetaStats {
  minPop = new Distribution();
  avgPop = new Distribution();
  maxPop = new Distribution();
  total = new Distribution();
  update(s: Stats): void {
    this.minPop.update(s.minPop);
    this.avgPop.update(Math.trunc(s.avgPop));
    this.maxPop.update(s.maxPop);
    this.total.update(s.total);
  }
  toString(): string {
    const base = `histogram series (${this.minPop.count} in total):\n- min populated: ${this.minPop}\n- avg populated: ${this.avgPop}\n- max populated: ${this.maxPop}`;
    return this.maxPop.equals(this.total) ? base : `${base}\n- total: ${this.total}`;
  }
}

function classicStats(streams: Stream[]): Stats | null {
  const n = streams.length;
  const first = streams[0];
  if (n === 0 || first === undefined || first.values.length < 2) return null;
  const le = (s: Stream): number => Number(s.metric['le'] ?? 'NaN');
  const sorted = [...streams].sort((a, b) => le(a) - le(b));
  const samples = first.values.length;
  const stats: Stats = { minPop: Number.MAX_SAFE_INTEGER, maxPop: 0, total: n, avgPop: 0 };
  let totalPop = 0;
  for (let t = 0; t < samples; t++) {
    let pop = 0;
    for (let i = 0; i < n; i++) {
      const cur = sorted[i]?.values[t];
      if (cur === undefined) {
        pop = 0; // a shorter bucket series: upstream counts no populated buckets at this time
        break;
      }
      const prev = i > 0 ? sorted[i - 1]?.values[t] : undefined;
      if (prev !== undefined && prev.t !== cur.t) throw new Error('matrix result is not time aligned');
      const count = Math.trunc(prev === undefined ? cur.v : cur.v - prev.v);
      if (count !== 0) pop++;
    }
    totalPop += pop;
    stats.minPop = Math.min(stats.minPop, pop);
    stats.maxPop = Math.max(stats.maxPop, pop);
  }
  stats.avgPop = totalPop / samples;
  return stats;
}

function nativeStats(s: Stream): Stats | null {
  if (s.histograms.length < 2) return null;
  const overall = new Set<string>();
  const stats: Stats = { minPop: Number.MAX_SAFE_INTEGER, maxPop: 0, total: 0, avgPop: 0 };
  let totalPop = 0;
  for (const p of s.histograms) {
    const bs = p.h.buckets ?? [];
    for (const b of bs) overall.add(`${b.boundaries}/${b.lower}/${b.upper}`);
    totalPop += bs.length;
    stats.minPop = Math.min(stats.minPop, bs.length);
    stats.maxPop = Math.max(stats.maxPop, bs.length);
  }
  stats.avgPop = totalPop / s.histograms.length;
  stats.total = overall.size;
  return stats;
}

export interface AnalyzeOptions {
  server: URL;
  type: string;
  durationMs: number;
  endMs: number;
  matchers: string[];
}

/** Runs the analysis, returning the text promtool prints. */
export async function analyzeHistograms(o: AnalyzeOptions): Promise<string> {
  if (o.type !== 'histogram') throw new Error(`analyze type is ${o.type}, must be 'histogram'`);
  let out = `${HEADER}\n\n`;
  const native = new MetaStats();
  const classic = new MetaStats();
  for (const m of o.matchers) {
    const params = new URLSearchParams({ query: `${m}[${formatGoDuration(o.durationMs)}]`, time: String(o.endMs / 1000) });
    const v = decodeQueryData((await callApi(o.server, 'query', params)).data);
    if (v.type !== 'matrix') throw new Error('query of buckets resulted in non-Matrix');
    const groups = new Map<string, Stream[]>();
    for (const s of v.streams) {
      if (s.values.length === 0) {
        const st = nativeStats(s);
        if (st === null) continue;
        out += `- ${metricString(s.metric)} (native): ${statsString(st)}\n`;
        native.update(st);
        continue;
      }
      const name = s.metric['__name__'] ?? '';
      if (s.metric['le'] === undefined || !name.endsWith('_bucket')) continue;
      const rest = { ...s.metric };
      delete rest['__name__'];
      delete rest['le'];
      const key = name + labelSetString(rest);
      const g = groups.get(key);
      if (g) g.push(s);
      else groups.set(key, [s]);
    }
    for (const [key, streams] of groups) {
      const st = classicStats(streams);
      if (st === null) continue;
      out += `- ${key} (classic): ${statsString(st)}\n`;
      classic.update(st);
    }
  }
  out += `\n${FOOTER}\n`;
  if (native.minPop.count > 0) out += `\nNative ${native}\n`;
  if (classic.minPop.count > 0) out += `\nClassic ${classic}\n`;
  return out;
}
