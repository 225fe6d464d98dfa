/**
 * The request bodies of POST /api/v2/alerts and POST /api/v2/silences decoded as Alertmanager
 * 0.25's go-swagger server does: JSON type errors with encoding/json's texts (a 400 "parsing
 * <param> body from \"\" failed, because ..."), then the OpenAPI model's validation (a 422 with
 * go-openapi's code and text, the first failing rule only).
 */
import { compareStrings } from '../../../model/labels/index.js';
import { goQuote } from '../../../model/strconv/index.js';
import { DateTimeParseError, goZeroTimeMs, parseDateTime } from './date-time.js';
import { fieldTypeError, structFields, valueTypeError } from './go-json.js';

/** A request the OpenAPI layer refuses: HTTP status plus go-openapi's {code, message}. */
export class SwaggerError extends Error {
  override readonly name = 'SwaggerError';
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body failed to decode (go-openapi's ParseError, 400). */
export function parseError(param: string, reason: string): SwaggerError {
  return new SwaggerError(400, 400, `parsing ${param} body from "" failed, because ${reason}`);
}

/** validate.Required (code 602). */
export function requiredError(path: string): SwaggerError {
  return new SwaggerError(422, 602, `${path} in body is required`);
}

/** A label set as posted: sorted name/value pairs kept as strings (empty values included). */
export type PostedLabelSet = [string, string][];

export interface PostableAlert {
  labels: PostedLabelSet | null;
  annotations: PostedLabelSet;
  /** ms; null for Go's zero time (absent, null or 0001-01-01T00:00:00Z). */
  startsAt: number | null;
  endsAt: number | null;
  generatorURL: string;
}

export interface PostableMatcher {
  name: string | null;
  value: string | null;
  isRegex: boolean | null;
  isEqual: boolean | null;
}

export interface PostableSilence {
  id: string;
  matchers: PostableMatcher[] | null;
  startsAt: number | null;
  endsAt: number | null;
  createdBy: string | null;
  comment: string | null;
}

const ALERT_ANON_TYPE =
  'struct { Annotations models.LabelSet "json:\\"annotations,omitempty\\""; EndsAt strfmt.DateTime "json:\\"endsAt,omitempty\\""; StartsAt strfmt.DateTime "json:\\"startsAt,omitempty\\"" }';
const SILENCE_ANON_TYPE = 'struct { ID string "json:\\"id,omitempty\\"" }';

/** Decoding stops at the first error, as json.Decoder keeps only the first one. */
class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function labelSet(v: unknown, struct: string, field: string): PostedLabelSet | null {
  if (v === null) return null;
  if (!isObject(v)) throw new DecodeError(fieldTypeError(v, struct, field, 'models.LabelSet'));
  const out: PostedLabelSet = [];
  for (const [k, x] of Object.entries(v)) {
    if (x === null) out.push([k, '']);
    else if (typeof x === 'string') out.push([k, x]);
    else throw new DecodeError(fieldTypeError(x, struct, field, 'string'));
  }
  return out.sort((a, b) => compareStrings(a[0], b[0]));
}

/** A strfmt.DateTime field: null keeps Go's zero time; a string is parsed (errors without context). */
function dateTime(v: unknown, struct: string, field: string): number | null {
  if (v === null) return null;
  if (typeof v !== 'string') throw new DecodeError(fieldTypeError(v, struct, field, 'string'));
  try {
    const ms = parseDateTime(v);
    return ms === goZeroTimeMs() ? null : ms;
  } catch (e) {
    if (e instanceof DateTimeParseError) throw new DecodeError(e.message);
    throw e;
  }
}

function str(v: unknown, struct: string, field: string): string | null {
  if (v === null) return null;
  if (typeof v !== 'string') throw new DecodeError(fieldTypeError(v, struct, field, 'string'));
  return v;
}

function bool(v: unknown, struct: string, field: string): boolean | null {
  if (v === null) return null;
  if (typeof v !== 'boolean') throw new DecodeError(fieldTypeError(v, struct, field, 'bool'));
  return v;
}

function decodeAlert(v: unknown): PostableAlert {
  if (!isObject(v)) throw new DecodeError(valueTypeError(v, ALERT_ANON_TYPE));
  const a: PostableAlert = { labels: null, annotations: [], startsAt: null, endsAt: null, generatorURL: '' };
  // First the object's own fields, then those of the embedded Alert, as PostableAlert.UnmarshalJSON.
  for (const [f, x] of structFields(v, ['annotations', 'endsAt', 'startsAt'])) {
    if (f === 'annotations') a.annotations = labelSet(x, '', 'annotations') ?? [];
    else if (f === 'endsAt') a.endsAt = dateTime(x, '', 'endsAt');
    else a.startsAt = dateTime(x, '', 'startsAt');
  }
  for (const [f, x] of structFields(v, ['generatorURL', 'labels'])) {
    if (f === 'labels') a.labels = labelSet(x, 'Alert', 'labels');
    else a.generatorURL = str(x, 'Alert', 'generatorURL') ?? '';
  }
  return a;
}

/** net/url.ParseRequestURI's acceptance, as strfmt's "uri" format checks it. */
export function isRequestURI(s: string): boolean {
  if (/[\x00-\x20\x7f]/.test(s.replace(/ /g, 'x')) || /%(?![0-9a-fA-F]{2})/.test(s)) return false;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(s);
  if (m === null) return s.startsWith('/');
  const rest = m[2] ?? '';
  if (!rest.startsWith('//')) return true;
  const authority = rest.slice(2).split(/[/?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return /^\[[0-9a-fA-F:.%a-zA-Z]*\](:\d*)?$/.test(host);
  const colon = host.indexOf(':');
  const port = colon < 0 ? '' : host.slice(colon + 1);
  return /^\d*$/.test(port) && !/[\s<>"{}|\\^`]/.test(host);
}

function validateAlert(a: PostableAlert, i: number): void {
  if (a.generatorURL !== '' && !isRequestURI(a.generatorURL)) {
    throw new SwaggerError(422, 601, `${i}.generatorURL in body must be of type uri: ${goQuote(a.generatorURL)}`);
  }
  if (a.labels === null) throw requiredError(`${i}.labels`);
}

/**
 * PostableAlerts from the decoded JSON value (null when the body was JSON null). Elements
 * that are JSON null are dropped (upstream dereferences them and fails the request).
 */
export function decodePostableAlerts(v: unknown): PostableAlert[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw parseError('alerts', valueTypeError(v, 'models.PostableAlerts'));
  const out: PostableAlert[] = [];
  let first: string | null = null;
  for (const x of v) {
    if (x === null) continue;
    try {
      out.push(decodeAlert(x));
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      first ??= e.message;
    }
  }
  if (first !== null) throw parseError('alerts', first);
  out.forEach(validateAlert);
  return out;
}

function decodeMatcher(v: unknown): PostableMatcher {
  if (!isObject(v)) throw new DecodeError(fieldTypeError(v, 'Silence', 'matchers', 'models.Matcher'));
  const m: PostableMatcher = { name: null, value: null, isRegex: null, isEqual: null };
  for (const [f, x] of structFields(v, ['isEqual', 'isRegex', 'name', 'value'])) {
    if (f === 'isEqual' || f === 'isRegex') m[f] = bool(x, 'Matcher', `matchers.${f}`);
    else if (f === 'name' || f === 'value') m[f] = str(x, 'Matcher', `matchers.${f}`);
  }
  return m;
}

function decodeSilenceFields(v: Record<string, unknown>, s: PostableSilence): void {
  for (const [f, x] of structFields(v, ['comment', 'createdBy', 'endsAt', 'matchers', 'startsAt'])) {
    switch (f) {
      case 'comment':
      case 'createdBy':
        s[f] = str(x, 'Silence', f);
        break;
      case 'endsAt':
      case 'startsAt':
        s[f] = x === null ? null : dateTime(x, 'Silence', f) ?? goZeroTimeMs();
        break;
      default:
        if (x === null) s.matchers = null;
        else if (!Array.isArray(x)) throw new DecodeError(fieldTypeError(x, 'Silence', 'matchers', 'models.Matchers'));
        else s.matchers = x.filter((m) => m !== null).map(decodeMatcher);
    }
  }
}

function validateSilence(s: PostableSilence): void {
  if (s.comment === null) throw requiredError('comment');
  if (s.createdBy === null) throw requiredError('createdBy');
  if (s.endsAt === null) throw requiredError('endsAt');
  if (s.matchers === null) throw requiredError('matchers');
  if (s.matchers.length === 0) throw new SwaggerError(422, 612, 'matchers in body should have at least 1 items');
  s.matchers.forEach((m, i) => {
    for (const f of ['isRegex', 'name', 'value'] as const) {
      if (m[f] === null) throw requiredError(`matchers.${i}.${f}`);
    }
  });
  if (s.startsAt === null) throw requiredError('startsAt');
}

/** PostableSilence from the decoded JSON value; JSON null decodes to an empty silence. */
export function decodePostableSilence(v: unknown): PostableSilence {
  const s: PostableSilence = { id: '', matchers: null, startsAt: null, endsAt: null, createdBy: null, comment: null };
  if (v !== null) {
    try {
      if (!isObject(v)) throw new DecodeError(valueTypeError(v, SILENCE_ANON_TYPE));
      for (const [, x] of structFields(v, ['id'])) s.id = str(x, '', 'id') ?? '';
      decodeSilenceFields(v, s);
    } catch (e) {
      if (e instanceof DecodeError) throw parseError('silence', e.message);
      throw e;
    }
  }
  validateSilence(s);
  return s;
}
