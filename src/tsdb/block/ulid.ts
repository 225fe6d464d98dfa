/**
 * ULIDs (github.com/oklog/ulid, as Prometheus names blocks): 48-bit millisecond timestamp and
 * 80 bits of randomness, rendered as 26 characters of Crockford base32.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DECODE = new Map<string, number>();
for (let i = 0; i < ALPHABET.length; i++) {
  DECODE.set(ALPHABET[i] as string, i);
  DECODE.set((ALPHABET[i] as string).toLowerCase(), i);
}

const MAX_TIME = 2 ** 48 - 1;

/** A new ULID for time ms (default now). */
export function newULID(ms: number = Date.now(), random: Uint8Array = randomBytes(10)): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) throw new RangeError(`ulid: time ${ms} out of range`);
  if (random.length !== 10) throw new RangeError('ulid: need 10 bytes of randomness');
  let v = BigInt(ms);
  for (const b of random) v = (v << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = (ALPHABET[Number(v & 31n)] as string) + out;
    v >>= 5n;
  }
  return out;
}

/** True if s is a well-formed ULID (26 base32 chars, first one at most '7'). */
export function isULID(s: string): boolean {
  if (s.length !== 26) return false;
  for (const c of s) if (!DECODE.has(c)) return false;
  return (DECODE.get(s[0] as string) as number) <= 7;
}

/** The millisecond timestamp of a ULID. */
export function ulidTime(s: string): number {
  if (!isULID(s)) throw new RangeError(`ulid: invalid ULID ${JSON.stringify(s)}`);
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + (DECODE.get(s[i] as string) as number);
  return t;
}
