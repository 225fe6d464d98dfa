/**
 * Codecs for the scalar Go types config files use: string, bool, the integer kinds, float64,
 * model.Duration (ms), config.Secret, config.URL, units.Base2Bytes and string enums.
 */
import { type Codec, type Decoder, list } from './decoder.js';
import { formatDuration, parseDuration } from './duration.js';
import { parseGoURL, redactURL } from './go-url.js';
import { resolveScalar } from './resolve.js';
import { formatBase2Bytes, parseBase2Bytes } from './units.js';
import type { YNode } from './yaml-tree.js';

const SECRET_TOKEN = '<secret>';

/** Decodes a string the way go-yaml does: any non-null scalar's text; null gives ''. */
export function decodeString(n: YNode, d: Decoder, goType = 'string'): string | undefined {
  if (n.kind !== 'scalar') {
    d.cannotUnmarshal(n, goType);
    return undefined;
  }
  const r = resolveScalar(n);
  if (r.tag === '!!null') return '';
  if (r.tag === '!!binary') return r.value;
  return n.value;
}

export const str: Codec<string> = {
  goType: 'string',
  zero: () => '',
  decode: (n, d) => decodeString(n, d) ?? '',
  isZero: (v) => v === '' || v === undefined,
  encode: (v) => v,
};

/** A string type with its own Go name in type errors (e.g. a role). */
export function namedString(goType: string, validate?: (v: string, d: Decoder) => void): Codec<string> {
  // A type with its own UnmarshalYAML decodes through a plain string first.
  const errType = validate ? 'string' : goType;
  return {
    goType,
    zero: () => '',
    decode(n, d): string {
      const before = d.terrors.length;
      const s = decodeString(n, d, errType) ?? '';
      if (d.terrors.length === before && validate) validate(s, d);
      return s;
    },
    isZero: (v) => v === '' || v === undefined,
    encode: (v) => v,
  };
}

export const secret: Codec<string> = {
  goType: 'config.Secret',
  zero: () => '',
  decode: (n, d) => decodeString(n, d, 'config.Secret') ?? '',
  isZero: (v) => v === '' || v === undefined,
  encode: (v) => (v ? SECRET_TOKEN : undefined),
};

export const bool: Codec<boolean> = {
  goType: 'bool',
  zero: () => false,
  decode(n, d): boolean {
    if (n.kind === 'scalar') {
      const r = resolveScalar(n);
      if (r.tag === '!!bool') return r.value;
    }
    d.cannotUnmarshal(n, 'bool');
    return false;
  },
  isZero: (v) => v !== true,
  encode: (v) => v === true,
};

/** *bool: undefined when absent. */
export const optionalBool: Codec<boolean | undefined> = {
  goType: 'bool',
  zero: () => undefined,
  decode: (n, d) => bool.decode(n, d),
  isZero: (v) => v === undefined,
  encode: (v) => v,
};

function integer(goType: string, min: number, max: number): Codec<number> {
  return {
    goType,
    zero: () => 0,
    decode(n, d): number {
      if (n.kind === 'scalar') {
        const r = resolveScalar(n);
        if (r.tag === '!!int' && r.value >= min && r.value <= max) return r.value;
        if (r.tag === '!!float' && Number.isFinite(r.value) && Math.trunc(r.value) >= min && r.value <= max) {
          return Math.trunc(r.value);
        }
      }
      d.cannotUnmarshal(n, goType);
      return 0;
    },
    isZero: (v) => v === 0 || v === undefined,
    encode: (v) => v,
  };
}

export const int = integer('int', -(2 ** 63), 2 ** 63 - 1);
export const int64 = integer('int64', -(2 ** 63), 2 ** 63 - 1);
export const uint = integer('uint', 0, 2 ** 64 - 1);
export const uint64 = integer('uint64', 0, 2 ** 64 - 1);

export const float64: Codec<number> = {
  goType: 'float64',
  zero: () => 0,
  decode(n, d): number {
    if (n.kind === 'scalar') {
      const r = resolveScalar(n);
      if (r.tag === '!!int' || r.tag === '!!float') return r.value;
    }
    d.cannotUnmarshal(n, 'float64');
    return 0;
  },
  isZero: (v) => v === 0 || v === undefined,
  encode: (v) => v,
};

/** model.Duration in milliseconds. */
export const duration: Codec<number> = {
  goType: 'model.Duration',
  zero: () => 0,
  decode(n, d): number {
    const s = decodeString(n, d);
    if (s === undefined) return 0;
    try {
      return parseDuration(s);
    } catch (e) {
      return d.fail((e as Error).message, n.line);
    }
  },
  isZero: (v) => v === 0 || v === undefined,
  encode: (v) => formatDuration(v),
};

/** config.URL: a URL string checked with Go's url.Parse; re-serialised redacted. */
export const url: Codec<string | undefined> = {
  goType: 'config.URL',
  zero: () => undefined,
  decode(n, d): string | undefined {
    const s = decodeString(n, d);
    if (s === undefined) return undefined;
    try {
      parseGoURL(s);
    } catch (e) {
      return d.fail((e as Error).message, n.line);
    }
    return s;
  },
  isZero: (v) => v === undefined,
  encode: (v) => (v === undefined ? null : redactURL(v)),
};

/** units.Base2Bytes (a TextUnmarshaler: any scalar's text is parsed). */
export const base2Bytes: Codec<number> = {
  goType: 'units.Base2Bytes',
  zero: () => 0,
  decode(n, d): number {
    if (n.kind !== 'scalar') {
      d.cannotUnmarshal(n, 'units.Base2Bytes');
      return 0;
    }
    const r = resolveScalar(n);
    try {
      return parseBase2Bytes(r.tag === '!!binary' ? r.value : n.value);
    } catch (e) {
      return d.fail((e as Error).message, n.line);
    }
  },
  isZero: (v) => v === 0 || v === undefined,
  encode: (v) => formatBase2Bytes(v),
};

export const stringList = list(str);
export const secretList = list(secret);

/** Any YAML value as plain JS (Go's map[string]any / any). */
export const anyValue: Codec<unknown> = {
  goType: 'interface {}',
  zero: () => null,
  decode: (n) => toPlain(n),
  isZero: (v) => v === null || v === undefined,
  encode: (v) => v,
};

/** A node as a plain JS value, scalars resolved with go-yaml's rules. */
export function toPlain(n: YNode): unknown {
  if (n.kind === 'seq') return n.items.map(toPlain);
  if (n.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const p of n.pairs) out[p.key.kind === 'scalar' ? p.key.value : JSON.stringify(toPlain(p.key))] = toPlain(p.value);
    return out;
  }
  return resolveScalar(n).value;
}
