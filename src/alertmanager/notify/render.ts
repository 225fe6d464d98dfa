/**
 * What every integration does to turn a flush into a message (upstream notify.GetTemplateData,
 * TmplText/TmplHTML, Key.Hash of Alertmanager 0.25): the template data of a flush, template
 * expansion that keeps the first error, the group key's hash, JSON as Go's encoding/json
 * writes it (HTML characters escaped, map keys sorted, a trailing newline from Encoder.Encode),
 * omitempty helpers, and reading *_file settings with Go's error texts.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Alert } from '../types/index.js';
import { type AlertmanagerTemplate, type TemplateData, buildData } from '../template/index.js';
import { type NotifyContext, NotifyError } from './types.js';

/**
 * The template data of one flush: receiver, group labels and time from the context. As
 * upstream's types.Alerts, an alert that has not ended yet shows no endsAt (Go's zero time).
 */
export function getTemplateData(ctx: NotifyContext, tmpl: AlertmanagerTemplate, alerts: readonly Alert[]): TemplateData {
  const shown = alerts.map((a) => (a.endsAt !== 0 && a.endsAt > ctx.now ? { ...a, endsAt: 0 } : a));
  return buildData(ctx.receiverName, ctx.groupLabels, shown, tmpl.externalURL, ctx.now);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Expands config texts against one flush's data; after the first failure every further
 * expansion yields "" and check() throws that failure (TmplText(tmpl, data, &err) upstream).
 */
export class TemplateExpander {
  private firstError: unknown = undefined;
  private failed = false;

  constructor(private readonly tmpl: AlertmanagerTemplate, readonly data: TemplateData) {}

  /** Expands a text template (ExecuteTextString). */
  async text(s: string): Promise<string> {
    return this.run(() => this.tmpl.executeTextString(s, this.data));
  }

  /** Expands an HTML template (ExecuteHTMLString). */
  async html(s: string): Promise<string> {
    return this.run(() => this.tmpl.executeHTMLString(s, this.data));
  }

  /** The first failure, if any. */
  error(): unknown {
    return this.failed ? this.firstError : undefined;
  }

  /** Throws the first failure as a non-retryable NotifyError (a template error does not heal). */
  check(): void {
    if (!this.failed) return;
    const e = this.firstError;
    throw e instanceof NotifyError ? e : new NotifyError(errorText(e), false);
  }

  private async run(f: () => Promise<string>): Promise<string> {
    if (this.failed) return '';
    try {
      return await f();
    } catch (e) {
      this.failed = true;
      this.firstError = e;
      return '';
    }
  }
}

/** Key.Hash(): the sha256 of a group key in hex, for integrations that limit key lengths. */
export function hashGroupKey(groupKey: string): string {
  return createHash('sha256').update(groupKey, 'utf8').digest('hex');
}

const GO_JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

// Characters Go's encoder escapes: quote, backslash, controls, HTML characters, line and
// paragraph separators, and lone surrogates (invalid UTF-8 in Go, written as U+FFFD).
// eslint-disable-next-line no-control-regex
const GO_JSON_SPECIAL = /["\\\u0000-\u001f<>&\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Whether a string holds anything GO_JSON_SPECIAL could match (most label values do not).
// eslint-disable-next-line no-control-regex
const MAY_NEED_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;

/** A JSON string literal exactly as Go's json.Marshal writes it (with HTML escaping). */
export function goJSONString(s: string, escapeHTML = true): string {
  if (!MAY_NEED_ESCAPE.test(s)) return `"${s}"`;
  const body = s.replace(GO_JSON_SPECIAL, (c) => {
    if (!escapeHTML && (c === '<' || c === '>' || c === '&')) return c;
    const e = GO_JSON_ESCAPES[c];
    if (e !== undefined) return e;
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
    return '\\u' + code.toString(16).padStart(4, '0');
  });
  return `"${body}"`;
}

/**
 * Go's float64 JSON form, which JavaScript's shortest form matches: plain decimals, exponent
 * form below 1e-6 and from 1e21 on ("1e-7", "1e+21"); NaN and infinities are unsupported.
 */
function goJSONNumber(v: number): string {
  if (!Number.isFinite(v)) throw new NotifyError(`json: unsupported value: ${String(v)}`, false);
  return Object.is(v, -0) ? '-0' : String(v);
}

function sortedMapEntries(entries: Iterable<[unknown, unknown]>): Array<[string, unknown]> {
  const out = [...entries].map(([k, v]): [string, unknown] => [String(k), v]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export interface GoJSONOptions {
  /** Go's SetEscapeHTML: when false, <, > and & are written as they are. Default true. */
  escapeHTML?: boolean;
}

/**
 * JSON as Go's encoding/json writes it, without the trailing newline. Plain objects keep their
 * key order (a Go struct's field order); Maps are written with sorted keys (a Go map); values
 * with toJSON() are converted first; undefined members are left out (omitempty callers
 * delete what they omit).
 */
export function goJSON(v: unknown, opts: GoJSONOptions = {}): string {
  const esc = opts.escapeHTML ?? true;
  const enc = (x: unknown): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'string') return goJSONString(x, esc);
    if (typeof x === 'number') return goJSONNumber(x);
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'bigint') return x.toString();
    if (Array.isArray(x)) return `[${x.map(enc).join(',')}]`;
    if (x instanceof Map) {
      return `{${sortedMapEntries(x.entries()).map(([k, e]) => `${goJSONString(k, esc)}:${enc(e)}`).join(',')}}`;
    }
    if (typeof x === 'object') {
      const j = (x as { toJSON?: unknown }).toJSON;
      if (typeof j === 'function') return enc((j as () => unknown).call(x));
      const parts: string[] = [];
      for (const [k, e] of Object.entries(x)) {
        if (e === undefined) continue;
        parts.push(`${goJSONString(k, esc)}:${enc(e)}`);
      }
      return `{${parts.join(',')}}`;
    }
    throw new NotifyError(`json: unsupported type: ${typeof x}`, false);
  };
  return enc(v);
}

/** json.NewEncoder(w).Encode(v): goJSON followed by a newline. */
export function goJSONEncode(v: unknown, opts: GoJSONOptions = {}): string {
  return goJSON(v, opts) + '\n';
}

/** `s`, or undefined when empty (a Go `json:",omitempty"` string field). */
export function omitEmpty(s: string): string | undefined {
  return s === '' ? undefined : s;
}

/** `xs`, or undefined when empty (a Go `json:",omitempty"` slice or map). */
export function omitEmptyList<T>(xs: readonly T[] | undefined): readonly T[] | undefined {
  return xs === undefined || xs.length === 0 ? undefined : xs;
}

const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
};

/**
 * Reads a *_file setting (api_url_file, routing_key_file, ...). Throws a non-retryable
 * NotifyError in Go's os.ReadFile wording ("open <path>: no such file or directory").
 */
export async function readConfigFile(path: string, wrap = ''): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : '';
    const text = code === 'EISDIR' ? `read ${path}: is a directory` : `open ${path}: ${FILE_ERRORS[code] ?? errorText(e)}`;
    throw new NotifyError(wrap === '' ? text : `${wrap}: ${text}`, false);
  }
}
