/**
 * static_configs (the groups written in the config, coalesced per job) and the stand-in for
 * the mechanisms Vigil validates but does not run.
 */
import type { StaticSDConfig } from '../config/index.js';
import type { Discoverer, DiscoveryLogger, TargetGroup } from './targetgroup/index.js';

/** Sends the configured groups once, then waits to be stopped. */
export class StaticDiscoverer implements Discoverer {
  private readonly groups: TargetGroup[];

  constructor(cfg: Pick<StaticSDConfig, 'groups'>) {
    this.groups = cfg.groups.map((g) => ({ source: g.source, targets: g.targets, labels: g.labels }));
  }

  run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    up(this.groups);
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}

/** A mechanism Vigil does not run: says so once (per manager) and yields no targets. */
export class UnsupportedDiscoverer implements Discoverer {
  private readonly mechanism: string;
  private readonly logger: DiscoveryLogger;
  private readonly warned: Set<string>;

  constructor(mechanism: string, logger: DiscoveryLogger, warned: Set<string>) {
    this.mechanism = mechanism;
    this.logger = logger;
    this.warned = warned;
  }

  run(signal: AbortSignal): Promise<void> {
    if (!this.warned.has(this.mechanism)) {
      this.warned.add(this.mechanism);
      this.logger.warn(`${this.mechanism} service discovery is not supported by Vigil; no targets`);
    }
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}
