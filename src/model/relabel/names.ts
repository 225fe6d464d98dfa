/**
 * Label name rules (model.ValidationScheme) and the narrowing of YAML-decoded scalars the way
 * yaml.v2 decodes them into Go strings.
 */

/** 'utf8': any non-empty valid UTF-8 name (Prometheus 3's default); 'legacy': [a-zA-Z_][a-zA-Z0-9_]*. */
export type NameValidationScheme = 'utf8' | 'legacy';

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Lone surrogates (and the U+DC80.. escapes of invalid bytes) make a string invalid UTF-8. */
function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

export function isValidLabelName(name: string, scheme: NameValidationScheme): boolean {
  if (scheme === 'legacy') return LEGACY_NAME.test(name);
  return name.length > 0 && isWellFormed(name);
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes to a string; each byte of an invalid sequence becomes U+DC80+byte (as strconv does). */
function decodeBytes(b: Uint8Array): string {
  try {
    return fatalDecoder.decode(b);
  } catch {
    let out = '';
    let i = 0;
    while (i < b.length) {
      const lead = b[i] as number;
      const n = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
      if (n > 0 && i + n <= b.length) {
        try {
          out += fatalDecoder.decode(b.subarray(i, i + n));
          i += n;
          continue;
        } catch {
          // fall through: escape this byte
        }
      }
      out += String.fromCharCode(0xdc00 + lead);
      i++;
    }
    return out;
  }
}

/** The string a scalar decodes to in a Go string field, or null when it is not a scalar. */
export function yamlScalarString(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      if (v instanceof Uint8Array) return decodeBytes(v);
      return null;
  }
}

/** yaml.v2's tag name of a value, for "cannot unmarshal !!seq into ..." messages. */
export function yamlKind(v: unknown): string {
  if (v === null || v === undefined) return '!!null';
  if (Array.isArray(v)) return '!!seq';
  if (v instanceof Uint8Array) return '!!binary';
  switch (typeof v) {
    case 'string':
      return '!!str';
    case 'bigint':
      return '!!int';
    case 'number':
      return Number.isInteger(v) ? '!!int' : '!!float';
    case 'boolean':
      return '!!bool';
    default:
      return '!!map';
  }
}
