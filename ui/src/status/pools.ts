/**
 * Which scrape pools the targets and service-discovery pages show: the one chosen in the URL, or
 * all of them, or (past POOL_DISPLAY_LIMIT pools, as upstream does) only the first one.
 */

export const POOL_DISPLAY_LIMIT = 20;

export function poolsToShow(pools: readonly string[], chosen: string): { selected: string; limited: boolean } {
  if (chosen !== '') return { selected: chosen, limited: false };
  if (pools.length > POOL_DISPLAY_LIMIT) return { selected: pools[0] ?? '', limited: true };
  return { selected: '', limited: false };
}
