/**
 * The API v2 models amtool reads and writes (api/v2/models upstream), decoded from the
 * server's JSON and encoded back the way Go's encoding/json prints go-swagger's structs:
 * fields in declaration order, a missing pointer, slice or map as null, map keys sorted,
 * HTML characters escaped, dates in strfmt's millisecond form in their own zone.
 */
import { dateTimeJSON, parseDateTime, type ZonedTime } from './go-time.js';

export type LabelSet = Record<string, string>;

export interface ApiMatcher {
  name: string | null;
  value: string | null;
  isRegex: boolean | null;
  /** Absent in silences of older Alertmanagers (then equality is implied). */
  isEqual: boolean | null;
}

export interface GettableAlert {
  annotations: LabelSet | null;
  endsAt: ZonedTime | null;
  fingerprint: string | null;
  receivers: Array<{ name: string | null } | null> | null;
  startsAt: ZonedTime | null;
  status: { inhibitedBy: string[] | null; silencedBy: string[] | null; state: string | null } | null;
  updatedAt: ZonedTime | null;
  generatorURL: string;
  labels: LabelSet | null;
}

export interface SilenceBody {
  comment: string | null;
  createdBy: string | null;
  endsAt: ZonedTime | null;
  matchers: Array<ApiMatcher | null> | null;
  startsAt: ZonedTime | null;
}

export interface GettableSilence extends SilenceBody {
  id: string | null;
  status: { state: string | null } | null;
  updatedAt: ZonedTime | null;
}

export interface PostableSilence extends SilenceBody {
  id: string;
}

/** A response body that does not decode into the model (Go's json error text). */
export class ModelError extends Error {
  override name = 'ModelError';
}

type Obj = Record<string, unknown>;

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function mismatch(v: unknown, field: string, goType: string): ModelError {
  return new ModelError(`json: cannot unmarshal ${kind(v)} into Go struct field ${field} of type ${goType}`);
}

/** Go decodes object keys case-insensitively; an exact match wins. */
function field(o: Obj, name: string): unknown {
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function asObj(v: unknown, where: string, goType: string): Obj | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw mismatch(v, where, goType);
  return v as Obj;
}

function str(o: Obj, name: string, where: string): string | null {
  const v = field(o, name);
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw mismatch(v, `${where}.${name}`, 'string');
  return v;
}

function bool(o: Obj, name: string, where: string): boolean | null {
  const v = field(o, name);
  if (v === undefined || v === null) return null;
  if (typeof v !== 'boolean') throw mismatch(v, `${where}.${name}`, 'bool');
  return v;
}

function time(o: Obj, name: string, where: string): ZonedTime | null {
  const s = str(o, name, where);
  if (s === null) return null;
  const t = parseDateTime(s);
  if (t === null) throw new ModelError(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05.000Z07:00": cannot parse`);
  return t;
}

function labelSet(o: Obj, name: string, where: string): LabelSet | null {
  const v = asObj(field(o, name), `${where}.${name}`, 'models.LabelSet');
  if (v === null) return null;
  const out: LabelSet = {};
  for (const [k, e] of Object.entries(v)) {
    if (typeof e !== 'string') throw mismatch(e, `${where}.${name}`, 'string');
    out[k] = e;
  }
  return out;
}

function list<T>(v: unknown, where: string, goType: string, item: (e: unknown) => T): T[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw mismatch(v, where, goType);
  return v.map(item);
}

function stringList(o: Obj, name: string, where: string): string[] | null {
  return list(field(o, name), `${where}.${name}`, '[]string', (e) => {
    if (typeof e !== 'string') throw mismatch(e, `${where}.${name}`, 'string');
    return e;
  });
}

export function decodeMatcher(v: unknown): ApiMatcher | null {
  const o = asObj(v, 'Matcher', 'models.Matcher');
  if (o === null) return null;
  return {
    name: str(o, 'name', 'Matcher'),
    value: str(o, 'value', 'Matcher'),
    isRegex: bool(o, 'isRegex', 'Matcher'),
    isEqual: bool(o, 'isEqual', 'Matcher'),
  };
}

function decodeSilenceBody(o: Obj, where: string): SilenceBody {
  return {
    comment: str(o, 'comment', where),
    createdBy: str(o, 'createdBy', where),
    endsAt: time(o, 'endsAt', where),
    matchers: list(field(o, 'matchers'), `${where}.matchers`, 'models.Matchers', decodeMatcher),
    startsAt: time(o, 'startsAt', where),
  };
}

export function decodeAlert(v: unknown): GettableAlert | null {
  const o = asObj(v, 'GettableAlert', 'models.GettableAlert');
  if (o === null) return null;
  const w = 'GettableAlert';
  const st = asObj(field(o, 'status'), `${w}.status`, 'models.AlertStatus');
  return {
    annotations: labelSet(o, 'annotations', w),
    endsAt: time(o, 'endsAt', w),
    fingerprint: str(o, 'fingerprint', w),
    receivers: list(field(o, 'receivers'), `${w}.receivers`, '[]*models.Receiver', (e) => {
      const r = asObj(e, `${w}.receivers`, 'models.Receiver');
      return r === null ? null : { name: str(r, 'name', 'Receiver') };
    }),
    startsAt: time(o, 'startsAt', w),
    status: st === null ? null : {
      inhibitedBy: stringList(st, 'inhibitedBy', 'AlertStatus'),
      silencedBy: stringList(st, 'silencedBy', 'AlertStatus'),
      state: str(st, 'state', 'AlertStatus'),
    },
    updatedAt: time(o, 'updatedAt', w),
    generatorURL: str(o, 'generatorURL', w) ?? '',
    labels: labelSet(o, 'labels', w),
  };
}

export function decodeSilence(v: unknown): GettableSilence | null {
  const o = asObj(v, 'GettableSilence', 'models.GettableSilence');
  if (o === null) return null;
  const st = asObj(field(o, 'status'), 'GettableSilence.status', 'models.SilenceStatus');
  return {
    id: str(o, 'id', 'GettableSilence'),
    status: st === null ? null : { state: str(st, 'state', 'SilenceStatus') },
    updatedAt: time(o, 'updatedAt', 'GettableSilence'),
    ...decodeSilenceBody(o, 'GettableSilence'),
  };
}

/** A silence of an import file: id (kept unless --force) and the silence fields. */
export function decodePostableSilence(v: unknown): PostableSilence {
  if (v === null) return { id: '', comment: null, createdBy: null, endsAt: null, matchers: null, startsAt: null };
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new ModelError(`json: cannot unmarshal ${kind(v)} into Go value of type struct { ID string "json:\\"id,omitempty\\"" }`);
  }
  const o = v as Obj;
  return { id: str(o, 'id', 'PostableSilence') ?? '', ...decodeSilenceBody(o, 'PostableSilence') };
}

export function decodeList<T>(v: unknown, goType: string, item: (e: unknown) => T): T[] {
  return list(v, goType, goType, item) ?? [];
}

/** Go's encoding/json string: HTML-safe, U+2028/2029 escaped, lone surrogates as U+FFFD. */
export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return out + '"';
}

function nullable<T>(v: T | null, enc: (v: T) => string): string {
  return v === null ? 'null' : enc(v);
}

function encLabelSet(ls: LabelSet): string {
  const keys = Object.keys(ls).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJSONString(k)}:${goJSONString(ls[k] as string)}`).join(',')}}`;
}

const encStr = (s: string): string => goJSONString(s);
const encTime = (t: ZonedTime): string => goJSONString(dateTimeJSON(t));
const encBool = (b: boolean): string => String(b);
const encStrings = (l: string[]): string => `[${l.map(encStr).join(',')}]`;

function encObject(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  return `{${fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${goJSONString(k)}:${v as string}`).join(',')}}`;
}

export function encodeMatcher(m: ApiMatcher | null): string {
  if (m === null) return 'null';
  return encObject([
    ['isEqual', m.isEqual === null ? undefined : encBool(m.isEqual)],
    ['isRegex', nullable(m.isRegex, encBool)],
    ['name', nullable(m.name, encStr)],
    ['value', nullable(m.value, encStr)],
  ]);
}

function silenceBodyFields(s: SilenceBody): Array<readonly [string, string | undefined]> {
  return [
    ['comment', nullable(s.comment, encStr)],
    ['createdBy', nullable(s.createdBy, encStr)],
    ['endsAt', nullable(s.endsAt, encTime)],
    ['matchers', nullable(s.matchers, (l) => `[${l.map(encodeMatcher).join(',')}]`)],
    ['startsAt', nullable(s.startsAt, encTime)],
  ];
}

export function encodeAlert(a: GettableAlert | null): string {
  if (a === null) return 'null';
  const status = a.status;
  return encObject([
    ['annotations', nullable(a.annotations, encLabelSet)],
    ['endsAt', nullable(a.endsAt, encTime)],
    ['fingerprint', nullable(a.fingerprint, encStr)],
    ['receivers', nullable(a.receivers, (l) => `[${l.map((r) => (r === null ? 'null' : encObject([['name', nullable(r.name, encStr)]]))).join(',')}]`)],
    ['startsAt', nullable(a.startsAt, encTime)],
    ['status', status === null ? 'null' : encObject([
      ['inhibitedBy', nullable(status.inhibitedBy, encStrings)],
      ['silencedBy', nullable(status.silencedBy, encStrings)],
      ['state', nullable(status.state, encStr)],
    ])],
    ['updatedAt', nullable(a.updatedAt, encTime)],
    ['generatorURL', a.generatorURL === '' ? undefined : encStr(a.generatorURL)],
    ['labels', nullable(a.labels, encLabelSet)],
  ]);
}

export function encodeSilence(s: GettableSilence): string {
  return encObject([
    ['id', nullable(s.id, encStr)],
    ['status', nullable(s.status, (st) => encObject([['state', nullable(st.state, encStr)]]))],
    ['updatedAt', nullable(s.updatedAt, encTime)],
    ...silenceBodyFields(s),
  ]);
}

/** The body of POST /api/v2/silences. */
export function encodePostableSilence(s: PostableSilence): string {
  return encObject([['id', s.id === '' ? undefined : encStr(s.id)], ...silenceBodyFields(s)]);
}

/** The body of POST /api/v2/alerts for one alert (models.PostableAlert). */
export function encodePostableAlert(a: {
  annotations: LabelSet; endsAt: ZonedTime; startsAt: ZonedTime; generatorURL: string; labels: LabelSet;
}): string {
  return encObject([
    ['annotations', Object.keys(a.annotations).length === 0 ? undefined : encLabelSet(a.annotations)],
    ['endsAt', encTime(a.endsAt)],
    ['startsAt', encTime(a.startsAt)],
    ['generatorURL', a.generatorURL === '' ? undefined : encStr(a.generatorURL)],
    ['labels', encLabelSet(a.labels)],
  ]);
}

/** Go's JSON of any decoded JSON value (status objects): object keys sorted, as a map. */
export function encodeAny(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJSONString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(encodeAny).join(',')}]`;
  const o = v as Obj;
  const keys = Object.keys(o).sort();
  return `{${keys.map((k) => `${goJSONString(k)}:${encodeAny(o[k])}`).join(',')}}`;
}
