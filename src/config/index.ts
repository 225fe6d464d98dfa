/**
 * Configuration: prometheus.yml types, loading and validation with upstream's rules and error
 * texts, the HTTP client config, every SD mechanism's config, and web.config.file.
 */
export { ConfigError, expandEnv, getScrapeConfigs, isLoaded, loadConfig, loadConfigFile, setDirectory, type LoadOptions } from './load.js';
export { configToYaml } from './marshal.js';
export { type Config, defaultConfig } from './config.js';
export {
  DEFAULT_PROTO_FIRST_SCRAPE_PROTOCOLS,
  DEFAULT_SCRAPE_PROTOCOLS,
  defaultGlobalConfig,
  SCRAPE_PROTOCOL_HEADERS,
  type GlobalConfig,
  type RuntimeConfig,
  type ValidationSchemeSetting,
} from './global-config.js';
export { checkTargetAddress, defaultScrapeConfig, type ScrapeConfig } from './scrape-config.js';
export type { AlertingConfig, AlertmanagerConfig } from './alerting-config.js';
export type {
  AzureADConfig,
  GoogleIAMConfig,
  MetadataConfig,
  QueueConfig,
  RemoteReadConfig,
  RemoteWriteConfig,
  SigV4Config,
} from './remote-config.js';
export type { ExemplarsConfig, OTLPConfig, StorageConfig, TracingConfig, TSDBConfig, TSDBRetentionConfig } from './storage-config.js';
export { globFiles, GlobPatternError } from './glob.js';
export {
  formatDuration,
  parseDuration,
  formatBase2Bytes,
  parseBase2Bytes,
  readSecretFile,
  validateHTTPClientConfig,
  defaultHTTPClientConfig,
  type Authorization,
  type BasicAuth,
  type Header,
  type HTTPClientConfig,
  type OAuth2,
  type ProxyConfig,
  type TLSConfig,
} from './common/index.js';
export * from './sd/index.js';
export {
  checkBcryptHash,
  checkWebTLSConfig,
  loadWebConfigFile,
  parseWebConfig,
  TLS_CIPHER_SUITES,
  TLS_CURVES,
  validateWebConfigFile,
  verifyBasicAuth,
  WebConfigError,
  type WebConfig,
  type WebHTTPConfig,
  type WebTLSConfig,
} from './web-config.js';
