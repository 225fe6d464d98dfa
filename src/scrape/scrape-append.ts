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
import type { ScrapeCache } from './scrape-cache.js';
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
  /** ms since epoch, for the "too far in the future" bound. */
  now: number;
}

export interface AppendResult {
  total: number;
  added: number;
  seriesAdded: number;
  err: Error | null;
}

/** Samples more than this far in the future are out of bounds (upstream maxAheadTime). */
const MAX_AHEAD = 10 * 60 * 1000;
/** Yield to the event loop every this many entries so a huge scrape does not starve others. */
const YIELD_EVERY = 16384;

function seriesKey(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.isBuffer(bytes)
    ? bytes.toString('latin1', start, end)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
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
    return { total: 0, added: 0, seriesAdded: 0, err };
  }
  const st = new AppendState();
  let err: Error | null = null;
  try {
    const p = newParser(body, contentType, { fallbackContentType: o.fallbackMediaType, onWarning: o.onWarning });
    await appendEntries(app, p, defTime, o, st);
  } catch (e) {
    err = e instanceof Error ? e : new Error(String(e));
  }
  if (st.sampleLimitErr !== null && err === null) err = st.sampleLimitErr;
  if (st.ooo + st.dup + st.oob > 0) o.onAppendErrors?.(st.ooo, st.dup, st.oob);
  if (err === null) err = updateStaleMarkers(app, cache, defTime);
  if (err === null) cache.iterDone(true);
  return { total: st.total, added: st.added, seriesAdded: st.seriesAdded, err };
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
    const key = seriesKey(s.bytes, s.start, s.end);
    let ce = cache.series.get(key);
    if (ce === undefined && cache.getDropped(key)) continue;
    let alreadyScraped = false;
    let lset: Labels;
    let ref: SeriesRef = 0;
    if (ce !== undefined) {
      alreadyScraped = cache.touch(ce);
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
      if (parsedTs === null || o.trackTimestampsStaleness) cache.trackStaleness(ce);
      if (st.sampleLimitErr === null) st.seriesAdded++;
    }
    st.added++;
  }
}
