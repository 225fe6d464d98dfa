/**
 * The Go value types of Alertmanager's config (config/common upstream): URL and SecretURL
 * (http/https only), SecretTemplateURL, HostPort, Go time.Duration, matcher lists and
 * match_re regex maps, each as a Codec of the shared YAML decoding layer.
 */
import {
  type Codec,
  type Decoder,
  decodeString,
  parseGoURL,
  redactURL,
  stringMap,
  str,
  stringList,
  type YNode,
} from '../../config/common/index.js';
import { RegexError } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { type AmMatcher, compareMatchers, compileAmRegex, parseMatchers } from '../labels/index.js';

export const SECRET_TOKEN = '<secret>';

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** model.LabelNameRE (the legacy label name charset). */
export function isLegacyLabelName(s: string): boolean {
  return LABEL_NAME_RE.test(s);
}

/** common.ParseURL: Go's url.Parse, then only http(s) with a host. Returns an error text or null. */
export function checkAmURL(s: string): string | null {
  let u;
  try {
    u = parseGoURL(s);
  } catch (e) {
    return (e as Error).message;
  }
  if (u.scheme !== 'http' && u.scheme !== 'https') return `unsupported scheme ${goQuote(u.scheme)} for URL`;
  if (u.host === '') return 'missing host for URL';
  return null;
}

/** Decodes a string and applies a check that returns an error text (fatal, as UnmarshalYAML). */
function checkedString(n: YNode, d: Decoder, check: (s: string) => string | null): string | undefined {
  const before = d.terrors.length;
  const s = decodeString(n, d);
  if (s === undefined || d.terrors.length !== before) return undefined;
  const err = check(s);
  if (err !== null) d.fail(err, n.line);
  return s;
}

/** *common.URL: undefined when absent. */
export const amURL: Codec<string | undefined> = {
  goType: 'common.URL',
  zero: () => undefined,
  decode: (n, d) => checkedString(n, d, checkAmURL),
  isZero: (v) => v === undefined,
  encode: (v) => (v === undefined ? null : redactURL(v)),
};

/** *common.SecretURL: printed as <secret>; `<secret>` itself decodes to an empty URL. */
export const secretURL: Codec<string | undefined> = {
  goType: 'common.SecretURL',
  zero: () => undefined,
  decode: (n, d) => checkedString(n, d, (s) => (s === SECRET_TOKEN ? null : checkAmURL(s))),
  isZero: (v) => v === undefined,
  encode: (v) => (v === undefined ? null : SECRET_TOKEN),
};

/** Go's html/template parse of `{{...}}`: only the delimiters are checked here. */
function templatingError(s: string): string | null {
  if (!s.includes('{{')) return null;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith('{{', i)) {
      if (depth > 0) return 'template: :1: unexpected "{" in command';
      depth++;
      i++;
    } else if (s.startsWith('}}', i) && depth > 0) {
      depth--;
      i++;
    }
  }
  return depth > 0 ? 'template: :1: unclosed action' : null;
}

/** True when s holds `{{`; throws the template error text when its actions do not parse. */
export function containsTemplating(s: string): boolean {
  const err = templatingError(s);
  if (err !== null) throw new Error(err);
  return s.includes('{{');
}

/** common.SecretTemplateURL: a secret string that is a URL unless it is templated. */
export const secretTemplateURL: Codec<string> = {
  goType: 'common.SecretTemplateURL',
  zero: () => '',
  decode: (n, d) =>
    checkedString(n, d, (s) => {
      if (s === '' || s === SECRET_TOKEN) return null;
      const terr = templatingError(s);
      if (terr !== null) return `invalid template syntax: ${terr}`;
      if (s.includes('{{')) return null;
      const uerr = checkAmURL(s);
      return uerr === null ? null : `invalid URL: ${uerr}`;
    }) ?? '',
  isZero: (v) => v === '' || v === undefined,
  encode: (v) => (v ? SECRET_TOKEN : undefined),
};

/** net.SplitHostPort's checks; returns the error text or null. */
export function splitHostPort(s: string): { host: string; port: string } | string {
  const missing = `address ${s}: missing port in address`;
  const tooMany = `address ${s}: too many colons in address`;
  let host: string;
  let rest: string;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return `address ${s}: missing ']' in address`;
    host = s.slice(1, end);
    rest = s.slice(end + 1);
    if (rest === '') return missing;
    if (rest[0] !== ':') return `address ${s}: missing port in address`;
    rest = rest.slice(1);
  } else {
    const i = s.lastIndexOf(':');
    if (i < 0) return missing;
    host = s.slice(0, i);
    if (host.includes(':')) return tooMany;
    rest = s.slice(i + 1);
  }
  if (host.includes('[') || host.includes(']')) return `address ${s}: unexpected '[' in address`;
  return { host, port: rest };
}

/** config.HostPort ("host:port"); '' when unset. */
export const hostPort: Codec<string> = {
  goType: 'config.HostPort',
  zero: () => '',
  decode: (n, d) =>
    checkedString(n, d, (s) => {
      if (s === '') return null;
      const r = splitHostPort(s);
      if (typeof r === 'string') return r;
      if (r.port === '') return `address ${goQuote(s)}: port cannot be empty`;
      return null;
    }) ?? '',
  isZero: (v) => v === '' || v === undefined,
  encode: (v) => v,
};

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go's time.ParseDuration, in (possibly fractional) milliseconds. */
export function parseGoDuration(s: string): number {
  const bad = new Error(`time: invalid duration ${goQuote(s)}`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw bad;
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)?/;
  while (rest !== '') {
    const m = re.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') throw bad;
    if (m[2] === undefined) throw new Error(`time: missing unit in duration ${goQuote(s)}`);
    total += Number(m[1]) * (GO_UNITS[m[2]] as number);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** time.Duration's String(): `1h2m3s`, `1.5s`, `0s`, `500ms`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let ns = Math.round(Math.abs(ms) * 1e6);
  let out: string;
  if (ns < 1e9) {
    if (ns < 1e3) out = `${ns}ns`;
    else if (ns < 1e6) out = `${trimFrac(ns / 1e3)}µs`;
    else out = `${trimFrac(ns / 1e6)}ms`;
  } else {
    const h = Math.floor(ns / 3.6e12);
    ns -= h * 3.6e12;
    const m = Math.floor(ns / 6e10);
    ns -= m * 6e10;
    const sec = `${trimFrac(ns / 1e9)}s`;
    out = h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
  }
  return neg ? `-${out}` : out;
}

function trimFrac(v: number): string {
  return String(Number(v.toFixed(9)));
}

/** Go's time.Duration as yaml.v2 decodes it (a duration string; an integer is nanoseconds). */
export const goDuration: Codec<number> = {
  goType: 'time.Duration',
  zero: () => 0,
  decode(n, d): number {
    if (n.kind === 'scalar' && /^-?[0-9]+$/.test(n.value)) return Number(n.value) / 1e6;
    const s = decodeString(n, d, 'time.Duration');
    if (s === undefined) return 0;
    try {
      return parseGoDuration(s);
    } catch (e) {
      d.cannotUnmarshal(n, 'time.Duration');
      void e;
      return 0;
    }
  },
  isZero: (v) => v === 0 || v === undefined,
  encode: (v) => formatGoDuration(v ?? 0),
};

/** A TextUnmarshaler duration (pushover's retry/expire/ttl): errors are fatal. */
export const textDuration: Codec<number> = {
  goType: 'pushover.duration',
  zero: () => 0,
  decode(n, d): number {
    const s = decodeString(n, d);
    if (s === undefined) return 0;
    try {
      return parseGoDuration(s);
    } catch (e) {
      return d.fail((e as Error).message, n.line);
    }
  },
  isZero: (v) => v === 0 || v === undefined,
  encode: (v) => formatGoDuration(v ?? 0),
};

/** common.Matchers: a list of matcher strings, each possibly several matchers; sorted. */
export const matchersCodec: Codec<AmMatcher[]> = {
  goType: '[]string',
  zero: () => [],
  decode(n, d): AmMatcher[] {
    const before = d.terrors.length;
    const lines = stringList.decode(n, d);
    if (d.terrors.length !== before) return [];
    const out: AmMatcher[] = [];
    for (const line of lines) {
      try {
        out.push(...parseMatchers(line));
      } catch (e) {
        d.fail((e as Error).message, n.line);
      }
    }
    return out.sort(compareMatchers);
  },
  isZero: (v) => v === undefined || v.length === 0,
  encode: (v) => (v ?? []).map((m) => m.toString()),
};

/** A match_re value: the original text; undefined when the YAML value was null. */
export interface MatchRegexp {
  readonly original: string;
  readonly regex: { test(s: string): boolean };
}

const regexpCodec: Codec<MatchRegexp | undefined> = {
  goType: 'common.Regexp',
  zero: () => undefined,
  decode(n, d): MatchRegexp | undefined {
    const s = decodeString(n, d);
    if (s === undefined) return undefined;
    try {
      return { original: s, regex: compileAmRegex(s) };
    } catch (e) {
      if (e instanceof RegexError) return d.fail(e.message, n.line);
      throw e;
    }
  },
  isZero: (v) => v === undefined,
  encode: (v) => (v === undefined || v.original === '' ? null : v.original),
};

/** common.MatchRegexps: label name -> regex, names checked, null values rejected. */
export const matchRegexpsCodec: Codec<Record<string, MatchRegexp | undefined>> = (() => {
  const inner = stringMap(regexpCodec);
  return {
    ...inner,
    goType: 'common.MatchRegexps',
    decode(n: YNode, d: Decoder): Record<string, MatchRegexp | undefined> {
      const before = d.terrors.length;
      const m = inner.decode(n, d);
      if (d.terrors.length !== before) return m;
      for (const [k, v] of Object.entries(m)) {
        if (!isLegacyLabelName(k)) d.fail(`invalid label name ${goQuote(k)}`, n.line);
        if (v === undefined) d.fail(`invalid regexp value for ${goQuote(k)}`, n.line);
      }
      return m;
    },
  };
})();

export const stringStringMap = stringMap(str);
