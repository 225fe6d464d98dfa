/**
 * One test group of a promtool unit-test file: loads the input series lazily into memory,
 * steps the rule groups at every evaluation interval, and checks the alert and PromQL
 * expectations, producing promtool's error texts.
 */
import { Labels, compareLabels } from '../../model/labels/index.js';
import { formatFloat } from '../../model/strconv/index.js';
import { CounterResetHint, type FloatHistogram } from '../../model/value/index.js';
import { Engine } from '../../promql/engine/index.js';
import { parseMetric, parseSeriesDesc } from '../../promql/parser/index.js';
import { MemoryTestStorage, parseTestScript, type LoadSeries } from '../../promql/promqltest/index.js';
import type { Vector } from '../../promql/value/index.js';
import { AlertingRule, type Group, RuleManager, type TemplateExpander } from '../../rules/index.js';
import { formatModelDuration } from '../../scrape/index.js';
import type { AlertTestCase, TestGroup } from './unittest-file.js';
import {
  alertsString,
  compareAlerts,
  goDuration,
  histogramTestExpression,
  indentLines,
  type LabelsAndAnnotations,
  type ParsedSample,
  samplesString,
} from './unittest-format.js';

export interface GroupRunOptions {
  name: string;
  evalInterval: number;
  groupOrder: ReadonlyMap<string, number>;
  ruleFiles: readonly string[];
  ignoreUnknownFields: boolean;
  fuzzyCompare: boolean;
  diff: boolean;
  debug: boolean;
  expandTemplate?: TemplateExpander;
  stderr: (s: string) => void;
}

/** math.Nextafter toward +Inf (up) or -Inf. */
function nextAfter(x: number, up: boolean): number {
  if (Number.isNaN(x) || !Number.isFinite(x)) return x;
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  const bits = b.getBigUint64(0);
  b.setBigUint64(0, (x > 0) === up ? bits + 1n : bits - 1n);
  return b.getFloat64(0);
}

function floatsEqual(x: number, y: number, fuzzy: boolean): boolean {
  if (x === y) return true;
  return fuzzy && (nextAfter(x, false) === y || nextAfter(x, true) === y);
}

/**
 * Histograms read back from a TSDB chunk carry counter-reset hints: after the first sample of
 * a chunk, not_reset unless the histogram went down (then reset). The memory store keeps
 * samples as given, so the loader sets the hints the head chunk would.
 */
function withChunkHints(samples: LoadSeries['samples']): LoadSeries['samples'] {
  let prev: FloatHistogram | null = null;
  return samples.map((smp) => {
    const h = smp.h;
    if (!h) {
      prev = null;
      return smp;
    }
    const p = prev;
    prev = h;
    if (p === null || h.counterResetHint === CounterResetHint.Gauge || h.counterResetHint !== CounterResetHint.Unknown) return smp;
    const copy = h.copy();
    const reset = h.count < p.count || h.zeroCount < p.zeroCount || h.schema !== p.schema || h.zeroThreshold !== p.zeroThreshold;
    copy.counterResetHint = reset ? CounterResetHint.CounterReset : CounterResetHint.NotCounterReset;
    return { ...smp, h: copy };
  });
}

/** The input series as a lazily loaded sample list (promqltest.LazyLoader). */
class LazyLoader {
  private readonly series: LoadSeries[];
  private readonly next: number[];
  readonly storage = new MemoryTestStorage();

  constructor(tg: TestGroup, start: number) {
    const lines = [`load ${formatModelDuration(tg.interval)}`, ...tg.inputSeries.map((s) => `  ${s.series} ${s.values}`)];
    const cmds = parseTestScript(lines.join('\n') + '\n');
    const series: LoadSeries[] = [];
    for (const c of cmds) {
      if (c.kind === 'error') throw new Error(c.message);
      if (c.kind === 'load') {
        for (const s of c.series.values()) series.push({ labels: s.labels, samples: withChunkHints(s.samples.map((smp) => ({ ...smp, t: smp.t + start }))) });
      }
    }
    this.series = series;
    this.next = series.map(() => 0);
  }

  async loadTill(ts: number): Promise<void> {
    const batch: LoadSeries[] = [];
    this.series.forEach((s, i) => {
      const from = this.next[i] ?? 0;
      let to = from;
      while (to < s.samples.length && (s.samples[to]?.t ?? Infinity) <= ts) to++;
      if (to > from) batch.push({ labels: s.labels, samples: s.samples.slice(from, to) });
      this.next[i] = to;
    });
    if (batch.length > 0) await this.storage.append(batch);
  }
}

function maxEvalTime(tg: TestGroup): number {
  let m = 0;
  for (const a of tg.alertRuleTests) m = Math.max(m, a.evalTime);
  for (const p of tg.promqlExprTests) m = Math.max(m, p.evalTime);
  return m;
}

function newEngine(evalInterval: number): Engine {
  return new Engine({
    maxSamples: 10000,
    timeout: 100_000,
    lookbackDelta: 5 * 60_000,
    noStepSubqueryIntervalFn: () => evalInterval,
    enableAtModifier: true,
    enableNegativeOffset: true,
  });
}

async function instantQuery(engine: Engine, storage: MemoryTestStorage, qs: string, t: number): Promise<Vector> {
  const q = engine.newInstantQuery(storage, qs, t);
  try {
    const res = await q.exec();
    if (res.err) throw res.err;
    const v = res.value;
    if (v?.type === 'vector') return v.value;
    if (v?.type === 'scalar') return [{ metric: Labels.EMPTY, t: v.value.t, f: v.value.v, h: null, dropName: false }];
    throw new Error('rule result is not a vector or scalar');
  } finally {
    q.close();
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class GroupRun {
  private readonly errs: string[] = [];
  private readonly engine: Engine;
  private loader!: LazyLoader;
  private groups: Group[] = [];
  private mint = 0;

  constructor(
    private readonly tg: TestGroup,
    private readonly o: GroupRunOptions,
  ) {
    this.engine = newEngine(o.evalInterval);
  }

  /** Runs the group; returns its error texts (empty on success). */
  async run(): Promise<string[]> {
    const tg = this.tg;
    this.mint = tg.startTimestamp ?? 0;
    try {
      this.loader = new LazyLoader(tg, this.mint);
    } catch (e) {
      return [errText(e)];
    }
    const mgr = new RuleManager({
      appendable: this.loader.storage,
      queryable: this.loader.storage,
      engine: this.engine,
      notify: () => undefined,
      externalLabels: tg.externalLabels,
      externalURL: tg.externalURL,
      ignoreUnknownFields: this.o.ignoreUnknownFields,
      ...(this.o.expandTemplate ? { expandTemplate: this.o.expandTemplate } : {}),
    });
    try {
      const map = mgr.loadGroups(tg.interval, this.o.ruleFiles);
      this.groups = [...map.values()].sort((a, b) => (this.o.groupOrder.get(a.name) ?? 0) - (this.o.groupOrder.get(b.name) ?? 0));
    } catch (e) {
      const errors = (e as { errors?: unknown }).errors;
      return Array.isArray(errors) ? errors.map((x) => String(x)) : [errText(e)];
    }
    for (const g of this.groups) for (const r of g.rules) if (r instanceof AlertingRule) r.restored = true;
    for (const a of tg.alertRuleTests) {
      if (a.alertname === '') {
        const where = tg.name !== '' ? ` (in TestGroup ${tg.name})` : '';
        return [`an item under alert_rule_test misses required attribute alertname at eval_time ${formatModelDuration(a.evalTime)}${where}`];
      }
    }
    if (!(await this.evalLoop())) return this.errs;
    await this.promqlTests();
    if (this.o.debug) await this.debugDump();
    return this.errs;
  }

  /** Steps the groups from mint to maxt; false when a rule failed (the test stops there). */
  private async evalLoop(): Promise<boolean> {
    const tg = this.tg;
    const step = this.o.evalInterval;
    const maxt = this.mint + maxEvalTime(tg);
    const byTime = new Map<number, AlertTestCase[]>();
    for (const a of tg.alertRuleTests) byTime.set(a.evalTime, [...(byTime.get(a.evalTime) ?? []), a]);
    const times = [...byTime.keys()].sort((a, b) => a - b);
    let curr = 0;
    for (let ts = this.mint; ts <= maxt; ts += step) {
      await this.loader.loadTill(ts);
      const evalErrs: string[] = [];
      for (const g of this.groups) {
        await g.eval(ts);
        for (const r of g.rules) {
          const err = r.status.lastError;
          if (err) evalErrs.push(`    rule: ${r.name}, time: ${goDuration(ts)}, err: ${err.message}`);
        }
      }
      this.errs.push(...evalErrs);
      if (evalErrs.length > 0) return false;
      while (curr < times.length) {
        const t = times[curr] as number;
        if (!(ts - this.mint <= t && t < ts + step - this.mint)) break;
        this.checkAlerts(byTime.get(t) ?? []);
        curr++;
      }
    }
    return true;
  }

  private firingAlerts(names: ReadonlySet<string>): Map<string, LabelsAndAnnotations[]> {
    const got = new Map<string, LabelsAndAnnotations[]>();
    for (const g of this.groups) {
      for (const r of g.rules) {
        if (!(r instanceof AlertingRule) || !names.has(r.name)) continue;
        const list = got.get(r.name) ?? [];
        for (const a of r.activeAlerts()) if (a.state === 'firing') list.push({ labels: a.labels, annotations: a.annotations });
        got.set(r.name, list);
      }
    }
    return got;
  }

  private checkAlerts(cases: readonly AlertTestCase[]): void {
    const got = this.firingAlerts(new Set(cases.map((c) => c.alertname)));
    for (const tc of cases) {
      const gotAlerts = [...(got.get(tc.alertname) ?? [])].sort(compareAlerts);
      const expAlerts = tc.expAlerts
        .map((a) => ({ labels: Labels.fromObject({ ...a.expLabels, alertname: tc.alertname }), annotations: Labels.fromObject(a.expAnnotations) }))
        .sort(compareAlerts);
      const same =
        gotAlerts.length === expAlerts.length &&
        gotAlerts.every((g, i) => compareAlerts(g, expAlerts[i] as LabelsAndAnnotations) === 0);
      if (same) continue;
      const testName = this.tg.name !== '' ? `    name: ${this.tg.name},\n` : '';
      const head = `${testName}    alertname: ${tc.alertname}, time: ${formatModelDuration(tc.evalTime)}, \n`;
      if (this.o.diff) {
        this.errs.push(`${head}        diff: ${indentLines(alertsDiff(expAlerts, gotAlerts), '            ')}`);
      } else {
        const exp = indentLines(alertsString(expAlerts), '            ');
        const gotS = indentLines(alertsString(gotAlerts), '            ');
        this.errs.push(`${head}        exp:${exp}, \n        got:${gotS}`);
      }
    }
  }

  private expSamples(expr: string, evalTime: number, tc: TestGroup['promqlExprTests'][number]): ParsedSample[] | null {
    const out: ParsedSample[] = [];
    for (const s of tc.expSamples) {
      try {
        const labels = s.labels.trim() === '' ? Labels.EMPTY : parseMetric(s.labels);
        let histogram = '';
        if (s.histogram !== '') {
          const desc = parseSeriesDesc('{} ' + s.histogram);
          if (desc.values.length !== 1) throw new Error(`expected 1 value, got ${desc.values.length}`);
          const h = desc.values[0]?.histogram ?? null;
          if (!h) throw new Error(`expected histogram, got ${JSON.stringify(desc.values[0])}`);
          histogram = histogramTestExpression(h);
        }
        out.push({ labels, value: s.value, histogram });
      } catch (e) {
        this.errs.push(`    expr: ${JSON.stringify(expr)}, time: ${formatModelDuration(evalTime)}, err: labels ${JSON.stringify(s.labels)}: ${errText(e)}`);
        return null;
      }
    }
    return out;
  }

  private async promqlTests(): Promise<void> {
    const fuzzy = this.o.fuzzyCompare;
    for (const tc of this.tg.promqlExprTests) {
      const where = `    expr: ${JSON.stringify(tc.expr)}, time: ${formatModelDuration(tc.evalTime)}`;
      let got: Vector;
      try {
        got = await instantQuery(this.engine, this.loader.storage, tc.expr, this.mint + tc.evalTime);
      } catch (e) {
        this.errs.push(`${where}, err: ${errText(e)}`);
        continue;
      }
      const exp = this.expSamples(tc.expr, tc.evalTime, tc);
      if (exp === null) continue;
      const gotSamples: ParsedSample[] = got.map((s) => ({ labels: s.metric, value: s.f, histogram: histogramTestExpression(s.h) }));
      exp.sort((a, b) => compareLabels(a.labels, b.labels));
      gotSamples.sort((a, b) => compareLabels(a.labels, b.labels));
      const same =
        exp.length === gotSamples.length &&
        exp.every((e, i) => {
          const g = gotSamples[i] as ParsedSample;
          return e.labels.equals(g.labels) && e.histogram === g.histogram && floatsEqual(e.value, g.value, fuzzy);
        });
      if (!same) this.errs.push(`${where},\n        exp: ${samplesString(exp)}\n        got: ${samplesString(gotSamples)}`);
    }
  }

  private async debugDump(): Promise<void> {
    const span = Math.floor((maxEvalTime(this.tg) + 1000) / 1000) * 1000;
    const expr = `{__name__=~".+"}[${formatModelDuration(span)}]`;
    try {
      const q = this.engine.newInstantQuery(this.loader.storage, expr, this.mint + span);
      const res = await q.exec();
      q.close();
      if (res.err) throw res.err;
      if (res.value?.type !== 'matrix') return;
      this.o.stderr(`DEBUG: Dump of all data (input_series and rules) at ${goDuration(span)}:\n`);
      const rows = res.value.value.map((s) => {
        const pts: string[] = [];
        for (let i = 0; i < s.floats.length; i++) pts.push(`${formatFloat(s.floats.f[i] as number)} @[${s.floats.t[i] as number}]`);
        for (const p of s.histograms) pts.push(`${histogramTestExpression(p.h)} @[${p.t}]`);
        return `${s.metric.toString()} =>\n${pts.join('\n')}`;
      });
      this.o.stderr(rows.join('\n') + '\n');
    } catch (e) {
      this.o.stderr(`DEBUG: Failed query exec, expr: ${JSON.stringify(expr)}, err: ${errText(e)}\n`);
    }
  }
}

/** A plain-text diff of expected vs got alerts (promtool --diff uses jsondiff's console output). */
function alertsDiff(exp: readonly LabelsAndAnnotations[], got: readonly LabelsAndAnnotations[]): string {
  const json = (l: readonly LabelsAndAnnotations[]): string[] =>
    (l.length === 0 ? [{ labels: Labels.EMPTY, annotations: Labels.EMPTY }] : l).map((a) =>
      JSON.stringify({ Labels: a.labels.toObject(), Annotations: a.annotations.toObject() }),
    );
  const e = json(exp);
  const g = json(got);
  const lines: string[] = [];
  for (let i = 0; i < Math.max(e.length, g.length); i++) {
    if (e[i] === g[i]) lines.push(`  ${e[i] ?? ''}`);
    else {
      if (e[i] !== undefined) lines.push(`- ${e[i]}`);
      if (g[i] !== undefined) lines.push(`+ ${g[i]}`);
    }
  }
  return lines.join('\n');
}
