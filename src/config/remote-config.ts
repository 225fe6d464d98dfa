/**
 * remote_write and remote_read sections: endpoints with the HTTP client config inlined,
 * queue and metadata settings, SigV4 / Azure AD / Google IAM auth, headers with upstream's
 * reserved-header rules.
 */
import type { RelabelConfig } from '../model/relabel/index.js';
import { Labels } from '../model/labels/index.js';
import {
  bool,
  checkHTTPClientConfig,
  type Decoder,
  defaultHTTPClientConfig,
  duration,
  type HTTPClientConfig,
  httpClientFields,
  int,
  ptr,
  secret,
  setHTTPClientDirectory,
  str,
  stringMap,
  struct,
  uint64,
  url,
} from './common/index.js';
import { relabelList } from './relabel-list.js';
import { labelSet } from './sd/index.js';

const o = { omitempty: true } as const;

const RESERVED_HEADERS = new Set([
  'host', 'content-encoding', 'content-length', 'content-type', 'user-agent', 'connection', 'keep-alive', 'proxy-authenticate',
  'proxy-authorization', 'www-authenticate', 'accept-encoding', 'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256',
]);

/** validateHeaders (remote read/write); `tracing` switches to the tracing wording. */
export function validateHeaders(headers: Record<string, string>, tracing = false): string | null {
  for (const h of Object.keys(headers)) {
    if (h.toLowerCase() === 'authorization') {
      return tracing
        ? 'custom authorization header configuration is not yet supported'
        : 'authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter';
    }
    if (RESERVED_HEADERS.has(h.toLowerCase())) return `${h} is a reserved header. It must not be changed`;
  }
  return null;
}

export interface QueueConfig {
  capacity: number;
  max_shards: number;
  min_shards: number;
  max_samples_per_send: number;
  batch_send_deadline: number;
  min_backoff: number;
  max_backoff: number;
  retry_on_http_429: boolean;
  sample_age_limit: number;
}

export interface MetadataConfig {
  send: boolean;
  send_interval: number;
  max_samples_per_send: number;
}

export interface SigV4Config {
  region: string;
  access_key: string;
  secret_key: string;
  profile: string;
  role_arn: string;
  external_id: string;
  use_fips_sts_endpoint: boolean;
  service_name: string;
}

export interface AzureADConfig {
  managed_identity: { client_id: string } | undefined;
  workload_identity: { client_id: string; tenant_id: string; token_file_path: string } | undefined;
  oauth: { client_id: string; client_secret: string; tenant_id: string } | undefined;
  sdk: { tenant_id: string } | undefined;
  certificate:
    | { client_id: string; tenant_id: string; certificate_path: string; certificate_key_path: string; certificate_password: string; send_certificate_chain: boolean }
    | undefined;
  cloud: string;
  scope: string;
}

export interface GoogleIAMConfig {
  credentials_file: string;
}

export type RemoteWriteMessage = 'prometheus.WriteRequest' | 'io.prometheus.write.v2.Request';

export interface RemoteWriteConfig extends HTTPClientConfig {
  url: string | undefined;
  remote_timeout: number;
  headers: Record<string, string>;
  write_relabel_configs: RelabelConfig[];
  name: string;
  send_exemplars: boolean;
  send_native_histograms: boolean;
  round_robin_dns: boolean;
  protobuf_message: string;
  failed_request_logging: boolean;
  queue_config: QueueConfig;
  metadata_config: MetadataConfig;
  sigv4: SigV4Config | undefined;
  azuread: AzureADConfig | undefined;
  google_iam: GoogleIAMConfig | undefined;
}

export function defaultQueueConfig(): QueueConfig {
  return {
    capacity: 10000,
    max_shards: 50,
    min_shards: 1,
    max_samples_per_send: 2000,
    batch_send_deadline: 5000,
    min_backoff: 30,
    max_backoff: 5000,
    retry_on_http_429: false,
    sample_age_limit: 0,
  };
}

const queueConfigCodec = struct<QueueConfig>({
  goType: 'config.QueueConfig',
  fields: {
    capacity: { codec: int, ...o },
    max_shards: { codec: int, ...o },
    min_shards: { codec: int, ...o },
    max_samples_per_send: { codec: int, ...o },
    batch_send_deadline: { codec: duration, ...o },
    min_backoff: { codec: duration, ...o },
    max_backoff: { codec: duration, ...o },
    retry_on_http_429: { codec: bool, ...o },
    sample_age_limit: { codec: duration, ...o },
  },
  defaults: defaultQueueConfig,
});

const metadataConfigCodec = struct<MetadataConfig>({
  goType: 'config.MetadataConfig',
  fields: { send: { codec: bool }, send_interval: { codec: duration }, max_samples_per_send: { codec: int, ...o } },
  defaults: () => ({ send: true, send_interval: 60_000, max_samples_per_send: 2000 }),
});

export const sigv4Codec = struct<SigV4Config>({
  goType: 'sigv4.plain',
  fields: {
    region: { codec: str, ...o },
    access_key: { codec: str, ...o },
    secret_key: { codec: secret, ...o },
    profile: { codec: str, ...o },
    role_arn: { codec: str, ...o },
    external_id: { codec: str, ...o },
    use_fips_sts_endpoint: { codec: bool, ...o },
    service_name: { codec: str, ...o },
  },
  defaults: () => ({ region: '', access_key: '', secret_key: '', profile: '', role_arn: '', external_id: '', use_fips_sts_endpoint: false, service_name: '' }),
  validate(c, d) {
    if ((c.access_key === '') !== (c.secret_key === '')) {
      d.fail('must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config');
    }
  },
});

const UUID = /^(urn:uuid:|\{)?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$/;

function sub<T>(goType: string, fields: Parameters<typeof struct<T>>[0]['fields'], defaults: () => T): ReturnType<typeof ptr<T>> {
  return ptr(struct<T>({ goType, fields, defaults }));
}

function validateAzureAD(c: AzureADConfig, d: Decoder): void {
  if (c.cloud === '') c.cloud = 'AzurePublic';
  if (!['AzureChina', 'AzureGovernment', 'AzurePublic'].includes(c.cloud)) d.fail('must provide a cloud in the Azure AD config');
  const n = [c.managed_identity, c.workload_identity, c.oauth, c.sdk, c.certificate].filter((x) => x !== undefined).length;
  if (n === 0) {
    d.fail('must provide an Azure Managed Identity, Azure Workload Identity, Azure OAuth, Azure Certificate or Azure SDK in the Azure AD config');
  }
  if (n > 1) d.fail('cannot provide multiple authentication methods in the Azure AD config');
  const mi = c.managed_identity;
  if (mi && mi.client_id !== '' && !UUID.test(mi.client_id)) d.fail('the provided Azure Managed Identity client_id is invalid');
  const wi = c.workload_identity;
  if (wi) {
    if (wi.client_id === '') d.fail('must provide an Azure Workload Identity client_id in the Azure AD config');
    if (wi.tenant_id === '') d.fail('must provide an Azure Workload Identity tenant_id in the Azure AD config');
    if (!UUID.test(wi.client_id)) d.fail('the provided Azure Workload Identity client_id is invalid');
    if (!UUID.test(wi.tenant_id)) d.fail('the provided Azure Workload Identity tenant_id is invalid');
  }
  const oa = c.oauth;
  if (oa) {
    if (oa.client_id === '') d.fail('must provide an Azure OAuth client_id in the Azure AD config');
    if (oa.client_secret === '') d.fail('must provide an Azure OAuth client_secret in the Azure AD config');
    if (oa.tenant_id === '') d.fail('must provide an Azure OAuth tenant_id in the Azure AD config');
    if (!UUID.test(oa.client_id)) d.fail('the provided Azure OAuth client_id is invalid');
  }
  const ce = c.certificate;
  if (ce) {
    if (ce.client_id === '') d.fail('must provide an Azure Certificate client_id in the Azure AD config');
    if (ce.tenant_id === '') d.fail('must provide an Azure Certificate tenant_id in the Azure AD config');
    if (ce.certificate_path === '') d.fail('must provide an Azure Certificate certificate_path in the Azure AD config');
    if (!UUID.test(ce.client_id)) d.fail('the provided Azure Certificate client_id is invalid');
  }
  if (c.scope !== '' && !/^[\w\s:/.-]+$/.test(c.scope)) d.fail('the provided scope contains invalid characters');
}

const azureADCodec = struct<AzureADConfig>({
  goType: 'azuread.plain',
  fields: {
    managed_identity: { codec: sub('azuread.ManagedIdentityConfig', { client_id: { codec: str, ...o } }, () => ({ client_id: '' })), ...o },
    workload_identity: {
      codec: sub(
        'azuread.WorkloadIdentityConfig',
        { client_id: { codec: str, ...o }, tenant_id: { codec: str, ...o }, token_file_path: { codec: str, ...o } },
        () => ({ client_id: '', tenant_id: '', token_file_path: '' }),
      ),
      ...o,
    },
    oauth: {
      codec: sub(
        'azuread.OAuthConfig',
        { client_id: { codec: str, ...o }, client_secret: { codec: secret, ...o }, tenant_id: { codec: str, ...o } },
        () => ({ client_id: '', client_secret: '', tenant_id: '' }),
      ),
      ...o,
    },
    sdk: { codec: sub('azuread.SDKConfig', { tenant_id: { codec: str, ...o } }, () => ({ tenant_id: '' })), ...o },
    certificate: {
      codec: sub(
        'azuread.CertificateConfig',
        {
          client_id: { codec: str, ...o },
          tenant_id: { codec: str, ...o },
          certificate_path: { codec: str, ...o },
          certificate_key_path: { codec: str, ...o },
          certificate_password: { codec: secret, ...o },
          send_certificate_chain: { codec: bool, ...o },
        },
        () => ({ client_id: '', tenant_id: '', certificate_path: '', certificate_key_path: '', certificate_password: '', send_certificate_chain: false as boolean }),
      ),
      ...o,
    },
    cloud: { codec: str, ...o },
    scope: { codec: str, ...o },
  },
  defaults: () => ({ managed_identity: undefined, workload_identity: undefined, oauth: undefined, sdk: undefined, certificate: undefined, cloud: '', scope: '' }),
  validate: validateAzureAD,
});

const googleIAMCodec = struct<GoogleIAMConfig>({
  goType: 'googleiam.Config',
  fields: { credentials_file: { codec: str, ...o } },
  defaults: () => ({ credentials_file: '' }),
});

const REMOTE_WRITE_MESSAGES = ['prometheus.WriteRequest', 'io.prometheus.write.v2.Request'];

function validateQueue(q: QueueConfig): string | null {
  if (q.max_shards <= 0) return 'remote write queue max_shards must be positive';
  if (q.min_shards <= 0) return 'remote write queue min_shards must be positive';
  if (q.min_shards > q.max_shards) return 'remote write queue min_shards must not be greater than max_shards';
  if (q.max_samples_per_send <= 0) return 'remote write queue max_samples_per_send must be positive';
  if (q.capacity <= 0) return 'remote write queue capacity must be positive';
  if (q.max_backoff < q.min_backoff) return 'remote write queue max_backoff must not be less than min_backoff';
  return null;
}

function validateRemoteWrite(c: RemoteWriteConfig, d: Decoder): void {
  if (c.url === undefined) d.fail('url for remote_write is empty');
  const herr = validateHeaders(c.headers);
  if (herr) d.fail(herr);
  if (!REMOTE_WRITE_MESSAGES.includes(c.protobuf_message)) {
    d.fail(
      `invalid protobuf_message value: unknown type for remote write protobuf message ${c.protobuf_message}, supported: ${REMOTE_WRITE_MESSAGES.join(', ')}`,
    );
  }
  checkHTTPClientConfig(c, d);
  const qerr = validateQueue(c.queue_config);
  if (qerr) d.fail(qerr);
  const auth: string[] = [];
  if (c.basic_auth) auth.push('basic_auth');
  if (c.authorization) auth.push('authorization');
  if (c.oauth2) auth.push('oauth2');
  if (c.sigv4) auth.push('sigv4');
  if (c.azuread) auth.push('azuread');
  if (c.google_iam) auth.push('google_iam');
  if (auth.length > 1) {
    d.fail(`at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [${auth.join(' ')}]`);
  }
}

export const remoteWriteCodec = struct<RemoteWriteConfig>({
  goType: 'config.plain',
  fields: {
    url: { codec: url },
    remote_timeout: { codec: duration, ...o },
    headers: { codec: stringMap(str), ...o },
    write_relabel_configs: { codec: relabelList('empty or null relabeling rule in remote write config'), ...o },
    name: { codec: str, ...o },
    send_exemplars: { codec: bool, ...o },
    send_native_histograms: { codec: bool, ...o },
    round_robin_dns: { codec: bool, ...o },
    protobuf_message: { codec: str, ...o },
    failed_request_logging: { codec: bool, ...o },
    ...httpClientFields,
    queue_config: { codec: queueConfigCodec, ...o },
    metadata_config: { codec: metadataConfigCodec, ...o },
    sigv4: { codec: ptr(sigv4Codec), ...o },
    azuread: { codec: ptr(azureADCodec), ...o },
    google_iam: { codec: ptr(googleIAMCodec), ...o },
  },
  defaults: () => ({
    url: undefined,
    remote_timeout: 30_000,
    headers: Object.create(null) as Record<string, string>,
    write_relabel_configs: [],
    name: '',
    send_exemplars: false,
    send_native_histograms: false,
    round_robin_dns: false,
    protobuf_message: 'prometheus.WriteRequest',
    failed_request_logging: false,
    ...defaultHTTPClientConfig({ enable_http2: false }),
    queue_config: defaultQueueConfig(),
    metadata_config: { send: true, send_interval: 60_000, max_samples_per_send: 2000 },
    sigv4: undefined,
    azuread: undefined,
    google_iam: undefined,
  }),
  validate: validateRemoteWrite,
});

export interface RemoteReadConfig extends HTTPClientConfig {
  url: string | undefined;
  remote_timeout: number;
  chunked_read_limit: number;
  headers: Record<string, string>;
  read_recent: boolean;
  name: string;
  required_matchers: Labels;
  filter_external_labels: boolean;
}

export const remoteReadCodec = struct<RemoteReadConfig>({
  goType: 'config.plain',
  fields: {
    url: { codec: url },
    remote_timeout: { codec: duration, ...o },
    chunked_read_limit: { codec: uint64, ...o },
    headers: { codec: stringMap(str), ...o },
    read_recent: { codec: bool, ...o },
    name: { codec: str, ...o },
    ...httpClientFields,
    required_matchers: { codec: labelSet, ...o },
    filter_external_labels: { codec: bool, ...o },
  },
  defaults: () => ({
    url: undefined,
    remote_timeout: 60_000,
    chunked_read_limit: 5e7,
    headers: Object.create(null) as Record<string, string>,
    read_recent: false,
    name: '',
    ...defaultHTTPClientConfig(),
    required_matchers: Labels.EMPTY,
    filter_external_labels: true,
  }),
  validate(c, d) {
    if (c.url === undefined) d.fail('url for remote_read is empty');
    const herr = validateHeaders(c.headers);
    if (herr) d.fail(herr);
    checkHTTPClientConfig(c, d);
  },
});

/** Remote write/read SetDirectory: the HTTP client's files. */
export function setRemoteDirectory(c: HTTPClientConfig, dir: string): void {
  setHTTPClientDirectory(c, dir);
}
