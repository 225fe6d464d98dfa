/**
 * go-yaml v2's scalar resolution (YAML 1.1 flavoured): which plain scalars are null, booleans,
 * integers or floats, and !!binary decoding. Strings holding invalid UTF-8 (from !!binary) carry
 * each bad byte as a lone surrogate U+DC80..U+DCFF, the project's surrogateescape convention.
 */
import type { YScalar } from './yaml-tree.js';

export type Resolved =
  | { readonly tag: '!!null'; readonly value: null }
  | { readonly tag: '!!bool'; readonly value: boolean }
  | { readonly tag: '!!int'; readonly value: number }
  | { readonly tag: '!!float'; readonly value: number }
  | { readonly tag: '!!str'; readonly value: string }
  | { readonly tag: '!!binary'; readonly value: string };

/** Thrown for scalars go-yaml refuses outright (fatal, not a type error). */
export class ResolveError extends Error {
  override name = 'ResolveError';
}

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const NAN = new Set(['.nan', '.NaN', '.NAN']);
const POS_INF = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
const NEG_INF = new Set(['-.inf', '-.Inf', '-.INF']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const MAX_INT64 = 2n ** 63n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) / ParseUint without underscores; null when not an integer. */
function parseIntBase0(s: string): number | null {
  let body = s;
  let neg = false;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  let digits: RegExp = /^[0-9]+$/;
  let prefix = '';
  if (/^0[xX]/.test(body)) {
    digits = /^[0-9a-fA-F]+$/;
    prefix = '0x';
    body = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    digits = /^[01]+$/;
    prefix = '0b';
    body = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    digits = /^[0-7]+$/;
    prefix = '0o';
    body = body.slice(2);
  } else if (body.length > 1 && body[0] === '0') {
    digits = /^[0-7]+$/;
    prefix = '0o';
    body = body.slice(1);
  }
  if (!digits.test(body)) return null;
  const big = BigInt(prefix + body);
  if (neg ? big > MAX_INT64 + 1n : big > MAX_UINT64) return null;
  return Number(neg ? -big : big);
}

function resolvePlain(text: string): Resolved {
  if (NULL.has(text)) return { tag: '!!null', value: null };
  if (TRUE.has(text)) return { tag: '!!bool', value: true };
  if (FALSE.has(text)) return { tag: '!!bool', value: false };
  if (NAN.has(text)) return { tag: '!!float', value: NaN };
  if (POS_INF.has(text)) return { tag: '!!float', value: Infinity };
  if (NEG_INF.has(text)) return { tag: '!!float', value: -Infinity };
  const c = text[0] ?? '';
  if ('+-0123456789'.includes(c)) {
    const plain = text.replaceAll('_', '');
    const i = parseIntBase0(plain);
    if (i !== null) return { tag: '!!int', value: i };
    if (YAML_FLOAT.test(plain)) {
      const f = Number(plain);
      if (!Number.isNaN(f)) return { tag: '!!float', value: f };
    }
    if (plain.startsWith('0b') || plain.startsWith('-0b')) {
      const neg = plain.startsWith('-');
      const bits = plain.slice(neg ? 3 : 2);
      if (/^[01]+$/.test(bits)) return { tag: '!!int', value: (neg ? -1 : 1) * parseInt(bits, 2) };
    }
  } else if (c === '.' && YAML_FLOAT.test(text)) {
    return { tag: '!!float', value: Number(text) };
  }
  return { tag: '!!str', value: text };
}

/** Decodes base64 into a string of bytes (UTF-8 where valid, surrogate-escaped elsewhere). */
export function decodeBinary(text: string): string {
  const compact = text.replace(/[\s]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new ResolveError('yaml: !!binary value contains invalid base64 data');
  }
  return bytesToString(Buffer.from(compact, 'base64'));
}

/** Bytes to a JS string: valid UTF-8 sequences decode, each invalid byte becomes U+DC80+byte. */
export function bytesToString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    let cp = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
    }
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const cb = bytes[i + k];
      if (cb === undefined || (cb & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cb & 0x3f);
    }
    if (ok && ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff)))) ok = false;
    if (!ok) {
      out += String.fromCharCode(0xdc00 + b);
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Resolves a scalar node the way go-yaml v2 does before assigning it to a Go value. */
export function resolveScalar(n: YScalar): Resolved {
  if (n.tag === '!!binary') return { tag: '!!binary', value: decodeBinary(n.value) };
  if (n.tag === '!!str') return { tag: '!!str', value: n.value };
  if (n.plain || n.tag === '') return resolvePlain(n.value);
  if (n.tag === '!!null') return { tag: '!!null', value: null };
  const r = resolvePlain(n.value);
  if (n.tag === '!!float' && r.tag === '!!int') return { tag: '!!float', value: r.value };
  if (`${n.tag}` !== r.tag && n.tag.startsWith('!!')) {
    throw new ResolveError(`yaml: cannot decode ${r.tag} \`${n.value}\` as a ${n.tag}`);
  }
  return r;
}

/** True when the scalar is a YAML null (absent value, `~`, `null`). */
export function isNullScalar(n: YScalar): boolean {
  if (n.tag === '!!null') return true;
  return n.plain && NULL.has(n.value);
}
