/**
 * The config groundwork shared by every config file type (the counterpart of
 * prometheus/common/config): a go-yaml v2 compatible decoding layer over the YAML tree, Go
 * scalar types (durations, byte sizes, secrets, URLs), the HTTP client and TLS configs.
 */
export { parseYamlTree, nullNode, YamlSyntaxError, type YNode, type YMap, type YSeq, type YScalar, type YPair } from './yaml-tree.js';
export { resolveScalar, decodeBinary, bytesToString, isNullScalar, ResolveError, type Resolved } from './resolve.js';
export {
  Decoder,
  DecodeFailure,
  UnmarshalErrors,
  decodeNode,
  decodeFieldsInto,
  encodeFields,
  isNull,
  list,
  ptr,
  stringMap,
  struct,
  type Codec,
  type ExtraFields,
  type FieldSpec,
  type Fields,
  type StructOptions,
} from './decoder.js';
export {
  anyValue,
  base2Bytes,
  bool,
  decodeString,
  duration,
  float64,
  int,
  int64,
  namedString,
  optionalBool,
  secret,
  secretList,
  str,
  stringList,
  toPlain,
  uint,
  uint64,
  url,
} from './scalars.js';
export { parseDuration, formatDuration } from './duration.js';
export { parseBase2Bytes, formatBase2Bytes } from './units.js';
export { parseGoURL, redactURL, URLError, type GoURL } from './go-url.js';
export { joinDir } from './join-dir.js';
export {
  defaultTLSConfig,
  setTLSDirectory,
  tlsConfigCodec,
  tlsConfigFields,
  validateTLSConfig,
  TLS_VERSIONS,
  type TLSConfig,
} from './tls-config.js';
export {
  canonicalHeaderKey,
  checkHTTPClientConfig,
  defaultHTTPClientConfig,
  httpClientConfigCodec,
  httpClientFields,
  proxyFields,
  readSecretFile,
  setHTTPClientDirectory,
  validateHTTPClientConfig,
  validateProxyConfig,
  type Authorization,
  type BasicAuth,
  type Header,
  type HTTPClientConfig,
  type OAuth2,
  type ProxyConfig,
} from './http-client-config.js';
