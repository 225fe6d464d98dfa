/**
 * The web.config.file format of prometheus/exporter-toolkit: TLS server settings, HTTP server
 * settings (HTTP/2, security headers), basic auth users with bcrypt hashes. Loading, upstream's
 * validation (web.Validate) and password verification.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import bcrypt from 'bcryptjs';
import { goQuote } from '../model/strconv/index.js';
import {
  bool,
  type Codec,
  DecodeFailure,
  Decoder,
  duration,
  int,
  joinDir,
  list,
  namedString,
  parseYamlTree,
  ResolveError,
  secret,
  str,
  stringList,
  stringMap,
  struct,
  UnmarshalErrors,
  YamlSyntaxError,
} from './common/index.js';

/** Go's tls.CipherSuites() names, with their OpenSSL names for node:tls. */
export const TLS_CIPHER_SUITES: Readonly<Record<string, string>> = {
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_AES_128_GCM_SHA256: 'TLS_AES_128_GCM_SHA256',
  TLS_AES_256_GCM_SHA384: 'TLS_AES_256_GCM_SHA384',
  TLS_CHACHA20_POLY1305_SHA256: 'TLS_CHACHA20_POLY1305_SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
};

/** Go curve names with their OpenSSL names. */
export const TLS_CURVES: Readonly<Record<string, string>> = { CurveP256: 'P-256', CurveP384: 'P-384', CurveP521: 'P-521', X25519: 'X25519' };

const TLS_VERSIONS = ['TLS10', 'TLS11', 'TLS12', 'TLS13'];

export interface WebTLSConfig {
  cert: string;
  key: string;
  client_ca: string;
  cert_file: string;
  key_file: string;
  client_auth_type: string;
  client_ca_file: string;
  cipher_suites: string[];
  curve_preferences: string[];
  min_version: string;
  max_version: string;
  prefer_server_cipher_suites: boolean;
  client_allowed_sans: string[];
}

export interface WebHTTPConfig {
  http2: boolean;
  headers: Record<string, string>;
}

export interface WebConfig {
  tls_server_config: WebTLSConfig;
  http_server_config: WebHTTPConfig;
  rate_limit: { burst: number; interval: number };
  /** user name -> bcrypt hash. */
  basic_auth_users: Record<string, string>;
}

export class WebConfigError extends Error {
  override name = 'WebConfigError';
}

const checked = (goType: string, valid: (v: string) => boolean, msg: string): Codec<string> =>
  namedString(goType, (v, d) => {
    if (!valid(v)) d.fail(msg + v);
  });

const o = { omitempty: true } as const;

function webTLSDefaults(): WebTLSConfig {
  return {
    cert: '',
    key: '',
    client_ca: '',
    cert_file: '',
    key_file: '',
    client_auth_type: '',
    client_ca_file: '',
    cipher_suites: [],
    curve_preferences: [],
    min_version: 'TLS12',
    max_version: 'TLS13',
    prefer_server_cipher_suites: true,
    client_allowed_sans: [],
  };
}

const tlsCodec = struct<WebTLSConfig>({
  goType: 'web.TLSConfig',
  fields: {
    cert: { codec: str },
    key: { codec: secret },
    client_ca: { codec: str },
    cert_file: { codec: str },
    key_file: { codec: str },
    client_auth_type: { codec: str },
    client_ca_file: { codec: str },
    cipher_suites: { codec: list(checked('web.Cipher', (v) => v in TLS_CIPHER_SUITES, 'unknown cipher: ')) },
    curve_preferences: { codec: list(checked('web.Curve', (v) => v in TLS_CURVES, 'unknown curve: ')) },
    min_version: { codec: checked('web.TLSVersion', (v) => TLS_VERSIONS.includes(v), 'unknown TLS version: ') },
    max_version: { codec: checked('web.TLSVersion', (v) => TLS_VERSIONS.includes(v), 'unknown TLS version: ') },
    prefer_server_cipher_suites: { codec: bool },
    client_allowed_sans: { codec: stringList },
  },
  defaults: webTLSDefaults,
});

function webDefaults(): WebConfig {
  return {
    tls_server_config: webTLSDefaults(),
    http_server_config: { http2: true, headers: Object.create(null) as Record<string, string> },
    rate_limit: { burst: 0, interval: 0 },
    basic_auth_users: Object.create(null) as Record<string, string>,
  };
}

const webCodec = struct<WebConfig>({
  goType: 'web.Config',
  fields: {
    tls_server_config: { codec: tlsCodec },
    http_server_config: {
      codec: struct<WebHTTPConfig>({
        goType: 'web.HTTPConfig',
        fields: { http2: { codec: bool }, headers: { codec: stringMap(str), ...o } },
        defaults: () => ({ http2: true, headers: Object.create(null) as Record<string, string> }),
      }),
    },
    rate_limit: {
      codec: struct<{ burst: number; interval: number }>({
        goType: 'web.RateLimiterConfig',
        fields: { burst: { codec: int }, interval: { codec: duration } },
        defaults: () => ({ burst: 0, interval: 0 }),
      }),
    },
    basic_auth_users: { codec: stringMap(secret) },
  },
  defaults: webDefaults,
});

const EXTRA_HTTP_HEADERS: Readonly<Record<string, readonly string[]>> = {
  'Strict-Transport-Security': [],
  'X-Content-Type-Options': ['nosniff'],
  'X-Frame-Options': ['deny', 'sameorigin'],
  'X-XSS-Protection': [],
  'Content-Security-Policy': [],
};

function validateHeaderConfig(headers: Record<string, string>): void {
  for (const [k, v] of Object.entries(headers)) {
    const values = EXTRA_HTTP_HEADERS[k];
    if (!values) throw new WebConfigError(`HTTP header ${goQuote(k)} can not be configured`);
    if (values.length > 0 && !values.includes(v)) {
      throw new WebConfigError(`invalid value for ${k}. Expected one of: [${values.map(goQuote).join(' ')}], but got: ${goQuote(v)}`);
    }
  }
}

/** Parses a web config text (strict), checks headers; relative TLS paths join `dir`. */
export function parseWebConfig(text: string, dir = '.'): WebConfig {
  let cfg: WebConfig;
  try {
    const root = parseYamlTree(text);
    const d = new Decoder();
    cfg = root === null ? webDefaults() : webCodec.decode(root, d);
    d.finish();
  } catch (e) {
    if (e instanceof DecodeFailure || e instanceof UnmarshalErrors || e instanceof YamlSyntaxError || e instanceof ResolveError) {
      throw new WebConfigError(e.message);
    }
    throw e;
  }
  validateHeaderConfig(cfg.http_server_config.headers);
  const t = cfg.tls_server_config;
  t.cert_file = joinDir(dir, t.cert_file);
  t.key_file = joinDir(dir, t.key_file);
  t.client_ca_file = joinDir(dir, t.client_ca_file);
  return cfg;
}

/** Reads and parses a web config file. */
export function loadWebConfigFile(path: string): WebConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new WebConfigError(`open ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
  return parseWebConfig(text, dirname(path));
}

/** bcrypt.Cost's checks of a stored hash; returns the x/crypto error text or null. */
export function checkBcryptHash(hash: string): string | null {
  if (hash.length < 59) return 'crypto/bcrypt: hashedSecret too short to be a bcrypted password';
  if (hash[0] !== '$') return `crypto/bcrypt: bcrypt hashes must start with '$', but hashedSecret started with '${hash[0]}'`;
  if ((hash[1] ?? '') > '2') return `crypto/bcrypt: bcrypt algorithm version '${hash[1]}' requested is newer than current version '2'`;
  const rest = hash[2] === '$' ? hash.slice(3) : hash.slice(4);
  const cost = Number(rest.slice(0, 2));
  if (!/^\d\d$/.test(rest.slice(0, 2))) return `strconv.Atoi: parsing ${goQuote(rest.slice(0, 2))}: invalid syntax`;
  if (cost < 4 || cost > 31) return `crypto/bcrypt: cost ${cost} is outside allowed inclusive range 4..31`;
  return null;
}

/** True when `password` matches the user's bcrypt hash ($2a$, $2b$, $2y$). */
export function verifyBasicAuth(users: Readonly<Record<string, string>>, user: string, password: string): boolean {
  const hash = Object.prototype.hasOwnProperty.call(users, user) ? users[user] : undefined;
  if (hash === undefined || checkBcryptHash(hash) !== null) return false;
  try {
    return bcrypt.compareSync(password, hash.replace(/^\$2y\$/, '$2b$'));
  } catch {
    return false;
  }
}

function readOrInline(path: string, inline: string, what: string): string {
  if (path === '') return inline;
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WebConfigError(`failed to read ${what} (${path}): open ${path}: ${code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
}

/** ConfigToTLSConfig's checks (cert/key present and loadable, client auth policy). */
export function checkWebTLSConfig(t: WebTLSConfig): void {
  const enabled = t.cert_file !== '' || t.cert !== '' || t.key_file !== '' || t.key !== '' || t.client_ca_file !== '' || t.client_ca !== '' || t.client_auth_type !== '';
  if (!enabled) return;
  if (t.cert_file === '' && t.cert === '') throw new WebConfigError('missing one of cert or cert_file');
  if (t.key_file === '' && t.key === '') throw new WebConfigError('missing one of key or key_file');
  const certPem = readOrInline(t.cert_file, t.cert, 'cert_file');
  const keyPem = readOrInline(t.key_file, t.key, 'key_file');
  try {
    const cert = new X509Certificate(certPem);
    const key = createPrivateKey(keyPem);
    if (!cert.checkPrivateKey(key)) throw new Error('tls: private key does not match public key');
  } catch (e) {
    throw new WebConfigError(`failed to load X509KeyPair: ${(e as Error).message}`);
  }
  if (t.client_ca_file !== '') readOrInline(t.client_ca_file, '', 'client_ca_file');
  const auth = ['', 'NoClientCert', 'RequestClientCert', 'RequireAnyClientCert', 'RequireClientCert', 'VerifyClientCertIfGiven', 'RequireAndVerifyClientCert'];
  if (!auth.includes(t.client_auth_type)) throw new WebConfigError(`invalid ClientAuth: ${t.client_auth_type}`);
  const noClientCert = t.client_auth_type === '' || t.client_auth_type === 'NoClientCert';
  if ((t.client_ca_file !== '' || t.client_ca !== '') && noClientCert) {
    throw new WebConfigError("client CA's have been configured without a Client Auth Policy");
  }
}

/** web.Validate: users' hashes, then the TLS settings. Throws WebConfigError. */
export function validateWebConfigFile(path: string): WebConfig {
  const cfg = loadWebConfigFile(path);
  for (const hash of Object.values(cfg.basic_auth_users)) {
    const err = checkBcryptHash(hash);
    if (err) throw new WebConfigError(err);
  }
  checkWebTLSConfig(cfg.tls_server_config);
  return cfg;
}
