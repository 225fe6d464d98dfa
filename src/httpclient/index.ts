/**
 * The HTTP client every outgoing connection configured by an http_config uses (scrapes,
 * notification integrations): TLS, authentication, OAuth 2, proxies, redirects.
 */
export { HTTPClient, HTTPClientConfigError, RequestError, tlsOptions } from './http-client.js';
export { OAuth2Error } from './oauth2.js';
export {
  secretValue,
  type AuthorizationLike,
  type BasicAuthLike,
  type HeaderLike,
  type HTTPClientConfigLike,
  type OAuth2Like,
  type SecretLike,
  type TLSConfigLike,
} from './config-like.js';
