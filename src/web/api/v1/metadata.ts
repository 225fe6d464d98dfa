/** /api/v1/metadata: metric metadata over all active targets, de-duplicated per metric name. */
import type { ApiContext } from './context.js';
import type { MetricMetadata } from './deps.js';
import type { ApiResult } from './envelope.js';
import { metadataLimit } from './targets.js';

interface Entry {
  type: string;
  help: string;
  unit: string;
}

export function metricMetadata(c: ApiContext): ApiResult {
  const limit = metadataLimit(c, 'limit');
  const limitPerMetric = metadataLimit(c, 'limit_per_metric');
  const metric = c.form.get('metric');
  const metrics = new Map<string, Map<string, Entry>>();
  const add = (md: MetricMetadata): void => {
    let set = metrics.get(md.metricFamily);
    if (limitPerMetric > 0 && set !== undefined && set.size >= limitPerMetric) return;
    if (set === undefined) {
      set = new Map();
      metrics.set(md.metricFamily, set);
    }
    const e = { type: md.type, help: md.help, unit: md.unit };
    set.set(`${e.type}\x00${e.help}\x00${e.unit}`, e);
  };
  for (const list of c.deps.targets?.targetsActive().values() ?? []) {
    for (const t of list) {
      if (metric === '') {
        for (const md of t.listMetadata?.() ?? []) add(md);
        continue;
      }
      const md = t.getMetadata?.(metric);
      if (md) add(md);
    }
  }
  const res: Record<string, Entry[]> = {};
  let n = 0;
  for (const [name, set] of metrics) {
    if (limit >= 0 && n >= limit) break;
    res[name] = [...set.values()];
    n++;
  }
  return { data: res };
}
