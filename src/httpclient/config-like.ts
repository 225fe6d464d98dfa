/**
 * The shapes of common/config's HTTP client settings the client reads, with the YAML
 * (snake_case) names src/config uses; structural, so that every config type that embeds an
 * http_config satisfies them.
 */
/** A secret as the config keeps it: the plain string, or an object holding it. */
export type SecretLike = string | { readonly value?: unknown } | null | undefined;

export interface TLSConfigLike {
  ca?: SecretLike;
  ca_file?: string;
  cert?: SecretLike;
  cert_file?: string;
  key?: SecretLike;
  key_file?: string;
  server_name?: string;
  insecure_skip_verify?: boolean;
  min_version?: string;
  max_version?: string;
}

export interface BasicAuthLike {
  username?: string;
  username_file?: string;
  username_ref?: string;
  password?: SecretLike;
  password_file?: string;
}

export interface AuthorizationLike {
  type?: string;
  credentials?: SecretLike;
  credentials_file?: string;
}

export interface OAuth2Like {
  client_id?: string;
  client_id_file?: string;
  client_secret?: SecretLike;
  client_secret_file?: string;
  scopes?: readonly string[];
  token_url?: string;
  endpoint_params?: Readonly<Record<string, string>>;
  tls_config?: TLSConfigLike;
  proxy_url?: string | null;
}

export interface HeaderLike {
  values?: readonly string[];
  secrets?: readonly SecretLike[];
  files?: readonly string[];
}

/** common/config HTTPClientConfig, inline in a scrape config. */
export interface HTTPClientConfigLike {
  basic_auth?: BasicAuthLike | null;
  authorization?: AuthorizationLike | null;
  oauth2?: OAuth2Like | null;
  bearer_token?: SecretLike;
  bearer_token_file?: string;
  tls_config?: TLSConfigLike | null;
  proxy_url?: string | null;
  no_proxy?: string;
  proxy_from_environment?: boolean;
  proxy_connect_header?: Readonly<Record<string, readonly SecretLike[]>> | null;
  follow_redirects?: boolean;
  enable_http2?: boolean;
  http_headers?: Readonly<Record<string, HeaderLike>> | null;
}

/** The plain string of a secret field ('' when unset). */
export function secretValue(s: SecretLike): string {
  if (typeof s === 'string') return s;
  if (s !== null && typeof s === 'object' && typeof s.value === 'string') return s.value;
  return '';
}
