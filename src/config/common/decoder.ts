/**
 * A typed decoding layer over the YAML tree that behaves like go-yaml v2's UnmarshalStrict:
 * type mismatches, unknown and repeated fields are collected as "type errors" (decoding goes
 * on, and they are reported together as `yaml: unmarshal errors:`), while an error raised by a
 * type's own validation (Go's UnmarshalYAML returning an error) aborts at once. A struct's
 * validation does not run when decoding its fields produced type errors, as upstream.
 *
 * Each Go type is a Codec: decode a node, give the Go zero value (what an explicit null sets),
 * say whether a value is zero (for omitempty) and encode it back for re-serialisation.
 */
import { goQuote } from '../../model/strconv/index.js';
import { isNullScalar, resolveScalar } from './resolve.js';
import type { YMap, YNode } from './yaml-tree.js';

/** A fatal decoding error: an UnmarshalYAML-style validation failure. */
export class DecodeFailure extends Error {
  override name = 'DecodeFailure';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The collected type errors of one decode (`yaml: unmarshal errors:\n  line N: ...`). */
export class UnmarshalErrors extends Error {
  override name = 'UnmarshalErrors';
  constructor(readonly errors: readonly string[]) {
    super(`yaml: unmarshal errors:\n  ${errors.join('\n  ')}`);
  }
}

export class Decoder {
  readonly terrors: string[] = [];

  typeError(line: number, msg: string): void {
    this.terrors.push(`line ${line}: ${msg}`);
  }

  /** go-yaml's `cannot unmarshal !!tag `value` into T`. */
  cannotUnmarshal(n: YNode, into: string): void {
    if (n.kind === 'map') return this.typeError(n.line, `cannot unmarshal !!map into ${into}`);
    if (n.kind === 'seq') return this.typeError(n.line, `cannot unmarshal !!seq into ${into}`);
    const tag = n.tag !== '' ? n.tag : resolveScalar(n).tag;
    const v = n.value.length > 10 ? ` \`${n.value.slice(0, 7)}...\`` : ` \`${n.value}\``;
    this.typeError(n.line, `cannot unmarshal ${tag}${v} into ${into}`);
  }

  fail(message: string, line?: number): never {
    throw new DecodeFailure(message, line);
  }

  /** Throws the collected type errors, if any. */
  finish(): void {
    if (this.terrors.length > 0) throw new UnmarshalErrors([...this.terrors]);
  }
}

export interface Codec<T> {
  /** The Go type named in type errors (`string`, `uint`, `config.plain`). */
  readonly goType: string;
  /** The Go zero value: what an explicit YAML null sets. */
  zero(): T;
  /** Decodes a non-null node. */
  decode(n: YNode, d: Decoder): T;
  /** True when the value is Go's zero value (omitempty). */
  isZero(v: T): boolean;
  /** A plain JS value for re-serialisation; undefined omits it. */
  encode(v: T): unknown;
}

export function isNull(n: YNode): boolean {
  return n.kind === 'scalar' && isNullScalar(n);
}

/** Decodes a node, giving the codec's zero value for a YAML null. */
export function decodeNode<T>(codec: Codec<T>, n: YNode, d: Decoder): T {
  return isNull(n) ? codec.zero() : codec.decode(n, d);
}

export interface FieldSpec<V> {
  readonly codec: Codec<V>;
  /** Omitted when zero on re-serialisation (yaml:",omitempty"). */
  readonly omitempty?: boolean;
}

export type Fields<T> = { readonly [K in keyof T]?: FieldSpec<T[K]> };

export interface StructOptions<T> {
  readonly goType: string;
  readonly fields: Fields<T>;
  /** The value decoding starts from (upstream's `*c = DefaultX`). */
  readonly defaults: () => T;
  /** Runs after a decode without type errors; throws (d.fail) on invalid values. */
  readonly validate?: (v: T, d: Decoder, n: YMap) => void;
  /** Keys handled outside `fields` (the `*_sd_configs` of scrape configs). */
  readonly extra?: ExtraFields<T>;
  /** Custom re-serialisation of the extra keys, appended after the fields. */
  readonly encodeExtra?: (v: T, out: Record<string, unknown>) => void;
}

export interface ExtraFields<T> {
  has(key: string): boolean;
  decode(key: string, n: YNode, d: Decoder, into: T): void;
}

function field<T>(fields: Fields<T>, key: string): FieldSpec<unknown> | undefined {
  return Object.prototype.hasOwnProperty.call(fields, key) ? (fields as Record<string, FieldSpec<unknown>>)[key] : undefined;
}

/** Decodes a mapping node into an existing object (no defaults, no validation). */
export function decodeFieldsInto<T>(opts: StructOptions<T>, n: YMap, d: Decoder, out: T): void {
  const target = out as Record<string, unknown>;
  const done = new Set<string>();
  for (const p of n.pairs) {
    const key = p.key.kind === 'scalar' ? (isNull(p.key) ? '' : p.key.value) : '';
    const spec = field(opts.fields, key);
    const isExtra = !spec && opts.extra?.has(key) === true;
    if (!spec && !isExtra) {
      d.typeError(p.key.line, `field ${key} not found in type ${opts.goType}`);
      continue;
    }
    if (!p.merged) {
      if (done.has(key)) {
        d.typeError(p.key.line, `field ${key} already set in type ${opts.goType}`);
        continue;
      }
      done.add(key);
    }
    if (spec) target[key] = decodeNode(spec.codec, p.value, d);
    else opts.extra?.decode(key, p.value, d, out);
  }
}

export function encodeFields<T>(fields: Fields<T>, v: T, out: Record<string, unknown>): void {
  const src = v as Record<string, unknown>;
  for (const [key, spec] of Object.entries(fields as Record<string, FieldSpec<unknown> | undefined>)) {
    if (!spec) continue;
    const value = src[key];
    if (spec.omitempty && spec.codec.isZero(value)) continue;
    const enc = spec.codec.encode(value);
    if (enc !== undefined) out[key] = enc;
  }
}

/** A Go struct with its own UnmarshalYAML: defaults, strict fields, then validation. */
export function struct<T>(opts: StructOptions<T>): Codec<T> {
  return {
    goType: opts.goType,
    zero(): T {
      const z: Record<string, unknown> = {};
      for (const [key, spec] of Object.entries(opts.fields as Record<string, FieldSpec<unknown> | undefined>)) {
        if (spec) z[key] = spec.codec.zero();
      }
      return z as T;
    },
    decode(n: YNode, d: Decoder): T {
      if (n.kind !== 'map') {
        d.cannotUnmarshal(n, opts.goType);
        return this.zero();
      }
      const out = opts.defaults();
      const before = d.terrors.length;
      decodeFieldsInto(opts, n, d, out);
      if (d.terrors.length === before && opts.validate) opts.validate(out, d, n);
      return out;
    },
    isZero(v: T): boolean {
      if (v === undefined || v === null) return true;
      const src = v as Record<string, unknown>;
      for (const [key, spec] of Object.entries(opts.fields as Record<string, FieldSpec<unknown> | undefined>)) {
        if (spec && !spec.codec.isZero(src[key])) return false;
      }
      return true;
    },
    encode(v: T): unknown {
      const out: Record<string, unknown> = {};
      encodeFields(opts.fields, v, out);
      opts.encodeExtra?.(v, out);
      return out;
    },
  };
}

/** A Go pointer (*T): nil (undefined) when absent or null. */
export function ptr<T>(inner: Codec<T>): Codec<T | undefined> {
  return {
    goType: inner.goType,
    zero: () => undefined,
    decode: (n, d) => inner.decode(n, d),
    isZero: (v) => v === undefined,
    encode: (v) => (v === undefined ? null : inner.encode(v)),
  };
}

/** A Go slice ([]T). */
export function list<T>(elem: Codec<T>): Codec<T[]> {
  const goType = `[]${elem.goType}`;
  return {
    goType,
    zero: () => [],
    decode(n, d): T[] {
      if (n.kind !== 'seq') {
        d.cannotUnmarshal(n, goType);
        return [];
      }
      return n.items.map((it) => decodeNode(elem, it, d));
    },
    isZero: (v) => v === undefined || v.length === 0,
    encode: (v) => (v ?? []).map((x) => elem.encode(x) ?? null),
  };
}

/** A Go map[string]T, as a prototype-free object; repeated keys are type errors. */
export function stringMap<T>(elem: Codec<T>, keyType = 'string'): Codec<Record<string, T>> {
  const goType = `map[${keyType}]${elem.goType}`;
  return {
    goType,
    zero: () => Object.create(null) as Record<string, T>,
    decode(n, d): Record<string, T> {
      const out = Object.create(null) as Record<string, T>;
      if (n.kind !== 'map') {
        d.cannotUnmarshal(n, goType);
        return out;
      }
      for (const p of n.pairs) {
        if (p.key.kind !== 'scalar') {
          d.cannotUnmarshal(p.key, keyType);
          continue;
        }
        const key = isNull(p.key) ? '' : resolveKey(p.key.value, p.key.tag);
        if (key in out && !p.merged) {
          d.typeError(p.key.line, `key ${goQuote(key)} already set in map`);
          continue;
        }
        out[key] = decodeNode(elem, p.value, d);
      }
      return out;
    },
    isZero: (v) => v === undefined || Object.keys(v).length === 0,
    encode(v): unknown {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v ?? {}).sort()) out[k] = elem.encode((v as Record<string, T>)[k] as T) ?? null;
      return out;
    },
  };
}

function resolveKey(value: string, tag: string): string {
  if (tag === '!!binary') return resolveScalar({ kind: 'scalar', value, tag, plain: false, line: 0 }).value as string;
  return value;
}
