/**
 * GET /api/v1/features: the server's feature registry (upstream util/features), categories
 * (api, promql_functions, scrape, ...) mapping feature names to whether they are enabled.
 * Keys come out sorted, as Go marshals maps.
 */
import type { ApiContext } from './context.js';
import type { ApiResult } from './envelope.js';

function sortedBooleans(m: Readonly<Record<string, boolean>>): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k] === true;
  return out;
}

export function features(c: ApiContext): ApiResult {
  const all = c.deps.features?.() ?? {};
  const out: Record<string, Record<string, boolean>> = {};
  for (const cat of Object.keys(all).sort()) out[cat] = sortedBooleans(all[cat] ?? {});
  return { data: out };
}
