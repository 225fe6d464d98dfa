/**
 * Grafana's slugs (lower-case words joined by "-", from a dashboard title) and generated
 * unique identifiers (short random uids as Grafana's GenerateShortUID makes).
 */
import { createHash, randomBytes } from 'node:crypto';

const MAX_SLUG = 50;

/** The URL slug of a title: "Production Overview" -> "production-overview". */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > 0 && s.length <= MAX_SLUG) return s;
  if (s.length > MAX_SLUG) return s.slice(0, MAX_SLUG).replace(/-+$/, '');
  // Titles without any latin letter or digit: a stable hash, as Grafana falls back to.
  return createHash('sha1').update(title).digest('hex').slice(0, 12);
}

const UID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new random uid: 14 characters, a letter first. */
export function generateUid(): string {
  const b = randomBytes(14);
  let s = UID_ALPHABET[(b[0] as number) % 26] as string;
  for (let i = 1; i < 14; i++) s += UID_ALPHABET[(b[i] as number) % UID_ALPHABET.length] as string;
  return s;
}

/** A uid derived from a name (stable across restarts): for provisioned folders and data sources. */
export function stableUid(kind: string, name: string): string {
  return 'v' + createHash('sha256').update(kind).update('\u0000').update(name).digest('hex').slice(0, 13);
}

/** Grafana's rule for uids: at most 40 characters of [a-zA-Z0-9-_]. */
export function uidError(uid: string): string | null {
  if (uid.length > 40) return 'uid too long, max 40 characters';
  if (!/^[a-zA-Z0-9\-_]*$/.test(uid)) return 'uid contains illegal characters';
  return null;
}
