/**
 * The HTTP side every HTTP integration shares (upstream notify.Retrier, PostJSON, Drain and
 * RedactURL of Alertmanager 0.25): sending a request with Alertmanager's User-Agent, reading the
 * answer's body (bounded), classifying the status code (2xx delivered, 5xx retried, the rest
 * not), and connection failures as retryable errors in Go's url.Error wording with the URL
 * redacted.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { HTTPClient } from '../../httpclient/index.js';
import { NotifyError } from './types.js';

/** The User-Agent of every notification request. */
export const USER_AGENT = 'Alertmanager/0.25.0';

/** The most of a response body read into memory; the rest is discarded. */
export const MAX_RESPONSE_BODY_BYTES = 1 << 20;

/** What a URL is replaced with in error messages (RedactURL). */
export const REDACTED_URL = '<redacted>';

export interface RetrierOptions {
  /** Builds the details appended to "unexpected status code N" from the status and body. */
  customDetails?: (status: number, body: string) => string;
  /** Statuses besides 5xx worth retrying. */
  retryCodes?: readonly number[];
}

/** Decides from a response's status whether a notification was delivered or may be retried. */
export class Retrier {
  constructor(private readonly opts: RetrierOptions = {}) {}

  /**
   * Returns when the status is 2xx; otherwise throws NotifyError("unexpected status code N[:
   * details]") retryable for 5xx and the configured extra codes.
   */
  check(status: number, body: string): void {
    if (Math.trunc(status / 100) === 2) return;
    const retry = Math.trunc(status / 100) === 5 || (this.opts.retryCodes ?? []).includes(status);
    let msg = `unexpected status code ${status}`;
    const details = this.opts.customDetails ? this.opts.customDetails(status, body) : body;
    if (details !== '') msg += `: ${details}`;
    throw new NotifyError(msg, retry);
  }
}

/** A response read to the end (the body bounded by MAX_RESPONSE_BODY_BYTES). */
export interface HTTPResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  /** Content-Type of the body ("application/json", "text/plain", ...). */
  contentType?: string;
  /** Headers besides User-Agent and Content-Type. */
  headers?: Readonly<Record<string, string>>;
  body?: string | Buffer;
  /** Whether error texts hide the URL (RedactURL); default true. */
  redactURL?: boolean;
}

/** Go's net/http method names in url.Error texts: "Post", "Get", "Put", ... */
function goMethod(method: string): string {
  const m = method.toUpperCase();
  return m.charAt(0) + m.slice(1).toLowerCase();
}

function errorCode(e: unknown): string {
  if (e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return '';
}

function errorField(e: unknown, field: string): string {
  if (e !== null && typeof e === 'object' && field in e) {
    const v = (e as Record<string, unknown>)[field];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return '';
}

/** The text Go gives a failed dial or transfer, as far as Node's error tells it. */
function transportText(e: unknown, url: URL, signal: AbortSignal): string {
  if (signal.aborted) {
    const r: unknown = signal.reason;
    return r instanceof Error && r.name === 'TimeoutError' ? 'context deadline exceeded' : 'context canceled';
  }
  const addr = errorField(e, 'address');
  const port = errorField(e, 'port');
  const target = addr !== '' ? `${addr.includes(':') ? `[${addr}]` : addr}:${port}` : url.host;
  switch (errorCode(e)) {
    case 'ECONNREFUSED':
      return `dial tcp ${target}: connect: connection refused`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${url.hostname}: no such host`;
    case 'ETIMEDOUT':
      return `dial tcp ${target}: i/o timeout`;
    case 'EHOSTUNREACH':
      return `dial tcp ${target}: connect: no route to host`;
    case 'ENETUNREACH':
      return `dial tcp ${target}: connect: network is unreachable`;
    case 'ECONNRESET':
      return 'read: connection reset by peer';
    case 'EPIPE':
      return 'write: broken pipe';
    case 'ABORT_ERR':
      return 'context canceled';
  }
  if (e instanceof Error && e.message === 'socket hang up') return 'EOF';
  return e instanceof Error ? e.message : String(e);
}

/** A url.Error's text: `Post "<url>": <cause>`, the URL redacted unless `url` is given. */
export function requestErrorText(method: string, cause: string, url: string = REDACTED_URL): string {
  return `${goMethod(method)} "${url}": ${cause}`;
}

/** Reads at most `limit` bytes of a response body and discards the rest. */
export async function readBody(res: IncomingMessage, limit = MAX_RESPONSE_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      if (size < limit) chunks.push(b.subarray(0, limit - size));
      size += b.length;
    }
  } catch {
    // As upstream's readAll: a body that fails to read contributes no details.
    return '';
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a target URL; a bad one is a non-retryable NotifyError (redacted unless told not to). */
export function parseTargetURL(url: string, redact = true): URL {
  try {
    return new URL(url);
  } catch {
    throw new NotifyError(url === '' ? 'parse "": empty url' : `parse "${redact ? REDACTED_URL : url}": invalid URL`, false);
  }
}

/**
 * Sends a request with Alertmanager's User-Agent and reads the answer. An invalid URL throws
 * a non-retryable NotifyError; a connection failure a retryable one, its URL redacted.
 */
export async function sendRequest(
  client: HTTPClient,
  method: string,
  url: string,
  opts: SendOptions,
  signal: AbortSignal,
): Promise<HTTPResponse> {
  const u = parseTargetURL(url, opts.redactURL ?? true);
  const headers: Record<string, string> = { ...(opts.headers ?? {}), 'User-Agent': USER_AGENT };
  if (opts.contentType !== undefined) headers['Content-Type'] = opts.contentType;
  let res: IncomingMessage;
  try {
    res = await client.request(method, u.href, headers, opts.body, signal);
  } catch (e) {
    const shown = opts.redactURL === false ? url : REDACTED_URL;
    throw new NotifyError(requestErrorText(method, transportText(e, u, signal), shown), true);
  }
  const body = await readBody(res);
  return { status: res.statusCode ?? 0, headers: res.headers, body };
}

/** POSTs a JSON document (PostJSON upstream). */
export function postJSON(
  client: HTTPClient,
  url: string,
  body: string,
  signal: AbortSignal,
  extra: Omit<SendOptions, 'contentType' | 'body'> = {},
): Promise<HTTPResponse> {
  return sendRequest(client, 'POST', url, { ...extra, contentType: 'application/json', body }, signal);
}
