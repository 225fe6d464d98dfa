/**
 * The discovery manager (upstream discovery.Manager): one provider per distinct SD config,
 * shared by every job that has the same config, kept running across applyConfig when its
 * config did not change. Providers' groups are merged per job and handed to the onUpdate
 * subscribers, throttled as upstream: a first update at once, later ones with an exponential
 * backoff from 100 ms up to the update interval (5 s).
 */
import type { SDConfig } from '../config/index.js';
import { Labels } from '../model/labels/index.js';
import { newDiscoverer } from './providers.js';
import {
  after,
  errorText,
  loggerWith,
  nopDiscoveryLogger,
  systemDiscoveryClock,
  type Discoverer,
  type DiscovererOptions,
  type DiscoveryClock,
  type DiscoveryLogger,
  type TargetGroup,
} from './targetgroup/index.js';

export interface DiscoveryManagerOptions {
  logger?: DiscoveryLogger;
  clock?: DiscoveryClock;
  /** Longest wait between two updates (upstream updatert); default 5000 ms. */
  updateInterval?: number;
  /** Random source of the backoff's jitter, in [0, 1); default Math.random. */
  random?: () => number;
  userAgent?: string;
  /** DNS servers for dns_sd (tests); default: the system's. */
  dnsServers?: readonly string[];
  /** Builds a config's discoverer; default: the built-in mechanisms. */
  newDiscoverer?: (cfg: SDConfig, o: DiscovererOptions) => Discoverer;
}

export type UpdateCallback = (all: Map<string, TargetGroup[]>) => void;

/** Information about a running provider, for status pages. */
export interface ProviderInfo {
  readonly name: string;
  readonly mechanism: string;
  readonly jobs: readonly string[];
}

interface Provider {
  readonly name: string;
  readonly mechanism: string;
  readonly d: Discoverer;
  readonly config: SDConfig;
  controller: AbortController | null;
  done: Promise<void> | null;
  subs: Set<string>;
  newSubs: Set<string>;
}

const INITIAL_BACKOFF = 100;
const BACKOFF_MULTIPLIER = 1.5;
const BACKOFF_JITTER = 0.5;

/** An empty static config: registered for a job without usable SD configs, so it gets an (empty) update. */
const EMPTY_STATIC: SDConfig = { mechanism: 'static', groups: [{ source: '', targets: [], labels: Labels.EMPTY }] };

function poolKey(job: string, provider: string): string {
  return `${job}\u0000${provider}`;
}

/** Structural equality of config values (upstream compares configs with reflect.DeepEqual). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Labels || b instanceof Labels) return a instanceof Labels && b instanceof Labels && a.equals(b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export class DiscoveryManager {
  private readonly logger: DiscoveryLogger;
  private readonly clock: DiscoveryClock;
  private readonly updateInterval: number;
  private readonly random: () => number;
  private readonly o: DiscoveryManagerOptions;
  private readonly build: (cfg: SDConfig, o: DiscovererOptions) => Discoverer;
  private providerList: Provider[] = [];
  private lastProvider = 0;
  /** Groups by (job, provider), then by source. */
  private readonly targets = new Map<string, Map<string, TargetGroup>>();
  private readonly callbacks: UpdateCallback[] = [];
  private readonly warned = new Set<string>();
  private triggered = false;
  private running = false;
  private cancelTimer: (() => void) | null = null;
  private backoff = INITIAL_BACKOFF;
  private lastSent = 0;
  /** Configs that could not be turned into a discoverer at the last applyConfig. */
  failedConfigs = 0;

  constructor(o: DiscoveryManagerOptions = {}) {
    this.o = o;
    this.logger = o.logger ?? nopDiscoveryLogger;
    this.clock = o.clock ?? systemDiscoveryClock;
    this.updateInterval = o.updateInterval ?? 5000;
    this.random = o.random ?? Math.random;
    this.build = o.newDiscoverer ?? ((cfg, opts): Discoverer => newDiscoverer(cfg, opts, this.warned));
  }

  /** Subscribes to updates (every job with all its groups); returns the unsubscribe function. */
  onUpdate(cb: UpdateCallback): () => void {
    this.callbacks.push(cb);
    return (): void => {
      const i = this.callbacks.indexOf(cb);
      if (i >= 0) this.callbacks.splice(i, 1);
    };
  }

  /**
   * Starts providers for new configs, keeps those whose config is unchanged, and stops (and
   * waits for) those no job uses any more; their groups are dropped at once.
   */
  async applyConfig(cfg: ReadonlyMap<string, readonly SDConfig[]>): Promise<void> {
    let failed = 0;
    for (const [job, configs] of cfg) failed += this.registerProviders(configs, job);
    this.failedConfigs = failed;
    const stopping: Promise<void>[] = [];
    const kept: Provider[] = [];
    for (const p of this.providerList) {
      if (p.newSubs.size === 0 && p.controller !== null) {
        for (const s of p.subs) this.targets.delete(poolKey(s, p.name));
        p.controller.abort();
        if (p.done !== null) stopping.push(p.done);
        continue;
      }
      kept.push(p);
      let ref: Map<string, TargetGroup> | undefined;
      for (const s of p.subs) {
        ref = this.targets.get(poolKey(s, p.name)) ?? ref;
        if (!p.newSubs.has(s)) this.targets.delete(poolKey(s, p.name));
      }
      for (const s of p.newSubs) {
        if (ref !== undefined && ref.size > 0) this.targets.set(poolKey(s, p.name), new Map(ref));
      }
      p.subs = p.newSubs;
      p.newSubs = new Set();
      if (p.controller === null) this.startProvider(p);
    }
    // Consumers expect the full state after a reload: send it as soon as possible.
    if (this.providerList.length > 0) this.trigger();
    this.providerList = kept;
    await Promise.all(stopping);
  }

  /** Starts sending updates. */
  run(): void {
    if (this.running) return;
    this.running = true;
    this.lastSent = this.clock.now() - this.updateInterval;
    this.backoff = INITIAL_BACKOFF;
    this.schedule();
  }

  /** Stops sending updates and stops every provider (waiting for them). */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const done: Promise<void>[] = [];
    for (const p of this.providerList) {
      p.controller?.abort();
      if (p.done !== null) done.push(p.done);
    }
    await Promise.all(done);
  }

  providers(): ProviderInfo[] {
    return this.providerList.map((p) => ({ name: p.name, mechanism: p.mechanism, jobs: [...p.subs] }));
  }

  /** Every job of every provider with its current groups (jobs without groups get an empty list). */
  allGroups(): Map<string, TargetGroup[]> {
    const out = new Map<string, TargetGroup[]>();
    for (const p of this.providerList) {
      for (const s of p.subs) {
        let l = out.get(s);
        if (l === undefined) {
          l = [];
          out.set(s, l);
        }
        const groups = this.targets.get(poolKey(s, p.name));
        if (groups !== undefined) for (const g of groups.values()) l.push(g);
      }
    }
    return out;
  }

  /** Returns the number of configs that failed. */
  private registerProviders(configs: readonly SDConfig[], job: string): number {
    let failed = 0;
    let added = false;
    const add = (cfg: SDConfig): void => {
      for (const p of this.providerList) {
        if (deepEqual(cfg, p.config)) {
          p.newSubs.add(job);
          added = true;
          return;
        }
      }
      const logger = loggerWith(this.logger, { discovery: cfg.mechanism, config: job });
      let d: Discoverer;
      try {
        d = this.build(cfg, { logger, clock: this.clock, userAgent: this.o.userAgent, dnsServers: this.o.dnsServers });
      } catch (e) {
        this.logger.error('Cannot create service discovery', { err: errorText(e), type: cfg.mechanism, config: job });
        failed++;
        return;
      }
      this.providerList.push({
        name: `${cfg.mechanism}/${this.lastProvider++}`,
        mechanism: cfg.mechanism,
        d,
        config: cfg,
        controller: null,
        done: null,
        subs: new Set(),
        newSubs: new Set([job]),
      });
      added = true;
    };
    for (const c of configs) add(c);
    if (!added) add(EMPTY_STATIC);
    return failed;
  }

  private startProvider(p: Provider): void {
    this.logger.debug?.('Starting provider', { provider: p.name, subs: [...p.subs].join(',') });
    const controller = new AbortController();
    const signal = controller.signal;
    p.controller = controller;
    const up = (groups: TargetGroup[]): void => {
      if (signal.aborted) return;
      for (const s of p.subs) this.updateGroup(poolKey(s, p.name), groups);
      this.trigger();
    };
    p.done = (async (): Promise<void> => {
      try {
        await p.d.run(signal, up);
      } catch (e) {
        this.logger.error('Discoverer failed', { provider: p.name, err: errorText(e) });
      }
      if (signal.aborted) {
        for (const s of p.subs) this.targets.delete(poolKey(s, p.name));
        p.controller = null;
      }
    })();
  }

  private updateGroup(key: string, groups: readonly TargetGroup[]): void {
    let m = this.targets.get(key);
    if (m === undefined) {
      m = new Map();
      this.targets.set(key, m);
    }
    for (const g of groups) {
      if (g.targets.length > 0) m.set(g.source, g);
      else m.delete(g.source);
    }
  }

  private trigger(): void {
    this.triggered = true;
  }

  private nextBackoff(): number {
    const cur = this.backoff;
    const delta = BACKOFF_JITTER * cur;
    this.backoff = cur >= this.updateInterval / BACKOFF_MULTIPLIER ? this.updateInterval : cur * BACKOFF_MULTIPLIER;
    return cur - delta + this.random() * 2 * delta;
  }

  private schedule(): void {
    if (!this.running) return;
    this.cancelTimer = after(this.clock, this.nextBackoff(), () => this.tick());
  }

  private tick(): void {
    this.cancelTimer = null;
    if (!this.running) return;
    if (this.triggered) {
      this.triggered = false;
      const all = this.allGroups();
      for (const cb of [...this.callbacks]) {
        try {
          cb(all);
        } catch (e) {
          this.logger.error('Discovery update receiver failed', { err: errorText(e) });
        }
      }
      this.lastSent = this.clock.now();
    }
    // Nothing sent for a while: start again from a short interval, for prompt updates.
    if (this.clock.now() - this.lastSent > this.updateInterval) this.backoff = INITIAL_BACKOFF;
    this.schedule();
  }
}
