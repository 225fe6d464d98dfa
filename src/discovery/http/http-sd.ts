/**
 * http_sd_configs (upstream discovery/http): GET the URL every refresh_interval; a 200 with a
 * JSON content type carrying a list of target groups replaces the previous answer. Groups are
 * numbered `<url>:<i>` and labelled __meta_url; groups that went away are sent empty.
 */
import { parseTargetGroupsJson, type HTTPSDConfig } from '../../config/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { RefreshDiscoverer } from '../refresh/index.js';
import { Labels } from '../../model/labels/index.js';
import type { Discoverer, DiscovererOptions, TargetGroup } from '../targetgroup/index.js';
import { sdGet } from './client.js';

const URL_LABEL = '__meta_url';
const CONTENT_TYPE = /^application\/json(;\s*charset=("utf-8"|utf-8))?$/i;

export class HTTPDiscoverer implements Discoverer {
  private readonly cfg: HTTPSDConfig;
  private readonly userAgent: string;
  private readonly refresher: RefreshDiscoverer;
  private lastLength = 0;

  constructor(cfg: HTTPSDConfig, o: DiscovererOptions) {
    this.cfg = cfg;
    this.userAgent = o.userAgent ?? 'Vigil';
    this.refresher = new RefreshDiscoverer({
      logger: o.logger,
      clock: o.clock,
      interval: cfg.refresh_interval,
      refresh: (signal) => this.refresh(signal),
    });
  }

  run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    return this.refresher.run(signal, up);
  }

  async refresh(signal: AbortSignal): Promise<TargetGroup[]> {
    const url = this.cfg.url;
    const res = await sdGet(this.cfg, url, {
      signal,
      timeoutMs: this.cfg.refresh_interval,
      headers: {
        'user-agent': this.userAgent,
        accept: 'application/json',
        'x-prometheus-refresh-interval-seconds': String(this.cfg.refresh_interval / 1000),
      },
    });
    if (res.status !== 200) throw new Error(`server returned HTTP status ${res.statusLine}`);
    const ct = res.headers['content-type'] ?? '';
    if (!CONTENT_TYPE.test(ct.trim())) throw new Error(`unsupported content type ${goQuote(ct)}`);
    const parsed = parseTargetGroupsJson(res.body.toString('utf8'));
    const groups: TargetGroup[] = parsed.map((g, i) => ({
      source: `${url}:${i}`,
      targets: g.targets,
      labels: g.labels.with(URL_LABEL, url),
    }));
    for (let i = parsed.length; i < this.lastLength; i++) groups.push({ source: `${url}:${i}`, targets: [], labels: Labels.EMPTY });
    this.lastLength = parsed.length;
    return groups;
  }
}
