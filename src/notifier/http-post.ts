/**
 * Posting alerts to an Alertmanager over the shared HTTP client (src/httpclient), so that an
 * alertmanager_config's http_config (TLS, basic auth, authorization, OAuth 2, proxy, headers)
 * applies as for any other outgoing request.
 */
import type { HTTPClientConfig } from '../config/index.js';
import { HTTPClient, type HTTPClientConfigLike } from '../httpclient/index.js';

/** The POST failed or the Alertmanager answered with a non-2xx status. */
export class NotifyError extends Error {
  override name = 'NotifyError';
}

export class AlertPoster {
  private readonly client: HTTPClient;

  constructor(cfg: Partial<HTTPClientConfig>, private readonly userAgent: string) {
    this.client = new HTTPClient(cfg as HTTPClientConfigLike);
  }

  close(): void {
    this.client.close();
  }

  /** POSTs body to url; resolves on a 2xx answer, rejects with NotifyError otherwise. */
  async post(url: string, body: string, timeoutMs: number): Promise<void> {
    try {
      new URL(url);
    } catch (e) {
      throw new NotifyError(`invalid Alertmanager URL ${url}: ${String(e)}`);
    }
    const data = Buffer.from(body);
    const headers = { 'Content-Type': 'application/json', 'User-Agent': this.userAgent, 'Content-Length': String(data.length) };
    const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
    let res;
    try {
      res = await this.client.request('POST', url, headers, data, signal);
    } catch (e) {
      const err = e as Error;
      const msg = err.name === 'AbortError' || err.name === 'TimeoutError' ? 'context deadline exceeded' : err.message;
      throw new NotifyError(`Post "${url}": ${msg}`);
    }
    const code = res.statusCode ?? 0;
    await new Promise<void>((resolve) => {
      res.on('end', resolve);
      res.on('error', () => resolve());
      res.resume();
    });
    if (code < 200 || code >= 300) throw new NotifyError(`bad response status ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd());
  }
}
