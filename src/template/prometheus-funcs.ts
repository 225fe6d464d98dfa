/**
 * Prometheus's template function map (template/template.go NewTemplateExpander) and the
 * alert-template expansion the alerting rule does (rules/alerting.go), with upstream's texts.
 */
import { isIP } from 'node:net';
import { compileGoRegex, expandTemplate, Labels, type GoRegex } from '../model/labels/index.js';
import { goQuote, parseGoFloat } from '../model/strconv/index.js';
import { FloatHistogram } from '../model/value/index.js';
import { queryEscape } from './builtins.js';
import { ArgTypeError } from './errors.js';
import { sprintf } from './fmt.js';
import { GoDuration, GoTime, goFloatV } from './go-time.js';
import { humanize, humanize1024, humanizeDuration, humanizePercentage } from './humanize.js';
import { parseTemplate, withArity, type FuncMap } from './template.js';
import { goTypeName, isNil, type GoObject } from './values.js';

/** One sample a `query` returns: labels and a float (or histogram) value. */
export interface QuerySample {
  labels: Labels | Record<string, string>;
  value: number | FloatHistogram;
}

export type TemplateQueryFunc = (q: string) => Promise<QuerySample[]>;

export interface PrometheusFuncOptions {
  queryFunc: TemplateQueryFunc;
  /** The external URL (e.g. http://host:9090/prefix). */
  externalURL: string;
  /** Path of the external URL; derived from externalURL when absent. */
  pathPrefix?: string;
  /** Evaluation timestamp in milliseconds (the `now` function). */
  timestamp?: number;
}

/** Go's %v of a FloatHistogram (count and sum). */
class HistogramValue implements GoObject {
  readonly goType = '*histogram.FloatHistogram';
  constructor(readonly h: FloatHistogram) {}
  goFormat(): string {
    return `{count:${goFloatV(this.h.count)}, sum:${goFloatV(this.h.sum)}}`;
  }
}

function labelsObject(l: Labels | Record<string, string>): Record<string, string> {
  return l instanceof Labels ? l.toObject() : { ...l };
}

/** A *template.sample: fields Labels and Value. */
export class TemplateSample implements GoObject {
  readonly goType = '*template.sample';
  readonly Labels: Record<string, string>;
  readonly Value: unknown;
  constructor(s: QuerySample) {
    this.Labels = labelsObject(s.labels);
    this.Value = s.value instanceof FloatHistogram ? new HistogramValue(s.value) : s.value;
  }
  goFormat(): string {
    return sprintf('&{%v %v}', [this.Labels, this.Value]);
  }
  goField(name: string): { value: unknown } | undefined {
    if (name === 'Labels') return { value: this.Labels };
    if (name === 'Value') return { value: this.Value };
    return undefined;
  }
}

function queryResult(samples: TemplateSample[]): TemplateSample[] {
  Object.defineProperty(samples, 'goType', { value: 'template.queryResult' });
  return samples;
}

function asSample(v: unknown): TemplateSample {
  if (v instanceof TemplateSample) return v;
  if (isNil(v)) throw new Error('runtime error: invalid memory address or nil pointer dereference');
  throw new ArgTypeError('*template.sample', goTypeName(v));
}

function asResult(v: unknown): TemplateSample[] {
  if (isNil(v)) return [];
  if (Array.isArray(v) && v.every((s) => s instanceof TemplateSample)) return v as TemplateSample[];
  throw new ArgTypeError('template.queryResult', goTypeName(v));
}

function asString(v: unknown): string {
  if (typeof v !== 'string') throw new ArgTypeError('string', goTypeName(v));
  return v;
}

/** common/helpers/templates.ConvertToFloat. */
export function convertToFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseGoFloat(v);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoDuration) return Number(v.ns) / 1e9;
  throw new Error(`can't convert ${goTypeName(v)} to float`);
}

/** FloatToTime: seconds -> *time.Time, with upstream's errors. */
export function floatToTime(v: number): GoTime {
  if (!Number.isFinite(v)) throw new Error('value is NaN or Inf');
  const ns = v * 1e9;
  if (ns >= 2 ** 63 || ns < -(2 ** 63)) {
    throw new Error(`${goFloatV(v)} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  }
  return new GoTime(BigInt(Math.trunc(ns)));
}

function humanizeTimestamp(i: unknown): string {
  const v = convertToFloat(i);
  if (!Number.isFinite(v)) return sprintf('%.4g', [v]);
  return floatToTime(v).goFormat();
}

/** Go's regexp.ReplaceAllString. */
export function replaceAllString(re: GoRegex, src: string, repl: string): string {
  const g = new RegExp(re.regexp.source, `${re.regexp.flags}g`);
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    g.lastIndex = searchPos;
    const m = g.exec(src);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expandTemplate(repl, m, re.groupNames);
    lastMatchEnd = end;
    const cp = src.codePointAt(searchPos);
    const width = cp !== undefined && cp > 0xffff ? 2 : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

function mustCompile(pattern: string): GoRegex {
  try {
    return compileGoRegex(pattern, false);
  } catch (e) {
    const quoted = /^[^`\x00-\x08\x0a-\x1f\x7f]*$/.test(pattern) ? `\`${pattern}\`` : goQuote(pattern);
    throw new Error(`regexp: Compile(${quoted}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** net.SplitHostPort; null where Go returns an error. */
function splitHostPort(hp: string): [string, string] | null {
  const i = hp.lastIndexOf(':');
  if (i < 0) return null;
  let host: string;
  let j = 0;
  let k = 0;
  if (hp.startsWith('[')) {
    const end = hp.indexOf(']');
    if (end < 0 || end + 1 !== i) return null;
    host = hp.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hp.slice(0, i);
    if (host.includes(':')) return null;
  }
  if (hp.slice(j).includes('[') || hp.slice(k).includes(']')) return null;
  return [host, hp.slice(i + 1)];
}

function stripDomain(hostPort: string): string {
  const split = splitHostPort(hostPort);
  let host = split === null ? hostPort : split[0];
  const port = split === null ? '' : split[1];
  if (isIP(host) !== 0) return hostPort;
  host = host.split('.')[0] as string;
  if (port !== '') return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return host;
}

/** cases.Title(language.AmericanEnglish, cases.NoLower): each word's first letter upper-cased. */
function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}\p{M}'’_.])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}

function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const ch of s) {
    const m = f(ch);
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

const DURATION_UNITS: ReadonlyMap<string, number> = new Map([
  ['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000], ['d', 86_400_000], ['w', 604_800_000], ['y', 31_536_000_000],
]);
const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** model.ParseDurationAllowNegative, in seconds. */
export function parseDurationSeconds(d: string): number {
  const neg = d.startsWith('-');
  const s = neg ? d.slice(1) : d;
  if (s === '0') return 0;
  if (s === '') throw new Error('empty duration string');
  const invalid = (): Error => new Error(`not a valid duration string: ${goQuote(s)}`);
  const re = /([0-9]+)([a-z]+)/gy;
  let total = 0;
  let last = -1;
  let pos = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const unit = m[2] as string;
    const ms = DURATION_UNITS.get(unit);
    if (ms === undefined) throw new Error(`unknown unit ${goQuote(unit)} in duration ${goQuote(s)}`);
    const order = UNIT_ORDER.indexOf(unit);
    if (order <= last) throw invalid();
    last = order;
    total += Number(m[1]) * ms;
    pos = re.lastIndex;
  }
  if (pos !== s.length || last < 0) throw invalid();
  if (total * 1e6 > 2 ** 63) throw new Error('duration out of range');
  return (neg ? -total : total) / 1000;
}

function urlPath(u: string): string {
  try {
    return new URL(u).pathname.replace(/^\/$/, u.endsWith('/') ? '/' : '');
  } catch {
    return '';
  }
}

/** The function map of Prometheus's template expander. */
export function prometheusFuncMap(opts: PrometheusFuncOptions): FuncMap {
  const ts = opts.timestamp ?? 0;
  const prefix = opts.pathPrefix ?? urlPath(opts.externalURL);
  const num = (f: (v: number) => string) => withArity((i: unknown) => f(convertToFloat(i)), 1);
  return {
    query: withArity(async (q: unknown) => queryResult((await opts.queryFunc(asString(q))).map((s) => new TemplateSample(s))), 1),
    first: withArity((v: unknown) => {
      const r = asResult(v);
      if (r.length === 0) throw new Error('first() called on vector with no elements');
      return r[0];
    }, 1),
    label: withArity((l: unknown, s: unknown) => asSample(s).Labels[asString(l)] ?? '', 2),
    value: withArity((s: unknown) => asSample(s).Value, 1),
    strvalue: withArity((s: unknown) => asSample(s).Labels['__value__'] ?? '', 1),
    args: withArity((...a: unknown[]) => new Map(a.map((v, i) => [`arg${i}`, v])), 1, true),
    reReplaceAll: withArity((p: unknown, r: unknown, t: unknown) => replaceAllString(mustCompile(asString(p)), asString(t), asString(r)), 3),
    safeHtml: withArity((t: unknown) => asString(t), 1),
    match: withArity((p: unknown, s: unknown) => {
      const re = compileGoRegex(asString(p), false);
      return re.regexp.test(asString(s));
    }, 2),
    title: withArity((s: unknown) => title(asString(s)), 1),
    toUpper: withArity((s: unknown) => mapRunes(asString(s), (c) => c.toUpperCase()), 1),
    toLower: withArity((s: unknown) => mapRunes(asString(s), (c) => c.toLowerCase()), 1),
    graphLink: withArity((e: unknown) => `/graph?g0.expr=${queryEscape(asString(e))}&g0.tab=0`, 1),
    tableLink: withArity((e: unknown) => `/graph?g0.expr=${queryEscape(asString(e))}&g0.tab=1`, 1),
    sortByLabel: withArity((l: unknown, v: unknown) => {
      const label = asString(l);
      const r = asResult(v);
      const sorted = [...r].sort((a, b) => {
        const x = a.Labels[label] ?? '';
        const y = b.Labels[label] ?? '';
        return x < y ? -1 : x > y ? 1 : 0;
      });
      r.splice(0, r.length, ...sorted);
      return r;
    }, 2),
    stripPort: withArity((hp: unknown) => splitHostPort(asString(hp))?.[0] ?? (hp as string), 1),
    stripDomain: withArity((hp: unknown) => stripDomain(asString(hp)), 1),
    humanize: num(humanize),
    humanize1024: num(humanize1024),
    humanizeDuration: num(humanizeDuration),
    humanizePercentage: num(humanizePercentage),
    humanizeTimestamp: withArity(humanizeTimestamp, 1),
    toTime: withArity((i: unknown) => floatToTime(convertToFloat(i)), 1),
    toDuration: withArity((i: unknown) => {
      const ns = convertToFloat(i) * 1e9;
      const clamped = Number.isNaN(ns) ? -(2 ** 63) : Math.max(-(2 ** 63), Math.min(2 ** 63 - 1, ns));
      return new GoDuration(BigInt(Math.trunc(clamped)));
    }, 1),
    now: withArity(() => ts / 1000, 0),
    pathPrefix: withArity(() => prefix, 0),
    externalURL: withArity(() => opts.externalURL, 0),
    parseDuration: withArity((d: unknown) => parseDurationSeconds(asString(d)), 1),
    urlQueryEscape: withArity((s: unknown) => queryEscape(asString(s)), 1),
  };
}

/** The data an alert template sees (AlertTemplateData): .Labels .ExternalLabels .ExternalURL .Value. */
export class AlertTemplateData implements GoObject {
  readonly goType = 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }';
  constructor(
    readonly Labels: Record<string, string>,
    readonly ExternalLabels: Record<string, string>,
    readonly ExternalURL: string,
    readonly Value: unknown,
  ) {}
  goFormat(): string {
    return sprintf('{%v %v %v %v}', [this.Labels, this.ExternalLabels, this.ExternalURL, this.Value]);
  }
  goField(name: string): { value: unknown } | undefined {
    switch (name) {
      case 'Labels': return { value: this.Labels };
      case 'ExternalLabels': return { value: this.ExternalLabels };
      case 'ExternalURL': return { value: this.ExternalURL };
      case 'Value': return { value: this.Value };
    }
    return undefined;
  }
}

export interface AlertTemplateInput {
  labels: Labels | Record<string, string>;
  value: number | FloatHistogram;
  externalLabels: Labels | Record<string, string>;
  externalURL: string;
  /** Evaluation time in milliseconds. */
  timestamp: number;
}

const ALERT_DEFS = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

/**
 * Expands one alert label or annotation template as the alerting rule does; `name` is the
 * template name (Prometheus uses "__alert_" + the rule name). A failure yields
 * `<error expanding template: ...>` with upstream's text, never a throw.
 */
export async function expandAlertTemplate(
  text: string,
  name: string,
  input: AlertTemplateInput,
  queryFunc: TemplateQueryFunc,
  opts: { externalURL?: string; pathPrefix?: string; maxSteps?: number } = {},
): Promise<string> {
  const funcs = prometheusFuncMap({
    queryFunc,
    externalURL: opts.externalURL ?? input.externalURL,
    pathPrefix: opts.pathPrefix,
    timestamp: input.timestamp,
  });
  const value = input.value instanceof FloatHistogram ? new HistogramValue(input.value) : input.value;
  const data = new AlertTemplateData(labelsObject(input.labels), labelsObject(input.externalLabels), input.externalURL, value);
  let tmpl;
  try {
    tmpl = parseTemplate(ALERT_DEFS + text, name, funcs, { missingKey: 'zero', maxSteps: opts.maxSteps });
  } catch (e) {
    return `<error expanding template: error parsing template ${name}: ${e instanceof Error ? e.message : String(e)}>`;
  }
  try {
    return await tmpl.execute(data);
  } catch (e) {
    return `<error expanding template: error executing template ${name}: ${e instanceof Error ? e.message : String(e)}>`;
  }
}
