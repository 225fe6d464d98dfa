/**
 * One HTTP scrape of a target (upstream targetScraper): GET with the negotiation headers and
 * the scrape timeout, a non-200 status as an error, the body streamed (and gunzipped) into
 * memory up to body_size_limit. Errors carry Go's texts ("Get \"<url>\": context deadline
 * exceeded", "server returned HTTP status 500 Internal Server Error", "body size limit exceeded").
 */
import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { goQuote } from '../model/strconv/index.js';
import type { Readable } from 'node:stream';
import { type HTTPClient, RequestError } from '../httpclient/index.js';

/** A failed scrape; the message is what the targets API shows as lastError. */
export class ScrapeError extends Error {
  override name = 'ScrapeError';
}

export class BodySizeLimitError extends ScrapeError {
  override name = 'BodySizeLimitError';
  constructor() {
    super('body size limit exceeded');
  }
}

export interface ScrapeResult {
  body: Buffer;
  contentType: string;
}

export interface TargetScraperOptions {
  url: string;
  client: HTTPClient;
  timeout: number;
  bodySizeLimit: number;
  acceptHeader: string;
  acceptEncodingHeader: string;
  userAgent: string;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') {
      u.password = 'xxxxx';
      return u.href;
    }
  } catch {
    // not a URL: keep as is
  }
  return url;
}

/** Go's words for the network errors Node reports. */
export function goNetError(e: unknown, url: string, timedOut: boolean, canceled: boolean): string {
  if (timedOut) return 'context deadline exceeded';
  if (canceled) return 'context canceled';
  if (e instanceof RequestError) return e.message;
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  const code = typeof err?.code === 'string' ? err.code : '';
  const msg = e instanceof Error ? e.message : String(e);
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    host = '';
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `dial tcp ${err.address ?? ''}${err.port !== undefined ? ':' + String(err.port) : host}: connect: connection refused`;
    case 'ECONNRESET':
      return msg === 'socket hang up' ? 'EOF' : 'read: connection reset by peer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${new URL(url).hostname}: no such host`;
    case 'ETIMEDOUT':
      return `dial tcp ${host}: i/o timeout`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
    case 'CERT_HAS_EXPIRED':
      return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `tls: failed to verify certificate: x509: ${msg}`;
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_STATUS':
      return `net/http: HTTP/1.x transport connection broken: malformed HTTP response`;
    default:
      return msg;
  }
}

export class TargetScraper {
  constructor(private readonly o: TargetScraperOptions) {}

  get url(): string {
    return this.o.url;
  }

  /** Scrapes once; throws ScrapeError. parent aborts the scrape (shutdown). */
  async scrape(parent: AbortSignal | null): Promise<ScrapeResult> {
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, this.o.timeout);
    const onParent = (): void => ac.abort();
    parent?.addEventListener('abort', onParent, { once: true });
    const canceled = (): boolean => parent?.aborted === true;
    try {
      let res: IncomingMessage;
      try {
        res = await this.o.client.get(this.o.url, this.headers(), ac.signal);
      } catch (e) {
        throw new ScrapeError(`Get ${goQuote(redact(this.o.url))}: ${goNetError(e, this.o.url, timedOut, canceled())}`);
      }
      const code = res.statusCode ?? 0;
      if (code !== 200) {
        res.resume();
        res.destroy();
        throw new ScrapeError(`server returned HTTP status ${code} ${res.statusMessage ?? ''}`.trimEnd());
      }
      const contentType = res.headers['content-type'] ?? '';
      const gz = (res.headers['content-encoding'] ?? '') === 'gzip';
      try {
        const body = await readLimited(res, gz, this.o.bodySizeLimit);
        return { body, contentType };
      } catch (e) {
        if (e instanceof ScrapeError) throw e;
        throw new ScrapeError(timedOut || canceled() ? goNetError(e, this.o.url, timedOut, canceled()) : bodyErrorText(e));
      }
    } finally {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    }
  }

  private headers(): Record<string, string> {
    return {
      Accept: this.o.acceptHeader,
      'Accept-Encoding': this.o.acceptEncodingHeader,
      'User-Agent': this.o.userAgent,
      'X-Prometheus-Scrape-Timeout-Seconds': String(this.o.timeout / 1000),
    };
  }
}

function bodyErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const msg = e instanceof Error ? e.message : String(e);
  if (err?.code === 'Z_DATA_ERROR') return msg === 'incorrect header check' ? 'gzip: invalid header' : 'flate: corrupt input';
  if (err?.code === 'Z_BUF_ERROR' || msg === 'unexpected end of file') return 'unexpected EOF';
  if (err?.code === 'ECONNRESET' || msg === 'aborted') return 'unexpected EOF';
  return msg;
}

/** Reads the whole body (gunzipping it), failing once limit bytes are reached (limit <= 0: none). */
function readLimited(res: IncomingMessage, gzip: boolean, limit: number): Promise<Buffer> {
  const max = limit > 0 ? limit : Number.POSITIVE_INFINITY;
  const src: Readable = gzip ? res.pipe(createGunzip()) : res;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: unknown, body?: Buffer): void => {
      if (done) return;
      done = true;
      if (err !== null) {
        src.destroy();
        res.destroy();
        reject(err);
      } else resolve(body as Buffer);
    };
    src.on('data', (c: Buffer) => {
      size += c.length;
      if (size >= max) {
        finish(new BodySizeLimitError());
        return;
      }
      chunks.push(c);
    });
    src.on('end', () => finish(null, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    src.on('error', (e) => finish(e));
    res.on('aborted', () => finish(new Error('aborted')));
    res.on('close', () => {
      if (!res.complete) finish(new Error('aborted'));
    });
    if (gzip) res.on('error', (e) => finish(e));
  });
}
