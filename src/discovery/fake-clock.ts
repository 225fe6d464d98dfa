/**
 * A manual clock for tests: timers run only when advance() moves time past them.
 */
import type { DiscoveryClock, TimerHandle } from './targetgroup/index.js';

interface Timer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

export class FakeClock implements DiscoveryClock {
  private t: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start = 1_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ id, due: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }

  /** Pending timers. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by ms, running each due timer at its own time, in order. */
  advance(ms: number): void {
    const target = this.t + ms;
    for (let guard = 0; guard < 1_000_000; guard++) {
      let first: Timer | undefined;
      for (const x of this.timers) if (x.due <= target && (first === undefined || x.due < first.due || (x.due === first.due && x.id < first.id))) first = x;
      if (first === undefined) break;
      const f = first;
      this.timers = this.timers.filter((x) => x !== f);
      this.t = f.due;
      f.fn();
    }
    this.t = target;
  }
}
