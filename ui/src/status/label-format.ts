/** Label names and values written as PromQL writes them (for badges and copyable text). */

/** Escapes backslashes and double quotes for a double-quoted PromQL string. */
export function escapeString(s: string): string {
  return s.replace(/([\\"])/g, '\\$1');
}

/** A label name, quoted when it is outside the legacy charset (UTF-8 label names). */
export function maybeQuoteLabelName(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? name : `"${escapeString(name)}"`;
}

/** `name="value"`. */
export function formatLabel(name: string, value: string): string {
  return `${maybeQuoteLabelName(name)}="${escapeString(value)}"`;
}
