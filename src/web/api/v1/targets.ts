/**
 * /api/v1/targets, /api/v1/scrape_pools, /api/v1/targets/metadata and /api/v1/alertmanagers:
 * the scrape manager's and notifier's view in upstream's JSON shape.
 */
import type { Matcher } from '../../../model/labels/index.js';
import { parseMetricSelector } from '../../../promql/parser/index.js';
import type { ApiContext } from './context.js';
import type { ActiveTarget, DroppedTarget } from './deps.js';
import type { ApiResult } from './envelope.js';
import { ApiError, invalidParam } from './errors.js';
import { rfc3339Nano } from './json.js';
import { atoi } from './params.js';

function sortedPools<T>(m: ReadonlyMap<string, readonly T[]>): string[] {
  return [...m.keys()].sort();
}

function activeTargetJson(pool: string, t: ActiveTarget): Record<string, unknown> {
  return {
    discoveredLabels: t.discoveredLabels.toObject(),
    labels: t.labels.toObject(),
    scrapePool: pool,
    scrapeUrl: t.scrapeUrl,
    globalUrl: t.globalUrl ?? t.scrapeUrl,
    lastError: t.lastError,
    lastScrape: rfc3339Nano(t.lastScrape),
    lastScrapeDuration: t.lastScrapeDuration,
    health: t.health,
    scrapeInterval: t.scrapeInterval,
    scrapeTimeout: t.scrapeTimeout,
  };
}

/** GET /api/v1/targets?state=active|dropped|any&scrapePool=... */
export function targets(c: ApiContext): ApiResult {
  const scrapePool = c.form.urlGet('scrapePool');
  const state = c.form.urlGet('state').toLowerCase();
  const showActive = state === '' || state === 'any' || state === 'active';
  const showDropped = state === '' || state === 'any' || state === 'dropped';
  const tp = c.deps.targets;
  const activeTargets: unknown[] = [];
  const droppedTargets: unknown[] = [];
  let droppedTargetCounts: Readonly<Record<string, number>> | null = null;
  if (showActive && tp) {
    const active = tp.targetsActive();
    for (const pool of sortedPools(active)) {
      if (scrapePool !== '' && pool !== scrapePool) continue;
      for (const t of active.get(pool) ?? []) activeTargets.push(activeTargetJson(pool, t));
    }
  }
  if (showDropped) {
    droppedTargetCounts = tp ? tp.targetsDroppedCounts() : {};
    if (tp) {
      const dropped: ReadonlyMap<string, readonly DroppedTarget[]> = tp.targetsDropped();
      for (const pool of sortedPools(dropped)) {
        if (scrapePool !== '' && pool !== scrapePool) continue;
        for (const t of dropped.get(pool) ?? []) {
          droppedTargets.push({ discoveredLabels: t.discoveredLabels.toObject(), scrapePool: pool });
        }
      }
    }
  }
  return { data: { activeTargets, droppedTargets, droppedTargetCounts } };
}

/** GET /api/v1/scrape_pools */
export function scrapePools(c: ApiContext): ApiResult {
  const tp = c.deps.targets;
  const names = tp?.scrapePools ? tp.scrapePools() : tp ? [...tp.targetsActive().keys()] : [];
  return { data: { scrapePools: [...names].sort() } };
}

/** A `limit` of the metadata endpoints: -1 when absent; "limit must be a number" otherwise. */
export function metadataLimit(c: ApiContext, name: string): number {
  const s = c.form.get(name);
  if (s === '') return -1;
  try {
    return atoi(s);
  } catch {
    throw new ApiError('bad_data', `${name} must be a number`);
  }
}

/** GET /api/v1/targets/metadata?match_target=...&metric=...&limit=... */
export function targetMetadata(c: ApiContext): ApiResult {
  const limit = metadataLimit(c, 'limit');
  const matchTarget = c.form.get('match_target');
  let matchers: Matcher[] = [];
  if (matchTarget !== '') {
    try {
      matchers = parseMetricSelector(matchTarget);
    } catch (e) {
      throw invalidParam('match_target', e);
    }
  }
  const metric = c.form.get('metric');
  const res: unknown[] = [];
  const active = c.deps.targets?.targetsActive() ?? new Map<string, readonly ActiveTarget[]>();
  for (const list of active.values()) {
    for (const t of list) {
      if (limit >= 0 && res.length >= limit) break;
      if (matchTarget !== '' && !matchers.every((m) => m.matches(t.labels.get(m.name)))) continue;
      const target = t.labels.toObject();
      if (metric === '') {
        for (const md of t.listMetadata?.() ?? []) {
          res.push({ target, metric: md.metricFamily, type: md.type, help: md.help, unit: md.unit });
        }
        continue;
      }
      const md = t.getMetadata?.(metric);
      if (md) res.push({ target, type: md.type, help: md.help, unit: md.unit });
    }
  }
  return { data: res };
}

/** GET /api/v1/alertmanagers */
export function alertmanagers(c: ApiContext): ApiResult {
  const ap = c.deps.alertmanagers;
  return {
    data: {
      activeAlertmanagers: (ap?.alertmanagers() ?? []).map((url) => ({ url })),
      droppedAlertmanagers: (ap?.droppedAlertmanagers() ?? []).map((url) => ({ url })),
    },
  };
}
