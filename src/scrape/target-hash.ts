/**
 * The hashes that identify a target and spread its scrapes over the interval, as upstream
 * computes them: labels.Hash() (from src/model/labels) and FNV-1a 64. BigInt
 * arithmetic: these run once per target per sync, never per sample.
 */
import { labelsHash, type Labels } from '../model/labels/index.js';

const M64 = (1n << 64n) - 1n;

const FNV_OFFSET = 14695981039346656037n;
const FNV_PRIME = 1099511628211n;

/** FNV-1a 64 of the UTF-8 bytes of s. */
export function fnv64a(s: string): bigint {
  let h = FNV_OFFSET;
  for (const c of Buffer.from(s, 'utf8')) {
    h ^= BigInt(c);
    h = (h * FNV_PRIME) & M64;
  }
  return h;
}

/** Target.hash(): FNV-1a over the zero-padded decimal labels hash and the scrape URL. */
export function targetHash(ls: Labels, url: string): bigint {
  return fnv64a(labelsHash(ls).toString().padStart(16, '0') + url);
}

/**
 * Target.offset(): ms until the target's first scrape, pinned to absolute time so that every
 * Vigil with the same seed scrapes a target at the same phase of the interval.
 */
export function scrapeOffset(hash: bigint, intervalMs: number, seed: bigint, nowMs: number): number {
  if (intervalMs <= 0) return 0;
  const interval = BigInt(Math.round(intervalMs)) * 1_000_000n;
  const now = BigInt(Math.round(nowMs)) * 1_000_000n;
  const base = interval - (now % interval);
  const offset = (hash ^ seed) % interval;
  let next = base + offset;
  if (next > interval) next -= interval;
  return Number(next / 1_000_000n);
}
