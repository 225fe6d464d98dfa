/**
 * Executing `load` commands: the expanded samples (and, for load_with_nhcb, the derived
 * custom-bucket histograms) go into the test storage.
 */
import type { Labels } from '../../model/labels/index.js';
import type { LoadCmd } from './commands.js';
import { convertClassicToNHCB } from './nhcb.js';
import type { TestStorage } from './test-storage.js';

/**
 * Appends a load command's data and returns the label sets of the loaded series that hold
 * histogram samples. Throws NHCBConversionError when classic histograms do not convert.
 */
export async function applyLoad(storage: TestStorage, cmd: LoadCmd): Promise<Labels[]> {
  const series = [...cmd.series.values()];
  if (cmd.withNHCB) series.push(...convertClassicToNHCB(cmd.series.values()));
  await storage.append(series);
  return series.filter((s) => s.samples.some((smp) => smp.h)).map((s) => s.labels);
}
