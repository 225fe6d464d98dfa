/**
 * The server's readiness (web.ReadyStatus): not ready while the TSDB opens and the first
 * configuration loads, ready afterwards, stopping during shutdown. Gated endpoints answer 503
 * "Service Unavailable" with X-Prometheus-Stopping telling the last two apart.
 */
import type { ServerResponse } from 'node:http';

export type ReadyStatus = 'not-ready' | 'ready' | 'stopping';

export class ReadyState {
  private status: ReadyStatus = 'not-ready';
  private readonly listeners: ((s: ReadyStatus) => void)[] = [];

  get(): ReadyStatus {
    return this.status;
  }

  isReady(): boolean {
    return this.status === 'ready';
  }

  set(s: ReadyStatus): void {
    this.status = s;
    for (const l of this.listeners) l(s);
  }

  onChange(l: (s: ReadyStatus) => void): void {
    this.listeners.push(l);
  }

  /** Answers 503 when not ready; returns true when the caller may serve the request. */
  gate(res: ServerResponse): boolean {
    if (this.status === 'ready') return true;
    res.writeHead(503, { 'X-Prometheus-Stopping': this.status === 'stopping' ? 'true' : 'false', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Service Unavailable');
    return false;
  }
}
