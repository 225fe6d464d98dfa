/**
 * amtool's Alertmanager API v2 client (the go-swagger client upstream): the base URL from
 * --alertmanager.url, basic auth from its user info or an --http.config.file (through Vigil's
 * HTTPClient), the version check, and upstream's error texts: Go's url.Error for transport
 * failures, `[GET /alerts][400] getAlertsBadRequest  <payload>` for documented error responses,
 * and go-openapi's text for undocumented status codes.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';
import { HTTPClient, type HTTPClientConfigLike } from '../../httpclient/index.js';
import {
  Decoder, decodeNode, httpClientConfigCodec, nullNode, parseYamlTree, setHTTPClientDirectory,
} from '../../config/common/index.js';
import { vigilVersion } from '../../version/index.js';
import { AmtoolError } from './errors.js';
import { goEscape } from './url-escape.js';

/** The Alertmanager version amtool compares the server's with (amtool 0.25's own). */
export const AMTOOL_VERSION = '0.25.0';

const DEFAULT_TIMEOUT_MS = 30_000;

/** One API operation: its path template and the responses the spec documents. */
interface Operation {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** status -> [response name, whether it carries a string payload] */
  responses: Readonly<Record<number, readonly [string, boolean]>>;
}

export const OPERATIONS = {
  getAlerts: { method: 'GET', path: '/alerts', responses: { 200: ['getAlertsOK', true], 400: ['getAlertsBadRequest', true], 500: ['getAlertsInternalServerError', true] } },
  postAlerts: { method: 'POST', path: '/alerts', responses: { 200: ['postAlertsOK', false], 400: ['postAlertsBadRequest', true], 500: ['postAlertsInternalServerError', true] } },
  getStatus: { method: 'GET', path: '/status', responses: { 200: ['getStatusOK', true] } },
  getSilences: { method: 'GET', path: '/silences', responses: { 200: ['getSilencesOK', true], 500: ['getSilencesInternalServerError', true] } },
  getSilence: { method: 'GET', path: '/silence/{silenceID}', responses: { 200: ['getSilenceOK', true], 404: ['getSilenceNotFound', false], 500: ['getSilenceInternalServerError', true] } },
  postSilences: { method: 'POST', path: '/silences', responses: { 200: ['postSilencesOK', true], 400: ['postSilencesBadRequest', true], 404: ['postSilencesNotFound', true] } },
  deleteSilence: { method: 'DELETE', path: '/silence/{silenceID}', responses: { 200: ['deleteSilenceOK', false], 500: ['deleteSilenceInternalServerError', true] } },
} as const satisfies Record<string, Operation>;

export type OperationName = keyof typeof OPERATIONS;

/** A documented non-200 answer of the API (the go-swagger response type as an error). */
export class ApiResponseError extends AmtoolError {
  override name = 'ApiResponseError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** The parts of --alertmanager.url amtool uses (Go's url.URL). */
export interface AmURL {
  scheme: string;
  host: string;
  /** The decoded path. */
  path: string;
  /** Basic auth from the user info, when there is one. */
  user: { username: string; password: string } | null;
}

/** url.Parse as kingpin's URL flag does it; throws kingpin's text for an invalid URL. */
export function parseAmURL(s: string): AmURL {
  const bad = (why: string): AmtoolError => new AmtoolError(`invalid URL: parse ${JSON.stringify(s)}: ${why}`);
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(s);
  if (m === null) {
    if (s.startsWith(':')) throw bad('missing protocol scheme');
    const slash = s.indexOf('/');
    if (s.slice(0, slash < 0 ? s.length : slash).includes(':')) throw bad('first path segment in URL cannot contain colon');
    return { scheme: '', host: '', path: s.split(/[?#]/)[0] ?? '', user: null };
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw bad('invalid URL');
  }
  const user = u.username !== '' || u.password !== '' || /^[^/]*\/\/[^/]*@/.test(s)
    ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : null;
  return { scheme: (m[1] as string).toLowerCase(), host: u.host, path: decodeURIComponent(u.pathname), user };
}

export interface ClientOptions {
  /** --alertmanager.url */
  url: AmURL;
  /** --http.config.file ('' when unset) */
  httpConfigFile: string;
  /** --timeout, ms */
  timeoutMs: number;
  /** Where the version check's warning goes. */
  warn(s: string): void;
}

/** loadHTTPConfigFile of amtool: UnmarshalStrict, then SetDirectory(dir(dir(file))) as upstream. */
function loadHTTPConfigFile(file: string): HTTPClientConfigLike {
  const text = readFileSync(file, 'utf8');
  const d = new Decoder();
  const cfg = decodeNode(httpClientConfigCodec, parseYamlTree(text) ?? nullNode(1), d);
  d.finish();
  setHTTPClientDirectory(cfg, dirname(dirname(file)));
  return cfg as HTTPClientConfigLike;
}

/** Go's path.Join of the URL's path and /api/v2. */
function apiBase(path: string): string {
  const parts: string[] = [];
  for (const seg of `${path}/api/v2`.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The first resolver of /etc/resolv.conf, as Go's resolver names it in lookup errors. */
function nameserver(): string {
  try {
    const m = /^\s*nameserver\s+(\S+)/m.exec(readFileSync('/etc/resolv.conf', 'utf8'));
    if (m === null) return '';
    const ip = m[1] as string;
    return ip.includes(':') ? `[${ip}]:53` : `${ip}:53`;
  } catch {
    return '';
  }
}

/** Go's url.Error text of a failed request. */
function transportError(method: string, url: string, e: unknown): AmtoolError {
  const goMethod = method[0] + method.slice(1).toLowerCase();
  const err = e as { code?: string; address?: string; port?: number; hostname?: string; name?: string; message?: string };
  let msg = err.message ?? String(e);
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.code === 'ABORT_ERR') msg = 'context deadline exceeded';
  else if (err.code === 'ECONNREFUSED') {
    const host = (err.address ?? '').includes(':') ? `[${err.address ?? ''}]` : err.address ?? '';
    msg = `dial tcp ${host}:${err.port ?? ''}: connect: connection refused`;
  } else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    const ns = nameserver();
    msg = `dial tcp: lookup ${err.hostname ?? ''}${ns === '' ? '' : ` on ${ns}`}: no such host`;
  }
  else if (err.code === 'ECONNRESET') msg = 'EOF';
  else if (err.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || err.code === 'SELF_SIGNED_CERT_IN_CHAIN' || err.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
    msg = 'x509: certificate signed by unknown authority';
  }
  return new AmtoolError(`${goMethod} ${JSON.stringify(url)}: ${msg}`);
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The string payload of an error response (a JSON string; otherwise the text as sent). */
function payloadText(body: string): string {
  try {
    const v: unknown = JSON.parse(body);
    if (typeof v === 'string') return v;
  } catch {
    // not JSON: shown as it came
  }
  return body.trim();
}

/** semver.MajorMinor of golang.org/x/mod ('' for an invalid version). */
export function semverMajorMinor(v: string): string {
  const m = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)?)?$/.exec(v);
  if (m === null) return '';
  return `v${m[1] as string}.${m[2] ?? '0'}`;
}

export class AlertmanagerClient {
  private readonly http: HTTPClient;
  private readonly origin: string;
  private readonly base: string;
  private versionChecked = false;

  constructor(private readonly opts: ClientOptions, private readonly versionCheck: boolean) {
    const u = opts.url;
    if (u.user !== null && opts.httpConfigFile !== '') {
      throw new AmtoolError('basic authentication and http.config.file are mutually exclusive', true);
    }
    let cfg: HTTPClientConfigLike = {};
    if (u.user !== null) cfg = { basic_auth: { username: u.user.username, password: u.user.password } };
    if (opts.httpConfigFile !== '') {
      try {
        cfg = loadHTTPConfigFile(opts.httpConfigFile);
      } catch (e) {
        throw new AmtoolError(`failed to load HTTP config file: ${e instanceof Error ? e.message : String(e)}`, true);
      }
    }
    this.http = new HTTPClient(cfg);
    this.origin = `${u.scheme === '' ? 'http' : u.scheme}://${u.host === '' ? 'localhost:9093' : u.host}`;
    this.base = apiBase(u.path);
  }

  close(): void {
    this.http.close();
  }

  /** The URL of an operation, with its path parameter and query (keys sorted, as Go encodes). */
  private url(op: Operation, id: string | undefined, query: ReadonlyArray<readonly [string, string]>): string {
    let path = op.path;
    if (id !== undefined) path = path.replace('{silenceID}', goEscape(id, 'path'));
    const q = [...query].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([k, v]) => `${goEscape(k, 'query')}=${goEscape(v, 'query')}`).join('&');
    return `${this.origin}${goEscape(this.base, 'pathname')}${path}${q === '' ? '' : `?${q}`}`;
  }

  /** Sends one API request; resolves with the 200 body (JSON-decoded, or undefined when empty). */
  async call(name: OperationName, args: { id?: string; query?: ReadonlyArray<readonly [string, string]>; body?: string } = {},
    timeoutMs = this.opts.timeoutMs): Promise<unknown> {
    await this.checkVersion();
    const op: Operation = OPERATIONS[name];
    const url = this.url(op, args.id, args.query ?? []);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (args.body !== undefined) headers['Content-Type'] = 'application/json';
    let status: number;
    let body: string;
    try {
      const signal = timeoutMs < 1 ? AbortSignal.abort(new DOMException('deadline', 'TimeoutError')) : AbortSignal.timeout(Math.floor(timeoutMs));
      const res = await this.http.request(op.method, url, headers, args.body === undefined ? undefined : `${args.body}\n`, signal);
      status = res.statusCode ?? 0;
      body = await readBody(res);
    } catch (e) {
      throw transportError(op.method, url, e);
    }
    const known = op.responses[status];
    if (known === undefined) {
      throw new ApiResponseError(`response status code does not match any response statuses defined for this endpoint in the swagger spec (status ${status}): {}`, status);
    }
    if (status !== 200) {
      const [respName, hasPayload] = known;
      const payload = hasPayload ? ` ${payloadText(body)}` : '';
      throw new ApiResponseError(`[${op.method} ${op.path}][${status}] ${respName} ${payload}`, status);
    }
    if (body.trim() === '') return undefined;
    try {
      return JSON.parse(body) as unknown;
    } catch (e) {
      throw new AmtoolError(e instanceof Error ? e.message : String(e));
    }
  }

  /** Checks the version again before the next call (upstream builds a new client there). */
  recheckVersion(): void {
    this.versionChecked = false;
  }

  /** Upstream's --version-check: warn when the server's major.minor differs from amtool's. */
  async checkVersion(): Promise<void> {
    if (!this.versionCheck || this.versionChecked) return;
    this.versionChecked = true;
    let status: unknown;
    try {
      status = await this.call('getStatus', {}, DEFAULT_TIMEOUT_MS);
    } catch {
      return;
    }
    const info = (status as { versionInfo?: { version?: unknown } } | null)?.versionInfo;
    if (info === undefined || info === null || typeof info.version !== 'string') return;
    // `vigil alertmanager` reports Vigil's own version: the same program, no mismatch.
    if (info.version === vigilVersion()) return;
    if (semverMajorMinor(`v${info.version}`) !== semverMajorMinor(`v${AMTOOL_VERSION}`)) {
      this.opts.warn(`Warning: amtool version (${AMTOOL_VERSION}) and alertmanager version (${info.version}) are different.\n`);
    }
  }
}
