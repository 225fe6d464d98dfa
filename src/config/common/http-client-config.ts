/**
 * config.HTTPClientConfig of prometheus/common: authentication (basic_auth, authorization,
 * legacy bearer_token, oauth2), tls_config, proxy settings, redirects, HTTP/2 and extra
 * headers. It is inlined into scrape, remote write/read, Alertmanager and most SD configs, so
 * its fields sit flat on those objects (`interface ScrapeConfig extends HTTPClientConfig`).
 * Secrets held in `*_file` fields are read when used (readSecretFile), not at load time.
 */
import { readFileSync } from 'node:fs';
import { type Codec, type Decoder, type Fields, ptr, stringMap, struct } from './decoder.js';
import { joinDir } from './join-dir.js';
import { anyValue, bool, secret, secretList, str, stringList, url } from './scalars.js';
import { defaultTLSConfig, setTLSDirectory, type TLSConfig, tlsConfigCodec } from './tls-config.js';

export interface BasicAuth {
  username: string;
  username_file: string;
  username_ref: string;
  password: string;
  password_file: string;
  password_ref: string;
}

export interface Authorization {
  type: string;
  credentials: string;
  credentials_file: string;
  credentials_ref: string;
}

export interface ProxyConfig {
  proxy_url: string | undefined;
  no_proxy: string;
  proxy_from_environment: boolean;
  proxy_connect_header: Record<string, string[]>;
}

export interface OAuth2 extends ProxyConfig {
  client_id: string;
  client_secret: string;
  client_secret_file: string;
  client_secret_ref: string;
  client_certificate_key_id: string;
  client_certificate_key: string;
  client_certificate_key_file: string;
  client_certificate_key_ref: string;
  grant_type: string;
  signature_algorithm: string;
  iss: string;
  audience: string;
  claims: Record<string, unknown>;
  scopes: string[];
  token_url: string;
  endpoint_params: Record<string, string>;
  tls_config: TLSConfig;
}

/** One extra request header: literal values, secret values and values read from files. */
export interface Header {
  values: string[];
  secrets: string[];
  files: string[];
}

export interface HTTPClientConfig extends ProxyConfig {
  basic_auth: BasicAuth | undefined;
  authorization: Authorization | undefined;
  oauth2: OAuth2 | undefined;
  bearer_token: string;
  bearer_token_file: string;
  tls_config: TLSConfig;
  follow_redirects: boolean;
  enable_http2: boolean;
  http_headers: Record<string, Header> | undefined;
}

const o = { omitempty: true } as const;

const basicAuthCodec = struct<BasicAuth>({
  goType: 'config.plain',
  fields: {
    username: { codec: str, ...o },
    username_file: { codec: str, ...o },
    username_ref: { codec: str, ...o },
    password: { codec: secret, ...o },
    password_file: { codec: str, ...o },
    password_ref: { codec: str, ...o },
  },
  defaults: () => ({ username: '', username_file: '', username_ref: '', password: '', password_file: '', password_ref: '' }),
});

const authorizationCodec = struct<Authorization>({
  goType: 'config.Authorization',
  fields: {
    type: { codec: str, ...o },
    credentials: { codec: secret, ...o },
    credentials_file: { codec: str, ...o },
    credentials_ref: { codec: str, ...o },
  },
  defaults: () => ({ type: '', credentials: '', credentials_file: '', credentials_ref: '' }),
});

export const proxyFields: Fields<ProxyConfig> = {
  proxy_url: { codec: url, ...o },
  no_proxy: { codec: str, ...o },
  proxy_from_environment: { codec: bool, ...o },
  proxy_connect_header: { codec: stringMap(secretList, 'string'), ...o },
};

function defaultProxyConfig(): ProxyConfig {
  return { proxy_url: undefined, no_proxy: '', proxy_from_environment: false, proxy_connect_header: Object.create(null) as Record<string, string[]> };
}

const VALID_SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512'];
const GRANT_TYPE_JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const oauth2Codec = struct<OAuth2>({
  goType: 'config.plain',
  fields: {
    client_id: { codec: str, ...o },
    client_secret: { codec: secret, ...o },
    client_secret_file: { codec: str, ...o },
    client_secret_ref: { codec: str, ...o },
    client_certificate_key_id: { codec: str, ...o },
    client_certificate_key: { codec: secret, ...o },
    client_certificate_key_file: { codec: str, ...o },
    client_certificate_key_ref: { codec: str, ...o },
    grant_type: { codec: str, ...o },
    signature_algorithm: { codec: str, ...o },
    iss: { codec: str, ...o },
    audience: { codec: str, ...o },
    claims: { codec: stringMap(anyValue), ...o },
    scopes: { codec: stringList, ...o },
    token_url: { codec: str, ...o },
    endpoint_params: { codec: stringMap(str), ...o },
    tls_config: { codec: tlsConfigCodec, ...o },
    ...proxyFields,
  },
  defaults: () => ({
    client_id: '',
    client_secret: '',
    client_secret_file: '',
    client_secret_ref: '',
    client_certificate_key_id: '',
    client_certificate_key: '',
    client_certificate_key_file: '',
    client_certificate_key_ref: '',
    grant_type: '',
    signature_algorithm: '',
    iss: '',
    audience: '',
    claims: Object.create(null) as Record<string, unknown>,
    scopes: [],
    token_url: '',
    endpoint_params: Object.create(null) as Record<string, string>,
    tls_config: defaultTLSConfig(),
    ...defaultProxyConfig(),
  }),
  validate(c, d) {
    const err = validateProxyConfig(c);
    if (err) d.fail(err);
  },
});

const headerCodec = struct<Header>({
  goType: 'config.Header',
  fields: {
    values: { codec: stringList, ...o },
    secrets: { codec: secretList, ...o },
    files: { codec: stringList, ...o },
  },
  defaults: () => ({ values: [], secrets: [], files: [] }),
});

/** The HTTP client fields, for inlining into a struct's field table. */
export const httpClientFields: Fields<HTTPClientConfig> = {
  basic_auth: { codec: ptr(basicAuthCodec), ...o },
  authorization: { codec: ptr(authorizationCodec), ...o },
  oauth2: { codec: ptr(oauth2Codec), ...o },
  bearer_token: { codec: secret, ...o },
  bearer_token_file: { codec: str, ...o },
  tls_config: { codec: tlsConfigCodec, ...o },
  follow_redirects: { codec: bool },
  enable_http2: { codec: bool },
  ...proxyFields,
  http_headers: { codec: ptr(stringMap(headerCodec)), ...o },
};

/** DefaultHTTPClientConfig: follow redirects, HTTP/2 on. */
export function defaultHTTPClientConfig(overrides?: Partial<HTTPClientConfig>): HTTPClientConfig {
  return {
    basic_auth: undefined,
    authorization: undefined,
    oauth2: undefined,
    bearer_token: '',
    bearer_token_file: '',
    tls_config: defaultTLSConfig(),
    follow_redirects: true,
    enable_http2: true,
    ...defaultProxyConfig(),
    http_headers: undefined,
    ...overrides,
  };
}

export function validateProxyConfig(c: ProxyConfig): string | null {
  const hasProxyURL = c.proxy_url !== undefined && c.proxy_url !== '';
  if (Object.keys(c.proxy_connect_header).length > 0 && !c.proxy_from_environment && !hasProxyURL) {
    return 'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured';
  }
  if (c.proxy_from_environment && hasProxyURL) return 'if proxy_from_environment is configured, proxy_url must not be configured';
  if (c.proxy_from_environment && c.no_proxy !== '') return 'if proxy_from_environment is configured, no_proxy must not be configured';
  if (c.proxy_url === undefined && c.no_proxy !== '') return 'if no_proxy is configured, proxy_url must also be configured';
  return null;
}

const RESERVED_HEADERS = new Set([
  'Authorization', 'Host', 'Content-Encoding', 'Content-Length', 'Content-Type', 'User-Agent', 'Connection', 'Keep-Alive',
  'Proxy-Authenticate', 'Proxy-Authorization', 'Www-Authenticate', 'Accept-Encoding', 'X-Prometheus-Remote-Write-Version',
  'X-Prometheus-Remote-Read-Version', 'X-Prometheus-Scrape-Timeout-Seconds', 'X-Amz-Date', 'X-Amz-Security-Token',
  'X-Amz-Content-Sha256',
]);

/** http.CanonicalHeaderKey. */
export function canonicalHeaderKey(s: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s)) return s;
  return s.toLowerCase().replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function count(...xs: boolean[]): number {
  return xs.filter(Boolean).length;
}

function validateOAuth2(o2: OAuth2, basicAuth: BasicAuth | undefined): string | null {
  if (basicAuth) return 'at most one of basic_auth, oauth2 & authorization must be configured';
  if (o2.client_id === '') return 'oauth2 client_id must be configured';
  if (o2.token_url === '') return 'oauth2 token_url must be configured';
  if (o2.grant_type === GRANT_TYPE_JWT_BEARER) {
    if (count(o2.client_certificate_key !== '', o2.client_certificate_key_file !== '', o2.client_certificate_key_ref !== '') > 1) {
      return `at most one of oauth2 client_certificate_key, client_certificate_key_file & client_certificate_key_ref must be configured using grant-type=${GRANT_TYPE_JWT_BEARER}`;
    }
    if (o2.signature_algorithm !== '' && !VALID_SIGNATURE_ALGORITHMS.includes(o2.signature_algorithm)) {
      return 'valid signature algorithms are RS256, RS384 and RS512';
    }
  } else if (count(o2.client_secret !== '', o2.client_secret_file !== '', o2.client_secret_ref !== '') > 1) {
    return 'at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured using grant-type=client_credentials';
  }
  return null;
}

function validateAuthorization(c: HTTPClientConfig, a: Authorization): string | null {
  if (c.bearer_token !== '' || c.bearer_token_file !== '') return 'authorization is not compatible with bearer_token & bearer_token_file';
  if (count(a.credentials !== '', a.credentials_file !== '', a.credentials_ref !== '') > 1) {
    return 'at most one of authorization credentials & credentials_file must be configured';
  }
  a.type = a.type.trim();
  if (a.type === '') a.type = 'Bearer';
  if (a.type.toLowerCase() === 'basic') return 'authorization type cannot be set to "basic", use "basic_auth" instead';
  if (c.basic_auth || c.oauth2) return 'at most one of basic_auth, oauth2 & authorization must be configured';
  return null;
}

/**
 * HTTPClientConfig.Validate: returns upstream's error text or null. Like upstream it also
 * normalises: a legacy bearer_token(_file) becomes an `authorization` of type Bearer.
 */
export function validateHTTPClientConfig(c: HTTPClientConfig): string | null {
  if (c.bearer_token !== '' && c.bearer_token_file !== '') return 'at most one of bearer_token & bearer_token_file must be configured';
  if ((c.basic_auth || c.oauth2) && (c.bearer_token !== '' || c.bearer_token_file !== '')) {
    return 'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured';
  }
  const ba = c.basic_auth;
  if (ba && count(ba.username !== '', ba.username_file !== '', ba.username_ref !== '') > 1) {
    return 'at most one of basic_auth username, username_file & username_ref must be configured';
  }
  if (ba && count(ba.password !== '', ba.password_file !== '', ba.password_ref !== '') > 1) {
    return 'at most one of basic_auth password, password_file & password_ref must be configured';
  }
  if (c.authorization) {
    const err = validateAuthorization(c, c.authorization);
    if (err) return err;
  } else if (c.bearer_token !== '') {
    c.authorization = { type: 'Bearer', credentials: c.bearer_token, credentials_file: '', credentials_ref: '' };
    c.bearer_token = '';
  } else if (c.bearer_token_file !== '') {
    c.authorization = { type: 'Bearer', credentials: '', credentials_file: c.bearer_token_file, credentials_ref: '' };
    c.bearer_token_file = '';
  }
  if (c.oauth2) {
    const err = validateOAuth2(c.oauth2, c.basic_auth);
    if (err) return err;
  }
  const perr = validateProxyConfig(c);
  if (perr) return perr;
  for (const name of Object.keys(c.http_headers ?? {})) {
    const key = canonicalHeaderKey(name);
    if (RESERVED_HEADERS.has(key)) return `setting header "${key}" is not allowed`;
  }
  return null;
}

/** Validates inline HTTP client fields from a struct's validate hook (fails the decode). */
export function checkHTTPClientConfig(c: HTTPClientConfig, d: Decoder): void {
  const err = validateHTTPClientConfig(c);
  if (err) d.fail(err);
}

/** A standalone http client config (as an http_config file or nested field). */
export const httpClientConfigCodec: Codec<HTTPClientConfig> = struct<HTTPClientConfig>({
  goType: 'config.plain',
  fields: httpClientFields,
  defaults: () => defaultHTTPClientConfig(),
  validate: checkHTTPClientConfig,
});

/** HTTPClientConfig.SetDirectory. */
export function setHTTPClientDirectory(c: HTTPClientConfig, dir: string): void {
  setTLSDirectory(c.tls_config, dir);
  if (c.basic_auth) {
    c.basic_auth.password_file = joinDir(dir, c.basic_auth.password_file);
    c.basic_auth.username_file = joinDir(dir, c.basic_auth.username_file);
  }
  if (c.authorization) c.authorization.credentials_file = joinDir(dir, c.authorization.credentials_file);
  if (c.oauth2) {
    c.oauth2.client_secret_file = joinDir(dir, c.oauth2.client_secret_file);
    setTLSDirectory(c.oauth2.tls_config, dir);
  }
  for (const h of Object.values(c.http_headers ?? {})) h.files = h.files.map((f) => joinDir(dir, f));
  c.bearer_token_file = joinDir(dir, c.bearer_token_file);
}

/** Reads a `*_file` secret at use time, trimming surrounding whitespace like upstream. */
export function readSecretFile(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

