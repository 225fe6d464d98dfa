/**
 * Appending one scrape body (upstream scrapeLoopAppender.append): parse by Content-Type, look
 * each series up in the scrape cache (a hit skips label parsing and relabeling), apply limits,
 * count out-of-order / duplicate / out-of-bounds samples instead of failing, and write stale
 * markers for series that disappeared. A fatal error (parse error, limit) is returned with the
 * counts so far; the caller rolls the appender back.
 */
import type { Labels } from '../model/labels/index.js';
import {
  EntryComment,
  EntryEOF,
  EntryHelp,
  EntryHistogram,
  EntryType,
  EntryUnit,
  newParser,
  type BodyScratch,
  type Parser,
} from '../model/textparse/index.js';
import { isStaleNaN, StaleNaN } from '../model/value/index.js';
import {
  type Appender,
  DuplicateSampleForTimestampError,
  OutOfBoundsError,
  OutOfOrderSampleError,
  type SeriesRef,
} from '../storage/index.js';
import type { CacheEntry, ScrapeCache } from './scrape-cache.js';
import { checkDuplicateNames, type LabelLimits, labelsValid, SampleLabelsError, verifyLabelLimits } from './sample-labels.js';

export class SampleLimitError extends Error {
  override name = 'SampleLimitError';
  constructor() {
    super('sample limit exceeded');
  }
}

export interface AppendOptions {
  cache: ScrapeCache;
  honorTimestamps: boolean;
  trackTimestampsStaleness: boolean;
  sampleLimit: number;
  labelLimits: LabelLimits;
  validationScheme: 'utf8' | 'legacy';
  fallbackMediaType: string;
  sampleMutator: (lset: Labels) => Labels | null;
  /** Called with counts of samples skipped for out-of-order, duplicate, out-of-bounds. */
  onAppendErrors?: (outOfOrder: number, duplicates: number, outOfBounds: number) => void;
  onWarning?: (msg: string) => void;
  /** Reused for the parser's copy of the body (one per scrape loop). */
  scratch?: BodyScratch;
  /** ms since epoch, for the "too far in the future" bound. */
  now: number;
}

export interface AppendResult {
  total: number;
  added: number;
  seriesAdded: number;
  /** The sample limit was hit (the error may be another one that came first). */
  sampleLimitExceeded: boolean;
  err: Error | null;
}

/** Samples more than this far in the future are out of bounds (upstream maxAheadTime). */
const MAX_AHEAD = 10 * 60 * 1000;
/** Yield to the event loop every this many entries so a huge scrape does not starve others. */
const YIELD_EVERY = 16384;

/** Node's Buffer has an undocumented latin1Slice(start, end), toString('latin1') minus argument checks. */
type Latin1Slicer = Buffer & { latin1Slice(start: number, end: number): string };
const HAS_LATIN1_SLICE = typeof (Buffer.prototype as Partial<Latin1Slicer>).latin1Slice === 'function';

/** The cache key of a series: its bytes as latin1 (one char per byte, so distinct bytes give distinct keys). */
function seriesKey(bytes: Uint8Array, start: number, end: number): string {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return HAS_LATIN1_SLICE ? (b as Latin1Slicer).latin1Slice(start, end) : b.toString('latin1', start, end);
}

/** Writes StaleNaN for every series seen last scrape but not in this one. */
export function updateStaleMarkers(app: Appender, cache: ScrapeCache, t: number): Error | null {
  let err: Error | null = null;
  cache.forEachStale((ref, lset) => {
    try {
      app.append(ref, lset, t, StaleNaN);
    } catch (e) {
      if (e instanceof OutOfOrderSampleError || e instanceof DuplicateSampleForTimestampError) return true;
      err = e instanceof Error ? e : new Error(String(e));
      return false;
    }
    return true;
  });
  return err;
}

class AppendState {
  /** The cache probe of the current line (see probe()): its byte range, key and lookup result. */
  keyStart = -1;
  keyEnd = -1;
  key = '';
  entry: CacheEntry | undefined = undefined;
  dropped = false;
  total = 0;
  added = 0;
  seriesAdded = 0;
  appended = 0;
  sampleLimitErr: Error | null = null;
  ooo = 0;
  dup = 0;
  oob = 0;
}

/** Appends a scraped body; an empty body only writes stale markers. */
export async function appendScrape(app: Appender, body: Uint8Array, contentType: string, defTime: number, o: AppendOptions): Promise<AppendResult> {
  const cache = o.cache;
  if (body.length === 0) {
    const err = updateStaleMarkers(app, cache, defTime);
    cache.iterDone(false);
    return { total: 0, added: 0, seriesAdded: 0, sampleLimitExceeded: false, err };
  }
  const st = new AppendState();
  cache.beginScrape();
  let err: Error | null = null;
  try {
    const knownSeries = (b: Uint8Array, s: number, e: number): boolean => probe(cache, st, b, s, e);
    const p = newParser(body, contentType, { fallbackContentType: o.fallbackMediaType, onWarning: o.onWarning, knownSeries, scratch: o.scratch, interner: cache.strings });
    await appendEntries(app, p, defTime, o, st);
  } catch (e) {
    err = e instanceof Error ? e : new Error(String(e));
  }
  if (st.sampleLimitErr !== null && err === null) err = st.sampleLimitErr;
  if (st.ooo + st.dup + st.oob > 0) o.onAppendErrors?.(st.ooo, st.dup, st.oob);
  if (err === null) err = updateStaleMarkers(app, cache, defTime);
  if (err === null) cache.iterDone(true);
  return { total: st.total, added: st.added, seriesAdded: st.seriesAdded, sampleLimitExceeded: st.sampleLimitErr !== null, err };
}

/**
 * Looks a line's series text up in the cache before the parser lexes its labels (upstream keys
 * the cache on p.Series() bytes the same way); the result is kept for the entry the parser
 * returns. True for a cached or dropped series: its labels are not needed.
 */
function probe(cache: ScrapeCache, st: AppendState, b: Uint8Array, s: number, e: number): boolean {
  const key = seriesKey(b, s, e);
  const ce = cache.lookup(key);
  st.keyStart = s;
  st.keyEnd = e;
  st.key = key;
  st.entry = ce;
  st.dropped = ce === undefined && cache.getDropped(key);
  return ce !== undefined || st.dropped;
}

async function appendEntries(app: Appender, p: Parser, defTime: number, o: AppendOptions, st: AppendState): Promise<void> {
  const cache = o.cache;
  const maxTime = o.now + MAX_AHEAD;
  for (;;) {
    const et = p.next();
    if (et === EntryEOF) return;
    switch (et) {
      case EntryType: {
        const m = p.type();
        cache.setType(m.name, m.value);
        continue;
      }
      case EntryHelp: {
        const m = p.help();
        cache.setHelp(m.name, m.value);
        continue;
      }
      case EntryUnit: {
        const m = p.unit();
        cache.setUnit(m.name, m.value);
        continue;
      }
      case EntryComment:
      case EntryHistogram:
        continue;
      default:
        break;
    }
    st.total++;
    if ((st.total & (YIELD_EVERY - 1)) === 0) await new Promise<void>((r) => setImmediate(r));
    const s = p.series();
    const parsedTs = o.honorTimestamps ? s.timestamp : null;
    const t = parsedTs ?? defTime;
    const v = s.value;
    let key: string;
    let ce: CacheEntry | undefined;
    if (st.keyStart === s.start && st.keyEnd === s.end) {
      key = st.key;
      ce = st.entry;
      st.keyStart = -1;
      if (st.dropped) continue;
    } else {
      key = seriesKey(s.bytes, s.start, s.end);
      ce = cache.lookup(key);
      if (ce === undefined && cache.getDropped(key)) continue;
    }
    let alreadyScraped = false;
    let lset: Labels;
    let ref: SeriesRef = 0;
    if (ce !== undefined) {
      alreadyScraped = cache.touch(ce);
      cache.record(ce);
      ref = ce.ref;
      lset = ce.lset;
    } else {
      const parsed = p.labels();
      checkDuplicateNames(parsed);
      const mutated = o.sampleMutator(parsed);
      if (mutated === null) {
        cache.addDropped(key);
        continue;
      }
      lset = mutated;
      if (!lset.has('__name__')) throw new SampleLabelsError('missing metric name (__name__ label)');
      if (!labelsValid(lset, o.validationScheme)) throw new SampleLabelsError(`invalid metric name or label names: ${lset.toString()}`);
      verifyLabelLimits(lset, o.labelLimits);
    }
    let sampleAdded = false;
    if (alreadyScraped && parsedTs === null) {
      st.dup++;
    } else if (o.sampleLimit > 0 && (ref === 0 || !isStaleNaN(v)) && ++st.appended > o.sampleLimit) {
      st.sampleLimitErr ??= new SampleLimitError();
    } else if (t > maxTime) {
      st.oob++;
    } else {
      try {
        ref = app.append(ref, lset, t, v);
        sampleAdded = true;
      } catch (e) {
        if (e instanceof OutOfOrderSampleError) st.ooo++;
        else if (e instanceof DuplicateSampleForTimestampError) st.dup++;
        else if (e instanceof OutOfBoundsError) st.oob++;
        else throw e;
      }
      if (sampleAdded) {
        if (ce !== undefined && ref !== 0) cache.updateRef(ce, ref);
        if ((parsedTs === null || o.trackTimestampsStaleness) && ce !== undefined) cache.trackStaleness(ce);
      }
    }
    if (ce === undefined && sampleAdded) {
      ce = cache.addRef(key, ref, lset);
      cache.record(ce);
      if (parsedTs === null || o.trackTimestampsStaleness) cache.trackStaleness(ce);
      if (st.sampleLimitErr === null) st.seriesAdded++;
    }
    st.added++;
  }
}
