/**
 * The shapes every discovery mechanism shares (upstream discovery/targetgroup and the
 * Discoverer interface): target groups, discoverers, and the logger and clock they are given.
 */
import type { Labels } from '../../model/labels/index.js';

/** A set of targets with common labels, from one source of one discoverer. */
export interface TargetGroup {
  /** Identifies the group within its discoverer (file path:index, URL:index, DNS name, ...). */
  readonly source: string;
  /** One label set per target, each with __address__. */
  readonly targets: readonly Labels[];
  /** Labels common to all targets of the group. */
  readonly labels: Labels;
}

/** slog-like structured logger (the scrape manager's logger has the same shape). */
export interface DiscoveryLogger {
  debug?(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  error(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const nopDiscoveryLogger: DiscoveryLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** A logger that adds fields to every record (slog's With). */
export function loggerWith(logger: DiscoveryLogger, extra: Readonly<Record<string, unknown>>): DiscoveryLogger {
  const merge = (f?: Readonly<Record<string, unknown>>): Record<string, unknown> => ({ ...extra, ...f });
  return {
    debug: (m, f): void => logger.debug?.(m, merge(f)),
    info: (m, f): void => logger.info(m, merge(f)),
    warn: (m, f): void => logger.warn(m, merge(f)),
    error: (m, f): void => logger.error(m, merge(f)),
  };
}

export type TimerHandle = unknown;

/**
 * Time and timers. Tests pass a fake to drive throttling and refresh intervals; the timer
 * functions default to the global ones when absent.
 */
export interface DiscoveryClock {
  now(): number;
  setTimeout?(fn: () => void, ms: number): TimerHandle;
  clearTimeout?(handle: TimerHandle): void;
}

export const systemDiscoveryClock: DiscoveryClock = { now: () => Date.now() };

/** Runs fn after ms on the clock's timers; returns a function that cancels it. */
export function after(clock: DiscoveryClock, ms: number, fn: () => void): () => void {
  if (clock.setTimeout !== undefined) {
    const h = clock.setTimeout(fn, ms);
    return (): void => clock.clearTimeout?.(h);
  }
  const t = setTimeout(fn, ms);
  return (): void => clearTimeout(t);
}

/** Resolves after ms, or early (false) when signal aborts. */
export function sleep(clock: DiscoveryClock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      cancel();
      resolve(false);
    };
    const cancel = after(clock, Math.max(0, ms), () => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A discovery mechanism (upstream Discoverer). run() sends the full set of groups first, then
 * every changed group, through `up`, and resolves once `signal` aborted and its resources
 * (sockets, watches, timers) are released. A group with no targets removes its source.
 */
export interface Discoverer {
  run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void>;
}

export interface DiscovererOptions {
  readonly logger: DiscoveryLogger;
  readonly clock: DiscoveryClock;
  /** User-Agent of HTTP requests (http_sd, docker_sd over HTTP). */
  readonly userAgent?: string;
  /** DNS servers (host or host:port) for dns_sd instead of the system's; for tests. */
  readonly dnsServers?: readonly string[];
}

/** An error's message, for logs. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
