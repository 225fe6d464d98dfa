/**
 * The Go value model the template engine and fmt work on:
 *   string -> string, number -> float64, bigint -> int, boolean -> bool, null/undefined -> nil,
 *   Array -> slice, Map or plain object -> map (keys printed sorted), GoObject -> a Go value
 *   with its own type name, printed form, fields and methods (time.Time, *sample, ...).
 * Functions in a FuncMap receive and may return any of these.
 */

/** A Go value with a type and methods (e.g. time.Time, time.Duration, html/template.HTML). */
export interface GoObject {
  /** Go's %T of the value, e.g. "time.Time", "*template.sample". */
  readonly goType: string;
  /** fmt's %v of the value (its String() method or struct form). */
  goFormat(): string;
  /** A field (`.Name`) of the value, or undefined when it has none. */
  goField?(name: string): { value: unknown } | undefined;
  /** A method (`.Name args`) of the value, or undefined when it has none. */
  goMethod?(name: string): ((...args: unknown[]) => unknown) | undefined;
}

export function isGoObject(v: unknown): v is GoObject {
  return typeof v === 'object' && v !== null && typeof (v as { goFormat?: unknown }).goFormat === 'function'
    && typeof (v as { goType?: unknown }).goType === 'string';
}

/** A Go map: a JS Map, or a plain object (not an array, not a GoObject). */
export function isGoMap(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  if (v instanceof Map) return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || isGoObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** Entries of a Go map in Go's printing order (sorted keys: numbers numerically, strings bytewise). */
export function sortedMapEntries(m: Map<unknown, unknown> | Record<string, unknown>): [unknown, unknown][] {
  const entries: [unknown, unknown][] = m instanceof Map ? [...m.entries()] : Object.entries(m);
  entries.sort((a, b) => compareKeys(a[0], b[0]));
  return entries;
}

function compareKeys(a: unknown, b: unknown): number {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Go's %T of a value. */
export function goTypeName(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func(...interface {}) interface {}';
    case 'undefined':
      return '<nil>';
  }
  if (v === null) return '<nil>';
  if (isGoObject(v)) return v.goType;
  if (v instanceof Error) return '*errors.errorString';
  if (Array.isArray(v)) {
    const t = (v as { goType?: unknown }).goType;
    return typeof t === 'string' ? t : `[]${elemType(v)}`;
  }
  if (isGoMap(v)) {
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    return `map[${elemType(entries.map((e) => e[0]))}]${elemType(entries.map((e) => e[1]))}`;
  }
  return 'interface {}';
}

function elemType(vs: readonly unknown[]): string {
  if (vs.length === 0) return 'interface {}';
  const first = goTypeName(vs[0]);
  if (first === '<nil>') return 'interface {}';
  for (const v of vs) if (goTypeName(v) !== first) return 'interface {}';
  return first;
}

/** Go's truth of a value (template `if`): false, 0, nil, and empty strings/slices/maps are false. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'boolean':
      return v;
    case 'undefined':
      return false;
    case 'function':
      return true;
  }
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (isGoMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** A Go int constant or result: JS bigint, clamped to int64 on the way in. */
export function goInt(n: number): bigint {
  return BigInt(Math.trunc(n));
}
