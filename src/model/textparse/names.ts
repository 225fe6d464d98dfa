/** Legacy metric/label name checks and Go's %q of a single byte (used in expfmt-style errors). */

const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** model.IsValidLegacyMetricName. */
export function isLegacyMetricName(s: string): boolean {
  return LEGACY_METRIC.test(s);
}

/** The legacy label name rule ([a-zA-Z_][a-zA-Z0-9_]*). */
export function isLegacyLabelName(s: string): boolean {
  return LEGACY_LABEL.test(s);
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's %q of a byte value (strconv.QuoteRune of rune(b)), e.g. 'x', '\n', '\x00', '\u0080'. */
export function goQuoteByte(c: number): string {
  switch (c) {
    case 0x07: return "'\\a'";
    case 0x08: return "'\\b'";
    case 0x0c: return "'\\f'";
    case 0x0a: return "'\\n'";
    case 0x0d: return "'\\r'";
    case 0x09: return "'\\t'";
    case 0x0b: return "'\\v'";
    case 0x27: return "'\\''";
    case 0x5c: return "'\\\\'";
  }
  if (c >= 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  if (c < 0x80) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  if (PRINTABLE.test(String.fromCharCode(c))) return `'${String.fromCharCode(c)}'`;
  return `'\\u${c.toString(16).padStart(4, '0')}'`;
}
