/**
 * The data notification templates see (Alertmanager's template.Data): Data, Alert, Alerts, KV,
 * Pair and Pairs as Go values of the template engine, with their methods (.Alerts.Firing,
 * .CommonLabels.SortedPairs, .Remove, .Names, .Values, ...), and buildData, which assembles
 * it from a group of alerts as the notify pipeline does.
 */
import { Labels } from '../../model/labels/index.js';
import { formatV, GoTime, goTypeName, type GoObject } from '../../template/index.js';
import { type Alert as AmAlert, fingerprintString } from '../types/index.js';
import { TemplateDataError } from './errors.js';

const ALERT_NAME = 'alertname';

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function asStringSlice(v: unknown): string[] {
  if (Array.isArray(v) && v.every((e) => typeof e === 'string')) return v as string[];
  throw new TemplateDataError(`wrong type for value; expected []string; got ${goTypeName(v)}`);
}

/** Marks a string array as Go's []string (so an empty one prints its type as []string). */
export function stringSliceValue(items: string[]): string[] {
  Object.defineProperty(items, 'goType', { value: '[]string' });
  return items;
}

/** Marks an array as a named Go slice type with methods (Go's `type Pairs []Pair`). */
function namedSlice<T>(items: T[], goType: string, methods: Record<string, (...args: unknown[]) => unknown>): T[] {
  Object.defineProperties(items, {
    goType: { value: goType },
    goFormat: { value: (): string => `[${items.map((e) => formatV(e)).join(' ')}]` },
    goMethod: { value: (name: string) => methods[name] },
  });
  return items;
}

/** One key/value pair (template.Pair): fields Name and Value. */
export class Pair implements GoObject {
  readonly goType = 'template.Pair';
  constructor(readonly Name: string, readonly Value: string) {}
  goFormat(): string {
    return `{${this.Name} ${this.Value}}`;
  }
  goField(name: string): { value: unknown } | undefined {
    if (name === 'Name') return { value: this.Name };
    if (name === 'Value') return { value: this.Value };
    return undefined;
  }

  /** json.Marshal's form (the struct has no json tags). */
  toJSON(): Record<string, string> {
    return { Name: this.Name, Value: this.Value };
  }
}

/** template.Pairs: a slice of Pair with .Names and .Values. */
export function makePairs(pairs: Pair[]): Pair[] {
  return namedSlice(pairs, 'template.Pairs', {
    Names: () => stringSliceValue(pairs.map((p) => p.Name)),
    Values: () => stringSliceValue(pairs.map((p) => p.Value)),
  });
}

/**
 * template.KV: a map[string]string with methods. It is a Go map to the engine (len, index,
 * range, `.key` lookups; a missing key yields "") and a GoObject for its methods.
 */
export class KV extends Map<string, string> implements GoObject {
  readonly goType = 'template.KV';

  static from(src: Labels | Readonly<Record<string, string>> | ReadonlyMap<string, string>): KV {
    const kv = new KV();
    if (src instanceof Labels) src.forEach((n, v) => kv.set(n, v));
    else if (src instanceof Map) for (const [k, v] of src) kv.set(k, v);
    else for (const [k, v] of Object.entries(src)) kv.set(k, v);
    return kv;
  }

  override get(key: string): string {
    return super.get(key) ?? '';
  }

  /** Pairs sorted by name, with alertname first. */
  sortedPairs(): Pair[] {
    const keys = [...this.keys()].filter((k) => k !== ALERT_NAME).sort(byteCompare);
    if (this.has(ALERT_NAME)) keys.unshift(ALERT_NAME);
    return makePairs(keys.map((k) => new Pair(k, this.get(k))));
  }

  sortedNames(): string[] {
    return stringSliceValue(this.sortedPairs().map((p) => p.Name));
  }

  sortedValues(): string[] {
    return stringSliceValue(this.sortedPairs().map((p) => p.Value));
  }

  /** A copy without the given keys. */
  remove(keys: readonly string[]): KV {
    const drop = new Set(keys);
    const out = new KV();
    for (const [k, v] of this) if (!drop.has(k)) out.set(k, v);
    return out;
  }

  goFormat(): string {
    const parts = [...this.keys()].sort(byteCompare).map((k) => `${k}:${this.get(k)}`);
    return `map[${parts.join(' ')}]`;
  }

  goField(name: string): { value: unknown } {
    return { value: this.get(name) };
  }

  goMethod(name: string): ((...args: unknown[]) => unknown) | undefined {
    switch (name) {
      case 'SortedPairs': return () => this.sortedPairs();
      case 'Names': return () => this.sortedNames();
      case 'Values': return () => this.sortedValues();
      case 'Remove': return (keys: unknown) => this.remove(asStringSlice(keys));
    }
    return undefined;
  }

  /** The JSON form, keys sorted as Go's json.Marshal writes a map. */
  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }
}

/** One alert as templates see it (template.Alert). Times are ns since the epoch. */
export class TemplateAlert implements GoObject {
  readonly goType = 'template.Alert';
  constructor(
    readonly Status: string,
    readonly Labels: KV,
    readonly Annotations: KV,
    readonly StartsAt: GoTime,
    readonly EndsAt: GoTime,
    readonly GeneratorURL: string,
    readonly Fingerprint: string,
  ) {}

  goFormat(): string {
    return `{${this.Status} ${this.Labels.goFormat()} ${this.Annotations.goFormat()} ${this.StartsAt.goFormat()} `
      + `${this.EndsAt.goFormat()} ${this.GeneratorURL} ${this.Fingerprint}}`;
  }

  goField(name: string): { value: unknown } | undefined {
    switch (name) {
      case 'Status': return { value: this.Status };
      case 'Labels': return { value: this.Labels };
      case 'Annotations': return { value: this.Annotations };
      case 'StartsAt': return { value: this.StartsAt };
      case 'EndsAt': return { value: this.EndsAt };
      case 'GeneratorURL': return { value: this.GeneratorURL };
      case 'Fingerprint': return { value: this.Fingerprint };
    }
    return undefined;
  }

  /** The JSON form (field names as upstream's json tags). */
  toJSON(): Record<string, unknown> {
    return {
      status: this.Status,
      labels: this.Labels.toJSON(),
      annotations: this.Annotations.toJSON(),
      startsAt: rfc3339Nano(this.StartsAt.ns),
      endsAt: rfc3339Nano(this.EndsAt.ns),
      generatorURL: this.GeneratorURL,
      fingerprint: this.Fingerprint,
    };
  }
}

function plainAlertSlice(alerts: TemplateAlert[]): TemplateAlert[] {
  return namedSlice(alerts, '[]template.Alert', {});
}

/** template.Alerts: a slice of Alert with .Firing and .Resolved. */
export function makeAlerts(alerts: TemplateAlert[]): TemplateAlert[] {
  return namedSlice(alerts, 'template.Alerts', {
    Firing: () => plainAlertSlice(alerts.filter((a) => a.Status === 'firing')),
    Resolved: () => plainAlertSlice(alerts.filter((a) => a.Status === 'resolved')),
  });
}

/** The dot of a notification template (template.Data). */
export class TemplateData implements GoObject {
  readonly goType = 'template.Data';
  readonly Alerts: TemplateAlert[];
  constructor(
    readonly Receiver: string,
    readonly Status: string,
    alerts: TemplateAlert[],
    readonly GroupLabels: KV,
    readonly CommonLabels: KV,
    readonly CommonAnnotations: KV,
    readonly ExternalURL: string,
  ) {
    this.Alerts = makeAlerts(alerts);
  }

  goFormat(): string {
    return `{${this.Receiver} ${this.Status} ${formatV(this.Alerts)} ${this.GroupLabels.goFormat()} `
      + `${this.CommonLabels.goFormat()} ${this.CommonAnnotations.goFormat()} ${this.ExternalURL}}`;
  }

  goField(name: string): { value: unknown } | undefined {
    switch (name) {
      case 'Receiver': return { value: this.Receiver };
      case 'Status': return { value: this.Status };
      case 'Alerts': return { value: this.Alerts };
      case 'GroupLabels': return { value: this.GroupLabels };
      case 'CommonLabels': return { value: this.CommonLabels };
      case 'CommonAnnotations': return { value: this.CommonAnnotations };
      case 'ExternalURL': return { value: this.ExternalURL };
    }
    return undefined;
  }

  /** The JSON form webhook receivers send (field names as upstream's json tags). */
  toJSON(): Record<string, unknown> {
    return {
      receiver: this.Receiver,
      status: this.Status,
      alerts: this.Alerts.map((a) => a.toJSON()),
      groupLabels: this.GroupLabels.toJSON(),
      commonLabels: this.CommonLabels.toJSON(),
      commonAnnotations: this.CommonAnnotations.toJSON(),
      externalURL: this.ExternalURL,
    };
  }
}

/** Go's time.Time MarshalJSON form in UTC (RFC 3339 with trimmed nanoseconds). */
export function rfc3339Nano(ns: bigint): string {
  return new GoTime(ns, false).format('2006-01-02T15:04:05.999999999Z07:00');
}

/** Go's time.Time zero value (0001-01-01 00:00:00 UTC) in ns since the Unix epoch. */
export const ZERO_TIME_NS = -62135596800n * 1_000_000_000n;

function msToGoTime(ms: number): GoTime {
  return new GoTime(ms === 0 ? ZERO_TIME_NS : BigInt(Math.round(ms)) * 1_000_000n, false);
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** model.LabelSet.Fingerprint().String(): the alert's fingerprint as templates print it. */
export function labelSetFingerprint(labels: Labels): string {
  return fingerprintString(labels);
}

function commonOf(sets: readonly Labels[]): KV {
  const first = sets[0];
  if (first === undefined) return new KV();
  const common = KV.from(first);
  for (const s of sets.slice(1)) {
    if (common.size === 0) break;
    for (const [k, v] of [...common]) if (s.get(k) !== v) common.delete(k);
  }
  return common;
}

/**
 * Assembles template data for a group of alerts (Template.Data upstream). `now` (ms) decides
 * each alert's status: resolved once its endsAt has passed.
 */
export function buildData(
  receiver: string,
  groupLabels: Labels | Readonly<Record<string, string>>,
  alerts: readonly AmAlert[],
  externalURL: string,
  now: number,
): TemplateData {
  const items = alerts.map((a) => {
    const resolved = a.endsAt !== 0 && a.endsAt <= now;
    return new TemplateAlert(
      resolved ? 'resolved' : 'firing',
      KV.from(a.labels),
      KV.from(a.annotations),
      msToGoTime(a.startsAt),
      msToGoTime(a.endsAt),
      a.generatorURL,
      labelSetFingerprint(a.labels),
    );
  });
  const status = items.some((a) => a.Status === 'firing') ? 'firing' : 'resolved';
  return new TemplateData(
    quoteMeta(receiver),
    status,
    items,
    KV.from(groupLabels),
    commonOf(alerts.map((a) => a.labels)),
    commonOf(alerts.map((a) => a.annotations)),
    externalURL,
  );
}

function jsonString(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new TemplateDataError(`json: cannot unmarshal ${typeof v} into Go struct field .${key} of type string`);
  return v;
}

function jsonKV(o: Record<string, unknown>, key: string): KV {
  const v = o[key];
  const kv = new KV();
  if (v === undefined || v === null) return kv;
  if (typeof v !== 'object' || Array.isArray(v)) throw new TemplateDataError(`json: cannot unmarshal into Go struct field .${key} of type template.KV`);
  for (const [k, e] of Object.entries(v)) {
    if (typeof e !== 'string') throw new TemplateDataError(`json: cannot unmarshal into Go struct field .${key} of type string`);
    kv.set(k, e);
  }
  return kv;
}

/** Parses an RFC 3339 time (with up to 9 fractional digits) to ns since the epoch. */
export function parseRFC3339Nano(s: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (m === null) throw new TemplateDataError(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  const secs = Date.parse(`${m[1] as string}${m[3] as string}`);
  if (Number.isNaN(secs)) throw new TemplateDataError(`parsing time ${JSON.stringify(s)}: out of range`);
  const frac = BigInt((m[2] ?? '').padEnd(9, '0'));
  return BigInt(secs) * 1_000_000n + frac;
}

function jsonTime(o: Record<string, unknown>, key: string): GoTime {
  const v = o[key];
  if (v === undefined || v === null) return new GoTime(ZERO_TIME_NS, false);
  return new GoTime(parseRFC3339Nano(jsonString(o, key)), false);
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new TemplateDataError(`json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type ${what}`);
  }
  return v as Record<string, unknown>;
}

/** template.Data from its JSON form (amtool's --template.data, webhook payloads). */
export function templateDataFromJSON(json: unknown): TemplateData {
  const o = asObject(json, 'template.Data');
  const rawAlerts = o['alerts'] ?? [];
  if (!Array.isArray(rawAlerts)) throw new TemplateDataError('json: cannot unmarshal into Go struct field Data.alerts of type template.Alerts');
  const alerts = rawAlerts.map((r: unknown) => {
    const a = asObject(r, 'template.Alert');
    return new TemplateAlert(jsonString(a, 'status'), jsonKV(a, 'labels'), jsonKV(a, 'annotations'), jsonTime(a, 'startsAt'),
      jsonTime(a, 'endsAt'), jsonString(a, 'generatorURL'), jsonString(a, 'fingerprint'));
  });
  return new TemplateData(jsonString(o, 'receiver'), jsonString(o, 'status'), alerts, jsonKV(o, 'groupLabels'),
    jsonKV(o, 'commonLabels'), jsonKV(o, 'commonAnnotations'), jsonString(o, 'externalURL'));
}
