/**
 * The structured logger the scrape manager reports to (slog-like: a message and key/value
 * fields). Any object with these methods will do; debug is optional.
 */
export interface ScrapeLogger {
  debug?(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  error(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const nopScrapeLogger: ScrapeLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Wall-clock source (ms since epoch); tests may pass their own. */
export interface ScrapeClock {
  now(): number;
}

export const systemClock: ScrapeClock = { now: () => Date.now() };

/** Resolves after ms, or early (with false) when signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
