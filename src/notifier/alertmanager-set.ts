/**
 * One `alerting.alertmanagers` entry: its HTTP client, and the Alertmanagers its target groups
 * yield after relabeling (`__scheme__`, `__address__`, `__alerts_path__` make the URL).
 */
import type { AlertmanagerConfig } from '../config/index.js';
import type { TargetGroup } from '../discovery/index.js';
import { Labels } from '../model/labels/index.js';
import { LabelsBuilder, processBuilder } from '../model/relabel/index.js';
import { AlertPoster } from './http-post.js';

export const ALERTS_PATH_LABEL = '__alerts_path__';

/** path.Join("/", prefix, "/api/v2/alerts"). */
export function postPath(prefix: string, apiVersion: string): string {
  const parts = `/${prefix}/api/${apiVersion || 'v2'}/alerts`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

export function alertmanagerURL(ls: Labels): string {
  return `${ls.get('__scheme__')}://${ls.get('__address__')}${ls.get(ALERTS_PATH_LABEL)}`;
}

export interface AlertmanagerTargets {
  active: Labels[];
  dropped: Labels[];
}

/** Alertmanagers of one target group (upstream AlertmanagerFromGroup); throws on a URL-like address. */
export function alertmanagersFromGroup(tg: TargetGroup, cfg: AlertmanagerConfig): AlertmanagerTargets {
  const res: AlertmanagerTargets = { active: [], dropped: [] };
  const lb = new LabelsBuilder();
  for (const t of tg.targets) {
    lb.reset(t);
    lb.set('__scheme__', cfg.scheme);
    lb.set(ALERTS_PATH_LABEL, postPath(cfg.path_prefix, cfg.api_version));
    tg.labels.forEach((n, v) => {
      if (!t.has(n)) lb.set(n, v);
    });
    const pre = lb.labels();
    if (!processBuilder(lb, cfg.relabel_configs)) {
      res.dropped.push(pre);
      continue;
    }
    const addr = lb.get('__address__');
    if (addr.includes('/')) throw new Error(`"${addr}" is not a valid hostname`);
    res.active.push(lb.labels());
  }
  return res;
}

export class AlertmanagerSet {
  readonly poster: AlertPoster;
  private ams: string[] = [];
  private droppedAms: string[] = [];

  constructor(readonly cfg: AlertmanagerConfig, userAgent: string) {
    this.poster = new AlertPoster(cfg, userAgent);
  }

  /** Replaces the Alertmanagers with those of the groups (duplicate URLs once). */
  sync(groups: readonly TargetGroup[], onError: (err: unknown) => void): void {
    const active = new Set<string>();
    const dropped: string[] = [];
    for (const tg of groups) {
      let r: AlertmanagerTargets;
      try {
        r = alertmanagersFromGroup(tg, this.cfg);
      } catch (e) {
        onError(e);
        continue;
      }
      for (const ls of r.active) active.add(alertmanagerURL(ls));
      for (const ls of r.dropped) dropped.push(alertmanagerURL(ls));
    }
    this.ams = [...active];
    this.droppedAms = dropped;
  }

  /** Keeps the discovered Alertmanagers of an older set with the same config. */
  adopt(old: AlertmanagerSet): void {
    this.ams = old.ams;
    this.droppedAms = old.droppedAms;
  }

  urls(): readonly string[] {
    return this.ams;
  }

  droppedURLs(): readonly string[] {
    return this.droppedAms;
  }

  close(): void {
    this.poster.close();
  }
}

export { Labels };
