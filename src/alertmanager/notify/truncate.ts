/**
 * Truncation of notification texts to an integration's limits (upstream notify.TruncateInRunes
 * and notify.TruncateInBytes of Alertmanager 0.25): the cut text ends in "…" and the second
 * result says whether anything was cut.
 */

/** The character that marks a cut (three bytes in UTF-8). */
export const TRUNCATION_MARKER = '…';

const MARKER_BYTES = 3;

/** Truncates s to at most n runes (code points); the last one becomes "…" when n > 3. */
export function truncateInRunes(s: string, n: number): [string, boolean] {
  if (s.length <= n) return [s, false];
  const runes = Array.from(s);
  if (runes.length <= n) return [s, false];
  if (n <= 3) return [runes.slice(0, Math.max(n, 0)).join(''), true];
  return [runes.slice(0, n - 1).join('') + TRUNCATION_MARKER, true];
}

/**
 * Truncates s to at most n bytes of UTF-8 without splitting a rune; the cut text ends in "…".
 * With n below 3 the result is n dots, with n = 3 the marker alone.
 */
export function truncateInBytes(s: string, n: number): [string, boolean] {
  if (Buffer.byteLength(s, 'utf8') <= n) return [s, false];
  if (n <= MARKER_BYTES) return [n === MARKER_BYTES ? TRUNCATION_MARKER : '.'.repeat(Math.max(n, 0)), true];
  const target = n - MARKER_BYTES;
  const runes = Array.from(s).slice(0, target);
  let bytes = Buffer.byteLength(runes.join(''), 'utf8');
  while (bytes > target) {
    const last = runes.pop() as string;
    bytes -= Buffer.byteLength(last, 'utf8');
  }
  return [runes.join('') + TRUNCATION_MARKER, true];
}
