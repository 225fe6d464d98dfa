/**
 * Turning discovered target groups into targets (upstream TargetsFromGroup).
 */
import { Labels } from '../model/labels/index.js';
import { populateLabels } from './populate-labels.js';
import type { ResolvedScrapeConfig } from './scrape-config.js';
import { Target } from './target.js';

/** A group of targets from one discovery source (discovery/targetgroup.Group). */
export interface TargetGroup {
  readonly source: string;
  readonly targets: readonly Labels[];
  readonly labels: Labels;
}

/** Targets of a group (dropped ones have empty labels) and the errors of invalid ones. */
export function targetsFromGroup(tg: TargetGroup, cfg: ResolvedScrapeConfig): { targets: Target[]; failures: Error[] } {
  const targets: Target[] = [];
  const failures: Error[] = [];
  for (let i = 0; i < tg.targets.length; i++) {
    const tLabels = tg.targets[i] as Labels;
    try {
      const lset = populateLabels(cfg, tLabels, tg.labels);
      targets.push(new Target(lset ?? Labels.EMPTY, cfg, tLabels, tg.labels));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      failures.push(new Error(`instance ${i} in group ${tg.source}: ${msg}`));
    }
  }
  return { targets, failures };
}
