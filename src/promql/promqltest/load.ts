/**
 * Executing `load` commands: the expanded samples (and, for load_with_nhcb, the derived
 * custom-bucket histograms) go into the test storage.
 */
import { ValueType } from '../../storage/index.js';
import type { MemoryStorage } from '../../storage/memory/index.js';
import type { LoadCmd, LoadSeries } from './commands.js';
import { convertClassicToNHCB } from './nhcb.js';

function putSeries(storage: MemoryStorage, s: LoadSeries): void {
  for (const smp of s.samples) {
    if (smp.h) storage.put(s.labels, smp.t, ValueType.FloatHistogram, 0, smp.h.copy(), smp.st);
    else storage.put(s.labels, smp.t, ValueType.Float, smp.f, null, smp.st);
  }
}

/** Appends a load command's data. Throws NHCBConversionError when classic histograms do not convert. */
export function applyLoad(storage: MemoryStorage, cmd: LoadCmd): void {
  const extra = cmd.withNHCB ? convertClassicToNHCB(cmd.series.values()) : [];
  for (const s of cmd.series.values()) putSeries(storage, s);
  for (const s of extra) putSeries(storage, s);
}
