/**
 * Target label building (upstream PopulateDiscoveredLabels / PopulateLabels): discovered labels
 * plus the scrape config's defaults, target relabeling, the address and interval checks, the
 * removal of __meta_* labels and the `instance` default.
 */
import { goQuote } from '../model/strconv/index.js';
import { Labels } from '../model/labels/index.js';
import { LabelsBuilder, processBuilder } from '../model/relabel/index.js';
import { formatModelDuration, parseModelDuration } from './duration.js';
import type { ResolvedScrapeConfig } from './scrape-config.js';

export const ADDRESS_LABEL = '__address__';
export const SCHEME_LABEL = '__scheme__';
export const METRICS_PATH_LABEL = '__metrics_path__';
export const SCRAPE_INTERVAL_LABEL = '__scrape_interval__';
export const SCRAPE_TIMEOUT_LABEL = '__scrape_timeout__';
export const META_LABEL_PREFIX = '__meta_';
export const CONVERT_NHCB_LABEL = '__convert_classic_histograms_to_nhcb__';
export const ALWAYS_SCRAPE_CLASSIC_LABEL = '__always_scrape_classic_histograms__';
export const SCRAPE_NATIVE_HISTOGRAMS_LABEL = '__scrape_native_histograms__';

/** A target that cannot be built; message as upstream. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/** Base labels before relabeling: target labels win over group labels, then config defaults. */
export function populateDiscoveredLabels(cfg: ResolvedScrapeConfig, tLabels: Labels, tgLabels: Labels): LabelsBuilder {
  const lb = new LabelsBuilder();
  lb.reset(tLabels);
  tgLabels.forEach((n, v) => {
    if (!tLabels.has(n)) lb.set(n, v);
  });
  const defaults: [string, string][] = [
    ['job', cfg.jobName],
    [SCRAPE_INTERVAL_LABEL, formatModelDuration(cfg.interval)],
    [SCRAPE_TIMEOUT_LABEL, formatModelDuration(cfg.timeout)],
    [METRICS_PATH_LABEL, cfg.metricsPath],
    [SCHEME_LABEL, cfg.scheme],
    [CONVERT_NHCB_LABEL, String(cfg.convertClassicHistogramsToNHCB)],
    [ALWAYS_SCRAPE_CLASSIC_LABEL, String(cfg.alwaysScrapeClassicHistograms)],
    [SCRAPE_NATIVE_HISTOGRAMS_LABEL, String(cfg.scrapeNativeHistograms)],
  ];
  for (const [n, v] of defaults) if (lb.get(n) === '') lb.set(n, v);
  for (const [k, v] of Object.entries(cfg.params)) {
    const name = '__param_' + k;
    if (v.length > 0 && lb.get(name) === '') lb.set(name, v[0] as string);
  }
  return lb;
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

function durationCheck(lb: LabelsBuilder, name: string, what: string): number {
  const v = lb.get(name);
  let d: number;
  try {
    d = parseModelDuration(v);
  } catch (e) {
    throw new TargetError(`error parsing scrape ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (d === 0) throw new TargetError(`scrape ${what} cannot be 0`);
  return d;
}

/**
 * The final labels of a target, or null when relabeling dropped it. Throws TargetError for an
 * invalid target (no address, a URL as address, bad interval/timeout, invalid label value).
 */
export function populateLabels(cfg: ResolvedScrapeConfig, tLabels: Labels, tgLabels: Labels): Labels | null {
  const lb = populateDiscoveredLabels(cfg, tLabels, tgLabels);
  if (!processBuilder(lb, cfg.relabelConfigs)) return null;
  const addr = lb.get(ADDRESS_LABEL);
  if (addr === '') throw new TargetError('no address');
  if (addr.includes('/')) throw new TargetError(`${goQuote(addr)} is not a valid hostname`);
  const interval = durationCheck(lb, SCRAPE_INTERVAL_LABEL, 'interval');
  const timeout = durationCheck(lb, SCRAPE_TIMEOUT_LABEL, 'timeout');
  if (timeout > interval) {
    throw new TargetError(
      `scrape timeout cannot be greater than scrape interval (${goQuote(lb.get(SCRAPE_TIMEOUT_LABEL))} > ${goQuote(lb.get(SCRAPE_INTERVAL_LABEL))})`,
    );
  }
  for (const [name, desc] of [
    [CONVERT_NHCB_LABEL, 'convert classic histograms to nhcb'],
    [ALWAYS_SCRAPE_CLASSIC_LABEL, 'always scrape classic histograms'],
    [SCRAPE_NATIVE_HISTOGRAMS_LABEL, 'scrape native histograms'],
  ] as const) {
    const v = lb.get(name);
    if (v !== '' && !['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) {
      throw new TargetError(`error parsing ${desc}: strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`);
    }
  }
  const names: string[] = [];
  lb.collect(names, []);
  for (const n of names) if (n.startsWith(META_LABEL_PREFIX)) lb.del(n);
  if (lb.get('instance') === '') lb.set('instance', addr);
  const res = lb.labels();
  const p = res.pairs;
  for (let i = 0; i < p.length; i += 2) {
    if (!isWellFormed(p[i + 1] as string)) {
      throw new TargetError(`invalid label value for ${goQuote(p[i] as string)}: ${goQuote(p[i + 1] as string)}`);
    }
  }
  return res;
}
