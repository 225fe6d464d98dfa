/**
 * Segment files of a write-ahead log: naming (8-digit sequence numbers), listing, and the
 * fragment framing constants shared by the writer and the reader (Prometheus tsdb/wlog).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WalError } from './errors.js';

export const DEFAULT_SEGMENT_SIZE = 128 * 1024 * 1024;
export const PAGE_SIZE = 32 * 1024;
/** type byte + 2-byte length + 4-byte crc32c. */
export const RECORD_HEADER_SIZE = 7;

/** Fragment types (low 3 bits of the header byte). */
export const FragmentType = {
  PageTerm: 0,
  Full: 1,
  First: 2,
  Middle: 3,
  Last: 4,
} as const;
export type FragmentType = (typeof FragmentType)[keyof typeof FragmentType];

export const SNAPPY_MASK = 0x08;
export const ZSTD_MASK = 0x10;
export const FRAGMENT_TYPE_MASK = 0x07;

/** Receives the log's warnings (torn tails, repairs). */
export interface WalLogger {
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  info?(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const nopLogger: WalLogger = { warn: () => {} };

/** A range of segments in one directory; first/last of -1 leave that end open. */
export interface SegmentRange {
  dir: string;
  first: number;
  last: number;
}

export interface SegmentRef {
  name: string;
  index: number;
}

export function segmentName(dir: string, i: number): string {
  return join(dir, String(i).padStart(8, '0'));
}

const SEGMENT_RE = /^\d+$/;

/** Segments of dir sorted by index; throws if they are not sequential. */
export function listSegments(dir: string): SegmentRef[] {
  const refs: SegmentRef[] = [];
  for (const name of readdirSync(dir)) {
    if (!SEGMENT_RE.test(name)) continue;
    const index = Number(name);
    if (!Number.isSafeInteger(index)) continue;
    refs.push({ name, index });
  }
  refs.sort((a, b) => a.index - b.index);
  for (let i = 0; i + 1 < refs.length; i++) {
    if ((refs[i] as SegmentRef).index + 1 !== (refs[i + 1] as SegmentRef).index) {
      throw new WalError('segments are not sequential');
    }
  }
  return refs;
}

/** The range [first, last] of existing segments; -1, -1 when there are none. */
export function segmentRange(dir: string): { first: number; last: number } {
  const refs = listSegments(dir);
  if (refs.length === 0) return { first: -1, last: -1 };
  return { first: (refs[0] as SegmentRef).index, last: (refs[refs.length - 1] as SegmentRef).index };
}
