/**
 * config.TLSConfig of prometheus/common: CA, client certificate and key (inline, file or ref),
 * server name, verification and protocol version bounds, with upstream's validation texts.
 */
import { type Codec, type Fields, struct } from './decoder.js';
import { joinDir } from './join-dir.js';
import { bool, namedString, secret, str } from './scalars.js';

export interface TLSConfig {
  ca: string;
  cert: string;
  key: string;
  ca_file: string;
  cert_file: string;
  key_file: string;
  ca_ref: string;
  cert_ref: string;
  key_ref: string;
  server_name: string;
  insecure_skip_verify: boolean;
  /** '' (unset) or one of TLS10, TLS11, TLS12, TLS13. */
  min_version: string;
  max_version: string;
}

export const TLS_VERSIONS: readonly string[] = ['TLS10', 'TLS11', 'TLS12', 'TLS13'];

const tlsVersion = namedString('config.TLSVersion', (v, d) => {
  if (!TLS_VERSIONS.includes(v)) d.fail(`unknown TLS version: ${v}`);
});

const o = { omitempty: true } as const;

export const tlsConfigFields: Fields<TLSConfig> = {
  ca: { codec: str, ...o },
  cert: { codec: str, ...o },
  key: { codec: secret, ...o },
  ca_file: { codec: str, ...o },
  cert_file: { codec: str, ...o },
  key_file: { codec: str, ...o },
  ca_ref: { codec: str, ...o },
  cert_ref: { codec: str, ...o },
  key_ref: { codec: str, ...o },
  server_name: { codec: str, ...o },
  insecure_skip_verify: { codec: bool },
  min_version: { codec: tlsVersion, ...o },
  max_version: { codec: tlsVersion, ...o },
};

export function defaultTLSConfig(): TLSConfig {
  return {
    ca: '',
    cert: '',
    key: '',
    ca_file: '',
    cert_file: '',
    key_file: '',
    ca_ref: '',
    cert_ref: '',
    key_ref: '',
    server_name: '',
    insecure_skip_verify: false,
    min_version: '',
    max_version: '',
  };
}

function count(...xs: boolean[]): number {
  return xs.filter(Boolean).length;
}

/** TLSConfig.Validate; returns the upstream error text or null. */
export function validateTLSConfig(c: TLSConfig): string | null {
  if (count(c.ca !== '', c.ca_file !== '', c.ca_ref !== '') > 1) return 'at most one of ca, ca_file & ca_ref must be configured';
  if (count(c.cert !== '', c.cert_file !== '', c.cert_ref !== '') > 1) return 'at most one of cert, cert_file & cert_ref must be configured';
  if (count(c.key !== '', c.key_file !== '', c.key_ref !== '') > 1) return 'at most one of key and key_file must be configured';
  const usingCert = c.cert !== '' || c.cert_file !== '' || c.cert_ref !== '';
  const usingKey = c.key !== '' || c.key_file !== '' || c.key_ref !== '';
  if (usingCert && !usingKey) return 'exactly one of key or key_file must be configured when a client certificate is configured';
  if (usingKey && !usingCert) return 'exactly one of cert or cert_file must be configured when a client key is configured';
  return null;
}

/** The tls_config codec: decodes over the Go zero value, then validates. */
export const tlsConfigCodec: Codec<TLSConfig> = struct<TLSConfig>({
  goType: 'config.plain',
  fields: tlsConfigFields,
  defaults: defaultTLSConfig,
  validate(c, d) {
    const err = validateTLSConfig(c);
    if (err) d.fail(err);
  },
});

/** Joins the TLS file paths with the config file's directory. */
export function setTLSDirectory(c: TLSConfig, dir: string): void {
  c.ca_file = joinDir(dir, c.ca_file);
  c.cert_file = joinDir(dir, c.cert_file);
  c.key_file = joinDir(dir, c.key_file);
}
