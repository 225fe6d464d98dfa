/**
 * limit_ratio's series sampling (upstream HashRatioSampler) over labels.Hash(), which must agree
 * bit for bit with upstream; the hash itself lives in src/model/labels.
 */
import { labelsHash as computeLabelsHash, type Labels } from '../../model/labels/index.js';

const hashCache = new WeakMap<Labels, bigint>();

/** labels.Hash(), cached per label set (a series keeps its Labels object across steps). */
export function labelsHash(ls: Labels): bigint {
  let h = hashCache.get(ls);
  if (h === undefined) {
    h = computeLabelsHash(ls);
    hashCache.set(ls, h);
  }
  return h;
}

const MAX_UINT64_AS_FLOAT = 18446744073709551615;

/** HashRatioSampler.SampleOffset: float64(labels.Hash()) / float64(MaxUint64), in [0, 1]. */
export function sampleOffset(ls: Labels): number {
  return Number(labelsHash(ls)) / MAX_UINT64_AS_FLOAT;
}

/** HashRatioSampler.AddRatioSampleWithOffset. */
export function addRatioSample(ratioLimit: number, ls: Labels): boolean {
  const off = sampleOffset(ls);
  return (ratioLimit >= 0 && off < ratioLimit) || (ratioLimit < 0 && off >= 1.0 + ratioLimit);
}
