/**
 * The storage a promqltest script loads into and queries: the in-memory store by default, or
 * any other Storage (the real TSDB in the conformance suite) behind the same small interface.
 */
import type { Queryable } from '../../storage/index.js';
import { ValueType } from '../../storage/index.js';
import { MemoryStorage } from '../../storage/memory/index.js';
import type { LoadSeries } from './commands.js';

export interface TestStorage extends Queryable {
  /** Appends the samples of a load command (series in any order, samples in time order). */
  append(series: readonly LoadSeries[]): Promise<void>;
  /** Drops all data (the `clear` command). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** The default: every sample, float or histogram, with its start timestamp, in memory. */
export class MemoryTestStorage extends MemoryStorage implements TestStorage {
  append(series: readonly LoadSeries[]): Promise<void> {
    for (const s of series) {
      for (const smp of s.samples) {
        if (smp.h) this.put(s.labels, smp.t, ValueType.FloatHistogram, 0, smp.h.copy(), smp.st);
        else this.put(s.labels, smp.t, ValueType.Float, smp.f, null, smp.st);
      }
    }
    return Promise.resolve();
  }

  override clear(): Promise<void> {
    super.clear();
    return Promise.resolve();
  }
}
