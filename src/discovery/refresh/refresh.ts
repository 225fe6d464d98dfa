/**
 * A discoverer that polls (upstream discovery/refresh): one refresh right away, then one per
 * interval; a failed refresh is logged and its previous groups stay in place.
 */
import {
  errorText,
  sleep,
  type Discoverer,
  type DiscoveryClock,
  type DiscoveryLogger,
  type TargetGroup,
} from '../targetgroup/index.js';

export type RefreshFunc = (signal: AbortSignal) => Promise<TargetGroup[]>;

export interface RefreshOptions {
  readonly logger: DiscoveryLogger;
  readonly clock: DiscoveryClock;
  /** Milliseconds between refreshes. */
  readonly interval: number;
  readonly refresh: RefreshFunc;
}

export class RefreshDiscoverer implements Discoverer {
  private readonly o: RefreshOptions;
  /** Refreshes done and failed, for tests and metrics. */
  refreshes = 0;
  failures = 0;

  constructor(o: RefreshOptions) {
    this.o = o;
  }

  async run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    // A zero interval would spin; upstream's ticker panics on it, the config never allows it.
    const interval = Math.max(1, this.o.interval);
    for (;;) {
      if (signal.aborted) return;
      await this.once(signal, up);
      if (!(await sleep(this.o.clock, interval, signal))) return;
    }
  }

  private async once(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    this.refreshes++;
    let groups: TargetGroup[];
    try {
      groups = await this.o.refresh(signal);
    } catch (e) {
      this.failures++;
      if (!signal.aborted) this.o.logger.error('Unable to refresh target groups', { err: errorText(e) });
      return;
    }
    if (!signal.aborted) up(groups);
  }
}
