/**
 * The experimental info() function (promql/info.go): enriches series with the data labels
 * of matching info series (target_info by default), matched on the identifying labels
 * instance and job.
 */
import { Labels, Matcher, MatchType, MetricName } from '../../model/labels/index.js';
import type { Expr, VectorSelector } from '../parser/index.js';
import { inspect } from '../parser/index.js';
import type { Matrix, Sample, Vector } from '../value/index.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { matrixTotalSamples } from './node-helper.js';
import { evalSeries } from './selectors.js';
import { SeriesCollector, StepCursor } from './step-cursor.js';

const TARGET_INFO = 'target_info';
const IDENTIFYING = ['instance', 'job'];

/** The @ timestamp and offset that govern info series selection for info's first argument. */
function infoTimestampAndOffset(expr: Expr): { ts: number | null; offset: number } {
  let found: { ts: number | null; offset: number } | null = null;
  inspect(expr, (n, path) => {
    if (found !== null) return false;
    if (n.kind !== 'VectorSelector') return true;
    let ts = n.timestamp;
    let offset = n.originalOffset;
    for (let i = path.length - 1; ts === null && i >= 0; i--) {
      const p = path[i] as Expr;
      if (p.kind === 'SubqueryExpr') {
        offset += p.originalOffset;
        ts = p.timestamp;
      }
    }
    found = { ts, offset };
    return false;
  });
  return found ?? { ts: null, offset: 0 };
}

/** The __name__ matchers used to select info series. */
function effectiveNameMatchers(ms: Matcher[]): Matcher[] {
  if (ms.some((m) => m.type === MatchType.Equal || m.type === MatchType.Regexp)) return ms;
  if (ms.length > 0) return [new Matcher(MatchType.Regexp, MetricName, '.+_info'), ...ms];
  return [new Matcher(MatchType.Equal, MetricName, TARGET_INFO)];
}

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export function evalInfo(ev: Evaluator, args: Expr[]): Matrix {
  const first = args[0] as Expr;
  const at = infoTimestampAndOffset(first);
  const mat = ev.evalMatrix(first);
  const dataMatchers = new Map<string, Matcher[]>();
  let infoNameMatchers: Matcher[] = [];
  if (args.length > 1) {
    for (const m of (args[1] as VectorSelector).labelMatchers) {
      const l = dataMatchers.get(m.name) ?? [];
      l.push(m);
      dataMatchers.set(m.name, l);
      if (m.name === MetricName) infoNameMatchers.push(m);
    }
  } else {
    infoNameMatchers = [new Matcher(MatchType.Equal, MetricName, TARGET_INFO)];
  }
  const effective = effectiveNameMatchers(infoNameMatchers);
  const ignore = new Set<string>();
  for (const s of mat) {
    const name = s.metric.get(MetricName);
    if (effective.every((m) => m.matches(name))) ignore.add(s.metric.key());
  }
  const infoMat = fetchInfoSeries(ev, mat, ignore, dataMatchers, at);
  return combineWithInfo(ev, mat, infoMat, ignore, dataMatchers);
}

function removeNameMatchers(dataMatchers: Map<string, Matcher[]>): void {
  for (const [name, ms] of [...dataMatchers]) {
    const kept = ms.filter((m) => m.name !== MetricName);
    if (kept.length > 0) dataMatchers.set(name, kept);
    else dataMatchers.delete(name);
  }
}

function fetchInfoSeries(
  ev: Evaluator,
  mat: Matrix,
  ignore: Set<string>,
  dataMatchers: Map<string, Matcher[]>,
  at: { ts: number | null; offset: number },
): Matrix {
  const idValues = new Map<string, Set<string>>();
  for (const s of mat) {
    if (ignore.has(s.metric.key())) continue;
    for (const l of IDENTIFYING) {
      const v = s.metric.get(l);
      if (v === '') continue;
      let set = idValues.get(l);
      if (!set) {
        set = new Set();
        idValues.set(l, set);
      }
      set.add(v);
    }
  }
  if (idValues.size === 0) {
    removeNameMatchers(dataMatchers);
    return [];
  }
  const matchers: Matcher[] = [];
  for (const [name, vals] of idValues) matchers.push(new Matcher(MatchType.Regexp, name, [...vals].map(quoteMeta).join('|')));
  const nameMatchers: Matcher[] = [];
  for (const ms of dataMatchers.values()) {
    for (const m of ms) {
      if (m.name === MetricName) nameMatchers.push(m);
      else matchers.push(m);
    }
  }
  removeNameMatchers(dataMatchers);
  matchers.push(...effectiveNameMatchers(nameMatchers));
  let start = at.ts ?? ev.startTimestamp;
  let end = at.ts ?? ev.endTimestamp;
  start -= ev.lookbackDelta - 1 + at.offset;
  end -= at.offset;
  const set = ev.q.querier.select(false, { start, end, step: ev.interval, func: 'info' }, ...matchers);
  const series = [];
  while (set.next()) series.push(set.at());
  const err = set.err();
  if (err) throw new EvalError(err.message);
  return evalSeries(ev, series, at.offset, true, at.ts);
}

/** The signature of a series for an info metric name: the name plus identifying labels. */
function infoSig(name: string, ls: Labels): string {
  let sig = `${name}\xff`;
  for (const l of IDENTIFYING) sig += `${ls.get(l)}\xff`;
  return sig;
}

function combineWithInfo(ev: Evaluator, mat: Matrix, infoMat: Matrix, ignore: Set<string>, dataMatchers: Map<string, Matcher[]>): Matrix {
  const infoNames = [...new Set(infoMat.map((s) => s.metric.get(MetricName)))];
  const originalNumSamples = ev.currentSamples;
  const base = new StepCursor(mat);
  const info = new StepCursor(infoMat);
  const baseVec: Vector = [];
  const infoVec: Vector = [];
  const collector = new SeriesCollector();
  const bySig = new Map<string, Sample>();
  const out: Vector = [];
  for (let ts = ev.startTimestamp; ts <= ev.endTimestamp; ts += ev.interval) {
    ev.checkCtx();
    base.gather(ts, baseVec, null, null);
    info.gather(ts, infoVec, null, null);
    out.length = 0;
    if (baseVec.length > 0) {
      bySig.clear();
      for (const s of infoVec) addInfoSample(bySig, s);
      for (const bs of baseVec) {
        const r = enrich(bs, bySig, infoNames, ignore, dataMatchers);
        if (r !== null) out.push(r);
      }
    }
    ev.currentSamples += out.length;
    ev.checkSamples();
    collector.addAll(out, ts);
  }
  const res = collector.matrix();
  ev.currentSamples = originalNumSamples + matrixTotalSamples(res);
  return res;
}

function addInfoSample(bySig: Map<string, Sample>, s: Sample): void {
  if (s.h !== null) throw new EvalError('info sample should be float');
  const sig = infoSig(s.metric.get(MetricName), s.metric);
  const existing = bySig.get(sig);
  if (existing === undefined || existing.f < s.f) {
    bySig.set(sig, { ...s });
    return;
  }
  if (existing.f === s.f) {
    throw new EvalError(
      `found duplicate series for info metric: existing ${existing.metric.toString()} @ ${existing.f}, new ${s.metric.toString()} @ ${s.f}`,
    );
  }
}

function enrich(
  bs: Sample,
  bySig: Map<string, Sample>,
  infoNames: string[],
  ignore: Set<string>,
  dataMatchers: Map<string, Matcher[]>,
): Sample | null {
  if (ignore.has(bs.metric.key())) return { ...bs };
  const added = new Map<string, string>();
  let seen = 0;
  for (const name of infoNames) {
    const is = bySig.get(infoSig(name, bs.metric));
    if (is === undefined) continue;
    is.metric.forEach((n, v) => {
      if (n === MetricName) return;
      if (dataMatchers.size > 0 && !dataMatchers.has(n)) return;
      const prev = added.get(n);
      if (prev !== undefined && prev !== v) throw new EvalError(`conflicting label: ${n}`);
      if (bs.metric.has(n)) return;
      added.set(n, v);
    });
    seen++;
  }
  if (seen === 0) {
    for (const ms of dataMatchers.values()) for (const m of ms) if (!m.matches('')) return null;
  }
  let metric = bs.metric;
  for (const [n, v] of added) metric = metric.with(n, v);
  return { metric, t: bs.t, f: bs.f, h: bs.h, dropName: bs.dropName };
}
