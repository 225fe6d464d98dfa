/**
 * Cloud provider discovery configs: azure, digitalocean, gce, hetzner, ionos, linode, oci,
 * openstack, outscale, ovhcloud, scaleway, stackit, vultr. Fields, defaults and validation
 * as upstream; Vigil does not run them.
 */
import { goQuote } from '../../model/strconv/index.js';
import {
  bool,
  duration,
  formatDuration,
  type HTTPClientConfig,
  int,
  joinDir,
  namedString,
  parseGoURL,
  secret,
  str,
  stringList,
  type TLSConfig,
  defaultTLSConfig,
  setTLSDirectory,
  tlsConfigCodec,
} from '../common/index.js';
import { httpInline, mechanism, omit, type SDConfigBase } from './mechanism.js';

type HTTPSD<N extends string> = HTTPClientConfig & SDConfigBase & { readonly mechanism: N };

function roleCodec(pkg: string, roles: readonly string[], message: (v: string) => string): ReturnType<typeof namedString> {
  return namedString(`${pkg}.Role`, (v, d) => {
    if (!roles.includes(v)) d.fail(message(v));
  });
}

export interface AzureSDConfig extends HTTPSD<'azure'> {
  environment: string;
  port: number;
  subscription_id: string;
  tenant_id: string;
  client_id: string;
  client_secret: string;
  refresh_interval: number;
  authentication_method: string;
  resource_group: string;
}

const AZURE_AUTH = ['OAuth', 'ManagedIdentity', 'SDK', 'WorkloadIdentity'];

export const azureSD = mechanism<AzureSDConfig>({
  name: 'azure',
  pkg: 'azure',
  fields: {
    environment: { codec: str, ...omit },
    port: { codec: int },
    subscription_id: { codec: str },
    tenant_id: { codec: str, ...omit },
    client_id: { codec: str, ...omit },
    client_secret: { codec: secret, ...omit },
    refresh_interval: { codec: duration, ...omit },
    authentication_method: { codec: str, ...omit },
    resource_group: { codec: str, ...omit },
    ...httpInline.fields,
  },
  defaults: () => ({
    mechanism: 'azure',
    environment: 'AzurePublicCloud',
    port: 80,
    subscription_id: '',
    tenant_id: '',
    client_id: '',
    client_secret: '',
    refresh_interval: 300_000,
    authentication_method: 'OAuth',
    resource_group: '',
    ...httpInline.defaults(),
  }),
  validate(c, d) {
    const need = (v: string, name: string): void => {
      if (v === '') d.fail(`azure SD configuration requires a ${name}`);
    };
    need(c.subscription_id, 'subscription_id');
    if (c.authentication_method === 'OAuth') {
      need(c.tenant_id, 'tenant_id');
      need(c.client_id, 'client_id');
      need(c.client_secret, 'client_secret');
    }
    if (!AZURE_AUTH.includes(c.authentication_method)) {
      d.fail(
        `unknown authentication_type ${goQuote(c.authentication_method)}. Supported types are "OAuth", "ManagedIdentity", "SDK" or "WorkloadIdentity"`,
      );
    }
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface DigitalOceanSDConfig extends HTTPSD<'digitalocean'> {
  refresh_interval: number;
  port: number;
  role: string;
}

export const digitalOceanSD = mechanism<DigitalOceanSDConfig>({
  name: 'digitalocean',
  pkg: 'digitalocean',
  fields: {
    ...httpInline.fields,
    refresh_interval: { codec: duration },
    port: { codec: int },
    role: { codec: roleCodec('digitalocean', ['droplets', 'databases'], (v) => `unknown DigitalOcean SD role ${goQuote(v)}`) },
  },
  defaults: () => ({ mechanism: 'digitalocean', ...httpInline.defaults(), refresh_interval: 60_000, port: 80, role: 'droplets' }),
  validate(c, d) {
    if (c.role === '') d.fail('role missing (one of: droplets, databases)');
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface GCESDConfig extends SDConfigBase {
  readonly mechanism: 'gce';
  project: string;
  zone: string;
  filter: string;
  refresh_interval: number;
  port: number;
  tag_separator: string;
}

export const gceSD = mechanism<GCESDConfig>({
  name: 'gce',
  pkg: 'gce',
  fields: {
    project: { codec: str },
    zone: { codec: str },
    filter: { codec: str, ...omit },
    refresh_interval: { codec: duration, ...omit },
    port: { codec: int },
    tag_separator: { codec: str, ...omit },
  },
  defaults: () => ({ mechanism: 'gce', project: '', zone: '', filter: '', refresh_interval: 60_000, port: 80, tag_separator: ',' }),
  validate(c, d) {
    if (c.project === '') d.fail('GCE SD configuration requires a project');
    if (c.zone === '') d.fail('GCE SD configuration requires a zone');
  },
});

export interface HetznerSDConfig extends HTTPSD<'hetzner'> {
  refresh_interval: number;
  port: number;
  role: string;
  label_selector: string;
}

export const hetznerSD = mechanism<HetznerSDConfig>({
  name: 'hetzner',
  pkg: 'hetzner',
  fields: {
    ...httpInline.fields,
    refresh_interval: { codec: duration },
    port: { codec: int },
    role: { codec: roleCodec('hetzner', ['robot', 'hcloud'], (v) => `unknown role ${goQuote(v)}`) },
    label_selector: { codec: str, ...omit },
  },
  defaults: () => ({ mechanism: 'hetzner', ...httpInline.defaults(), refresh_interval: 60_000, port: 80, role: '', label_selector: '' }),
  validate(c, d) {
    if (c.role === '') d.fail('role missing (one of: robot, hcloud)');
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface IonosSDConfig extends HTTPSD<'ionos'> {
  datacenter_id: string;
  refresh_interval: number;
  port: number;
}

export const ionosSD = mechanism<IonosSDConfig>({
  name: 'ionos',
  pkg: 'ionos',
  fields: { datacenter_id: { codec: str }, ...httpInline.fields, refresh_interval: { codec: duration }, port: { codec: int } },
  defaults: () => ({ mechanism: 'ionos', datacenter_id: '', ...httpInline.defaults(), refresh_interval: 60_000, port: 80 }),
  validate(c, d) {
    if (c.datacenter_id === '') d.fail("datacenter id can't be empty");
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface LinodeSDConfig extends HTTPSD<'linode'> {
  refresh_interval: number;
  port: number;
  tag_separator: string;
  region: string;
}

export const linodeSD = mechanism<LinodeSDConfig>({
  name: 'linode',
  pkg: 'linode',
  fields: {
    ...httpInline.fields,
    refresh_interval: { codec: duration },
    port: { codec: int },
    tag_separator: { codec: str, ...omit },
    region: { codec: str, ...omit },
  },
  defaults: () => ({ mechanism: 'linode', ...httpInline.defaults(), refresh_interval: 60_000, port: 80, tag_separator: ',', region: '' }),
  validate: httpInline.validate,
  setDirectory: httpInline.setDirectory,
});

export interface OCISDConfig extends HTTPSD<'oci'> {
  auth: string;
  tenancy: string;
  user: string;
  fingerprint: string;
  key_file: string;
  key_passphrase: string;
  key_passphrase_file: string;
  region: string;
  compartments: string[];
  port: number;
  refresh_interval: number;
}

function validateOCI(c: OCISDConfig, d: { fail(m: string): never }): void {
  if (c.region === '') d.fail('oci_sd: region is required');
  if (c.auth === 'api_key') {
    if (c.tenancy === '') d.fail('oci_sd: api_key auth requires tenancy');
    if (c.user === '') d.fail('oci_sd: api_key auth requires user');
    if (c.fingerprint === '') d.fail('oci_sd: api_key auth requires fingerprint');
    if (c.key_file === '') d.fail('oci_sd: api_key auth requires key_file');
    if (c.key_passphrase !== '' && c.key_passphrase_file !== '') {
      d.fail('oci_sd: at most one of key_passphrase and key_passphrase_file must be configured');
    }
  } else if (c.auth === 'instance_principal') {
    if ([c.tenancy, c.user, c.fingerprint, c.key_file, c.key_passphrase, c.key_passphrase_file].some((v) => v !== '')) {
      d.fail('oci_sd: instance_principal auth must not have tenancy, user, fingerprint, key_file, key_passphrase, or key_passphrase_file set');
    }
  } else {
    d.fail(`oci_sd: unknown auth method ${goQuote(c.auth)}, expected "api_key" or "instance_principal"`);
  }
  c.compartments.forEach((cid, i) => {
    if (cid === '') d.fail(`oci_sd: compartments[${i}] must not be empty`);
  });
  if (c.refresh_interval <= 0) d.fail(`oci_sd: refresh_interval must be positive, got ${formatDuration(c.refresh_interval)}`);
}

export const ociSD = mechanism<OCISDConfig>({
  name: 'oci',
  pkg: 'oci',
  fields: {
    auth: { codec: str, ...omit },
    tenancy: { codec: str, ...omit },
    user: { codec: str, ...omit },
    fingerprint: { codec: str, ...omit },
    key_file: { codec: str, ...omit },
    key_passphrase: { codec: secret, ...omit },
    key_passphrase_file: { codec: str, ...omit },
    region: { codec: str },
    compartments: { codec: stringList, ...omit },
    ...httpInline.fields,
    port: { codec: int },
    refresh_interval: { codec: duration },
  },
  defaults: () => ({
    mechanism: 'oci',
    auth: 'api_key',
    tenancy: '',
    user: '',
    fingerprint: '',
    key_file: '',
    key_passphrase: '',
    key_passphrase_file: '',
    region: '',
    compartments: [],
    ...httpInline.defaults(),
    port: 80,
    refresh_interval: 60_000,
  }),
  validate(c, d) {
    validateOCI(c, d);
    httpInline.validate(c, d);
  },
  setDirectory(c, dir) {
    httpInline.setDirectory(c, dir);
    c.key_file = joinDir(dir, c.key_file);
    c.key_passphrase_file = joinDir(dir, c.key_passphrase_file);
  },
});

export interface OpenStackSDConfig extends SDConfigBase {
  readonly mechanism: 'openstack';
  identity_endpoint: string;
  username: string;
  userid: string;
  password: string;
  project_name: string;
  project_id: string;
  domain_name: string;
  domain_id: string;
  application_credential_name: string;
  application_credential_id: string;
  application_credential_secret: string;
  role: string;
  region: string;
  refresh_interval: number;
  port: number;
  all_tenants: boolean;
  tls_config: TLSConfig;
  availability: string;
}

export const openstackSD = mechanism<OpenStackSDConfig>({
  name: 'openstack',
  pkg: 'openstack',
  fields: {
    identity_endpoint: { codec: str },
    username: { codec: str },
    userid: { codec: str },
    password: { codec: secret },
    project_name: { codec: str },
    project_id: { codec: str },
    domain_name: { codec: str },
    domain_id: { codec: str },
    application_credential_name: { codec: str },
    application_credential_id: { codec: str },
    application_credential_secret: { codec: secret },
    role: {
      codec: roleCodec('openstack', ['hypervisor', 'instance', 'loadbalancer'], (v) => `unknown OpenStack SD role ${goQuote(v)}`),
    },
    region: { codec: str },
    refresh_interval: { codec: duration },
    port: { codec: int },
    all_tenants: { codec: bool, ...omit },
    tls_config: { codec: tlsConfigCodec, ...omit },
    availability: { codec: str, ...omit },
  },
  defaults: () => ({
    mechanism: 'openstack',
    identity_endpoint: '',
    username: '',
    userid: '',
    password: '',
    project_name: '',
    project_id: '',
    domain_name: '',
    domain_id: '',
    application_credential_name: '',
    application_credential_id: '',
    application_credential_secret: '',
    role: '',
    region: '',
    refresh_interval: 60_000,
    port: 80,
    all_tenants: false,
    tls_config: defaultTLSConfig(),
    availability: 'public',
  }),
  validate(c, d) {
    if (!['public', 'internal', 'admin'].includes(c.availability)) {
      d.fail(`unknown availability ${c.availability}, must be one of admin, internal or public`);
    }
    if (c.role === '') d.fail('role missing (one of: instance, hypervisor, loadbalancer)');
    if (c.region === '') d.fail('openstack SD configuration requires a region');
  },
  setDirectory: (c, dir) => setTLSDirectory(c.tls_config, dir),
});

export interface OutscaleSDConfig extends HTTPSD<'outscale'> {
  endpoint: string;
  region: string;
  access_key: string;
  secret_key: string;
  secret_key_file: string;
  refresh_interval: number;
  port: number;
}

export const outscaleSD = mechanism<OutscaleSDConfig>({
  name: 'outscale',
  pkg: 'outscale',
  fields: {
    endpoint: { codec: str, ...omit },
    region: { codec: str },
    access_key: { codec: str },
    secret_key: { codec: secret },
    secret_key_file: { codec: str },
    refresh_interval: { codec: duration, ...omit },
    port: { codec: int },
    ...httpInline.fields,
  },
  defaults: () => ({
    mechanism: 'outscale',
    endpoint: '',
    region: 'eu-west-2',
    access_key: '',
    secret_key: '',
    secret_key_file: '',
    refresh_interval: 60_000,
    port: 80,
    ...httpInline.defaults(),
  }),
  validate(c, d) {
    if (c.region === '') d.fail('outscale SD configuration requires a region');
    if (c.access_key === '') d.fail('outscale SD configuration requires access_key');
    if (c.secret_key === '' && c.secret_key_file === '') d.fail('one of secret_key & secret_key_file must be configured');
    if (c.secret_key !== '' && c.secret_key_file !== '') d.fail('at most one of secret_key & secret_key_file must be configured');
    if (c.endpoint === '') c.endpoint = `https://api.${c.region}.outscale.com/api/v1`;
    httpInline.validate(c, d);
  },
  setDirectory(c, dir) {
    c.secret_key_file = joinDir(dir, c.secret_key_file);
    httpInline.setDirectory(c, dir);
  },
});

export interface OVHcloudSDConfig extends SDConfigBase {
  readonly mechanism: 'ovhcloud';
  endpoint: string;
  application_key: string;
  application_secret: string;
  consumer_key: string;
  refresh_interval: number;
  service: string;
}

export const ovhcloudSD = mechanism<OVHcloudSDConfig>({
  name: 'ovhcloud',
  pkg: 'ovhcloud',
  fields: {
    endpoint: { codec: str },
    application_key: { codec: str },
    application_secret: { codec: secret },
    consumer_key: { codec: secret },
    refresh_interval: { codec: duration },
    service: { codec: str },
  },
  defaults: () => ({
    mechanism: 'ovhcloud',
    endpoint: 'ovh-eu',
    application_key: '',
    application_secret: '',
    consumer_key: '',
    refresh_interval: 60_000,
    service: '',
  }),
  validate(c, d) {
    if (c.endpoint === '') d.fail('endpoint can not be empty');
    if (c.application_key === '') d.fail('application key can not be empty');
    if (c.application_secret === '') d.fail('application secret can not be empty');
    if (c.consumer_key === '') d.fail('consumer key can not be empty');
    if (c.service !== 'dedicated_server' && c.service !== 'vps') d.fail(`unknown service: ${c.service}`);
  },
});

export interface ScalewaySDConfig extends HTTPSD<'scaleway'> {
  project_id: string;
  api_url: string;
  zone: string;
  access_key: string;
  secret_key: string;
  secret_key_file: string;
  name_filter: string;
  tags_filter: string[];
  refresh_interval: number;
  port: number;
  role: string;
}

export const scalewaySD = mechanism<ScalewaySDConfig>({
  name: 'scaleway',
  pkg: 'scaleway',
  fields: {
    project_id: { codec: str },
    api_url: { codec: str, ...omit },
    zone: { codec: str },
    access_key: { codec: str },
    secret_key: { codec: secret },
    secret_key_file: { codec: str },
    name_filter: { codec: str, ...omit },
    tags_filter: { codec: stringList, ...omit },
    ...httpInline.fields,
    refresh_interval: { codec: duration },
    port: { codec: int },
    role: { codec: namedString('scaleway.role', (v, d) => (['instance', 'baremetal'].includes(v) ? undefined : d.fail(`unknown role ${goQuote(v)}`))) },
  },
  defaults: () => ({
    mechanism: 'scaleway',
    project_id: '',
    api_url: 'https://api.scaleway.com',
    zone: 'fr-par-1',
    access_key: '',
    secret_key: '',
    secret_key_file: '',
    name_filter: '',
    tags_filter: [],
    ...httpInline.defaults(),
    refresh_interval: 60_000,
    port: 80,
    role: '',
  }),
  validate(c, d) {
    if (c.role === '') d.fail('role missing (one of: instance, baremetal)');
    if (c.project_id === '') d.fail('project_id is mandatory');
    if (c.secret_key === '' && c.secret_key_file === '') d.fail('one of secret_key & secret_key_file must be configured');
    if (c.secret_key !== '' && c.secret_key_file !== '') d.fail('at most one of secret_key & secret_key_file must be configured');
    if (c.access_key === '') d.fail('access_key is mandatory');
    httpInline.validate(c, d);
  },
  setDirectory(c, dir) {
    c.secret_key_file = joinDir(dir, c.secret_key_file);
    httpInline.setDirectory(c, dir);
  },
});

export interface StackitSDConfig extends HTTPSD<'stackit'> {
  project: string;
  refresh_interval: number;
  port: number;
  region: string;
  endpoint: string;
  service_account_key: string;
  private_key: string;
  service_account_key_path: string;
  private_key_path: string;
  credentials_file_path: string;
}

export const stackitSD = mechanism<StackitSDConfig>({
  name: 'stackit',
  pkg: 'stackit',
  fields: {
    ...httpInline.fields,
    project: { codec: str },
    refresh_interval: { codec: duration, ...omit },
    port: { codec: int, ...omit },
    region: { codec: str, ...omit },
    endpoint: { codec: str, ...omit },
    service_account_key: { codec: secret, ...omit },
    private_key: { codec: secret, ...omit },
    service_account_key_path: { codec: str, ...omit },
    private_key_path: { codec: str, ...omit },
    credentials_file_path: { codec: str, ...omit },
  },
  defaults: () => ({
    mechanism: 'stackit',
    ...httpInline.defaults(),
    project: '',
    refresh_interval: 60_000,
    port: 80,
    region: 'eu01',
    endpoint: '',
    service_account_key: '',
    private_key: '',
    service_account_key_path: '',
    private_key_path: '',
    credentials_file_path: '',
  }),
  validate(c, d) {
    if (c.endpoint === '' && c.region === '') d.fail('stackit_sd: endpoint and region missing');
    try {
      parseGoURL(c.endpoint);
    } catch (e) {
      d.fail(`stackit_sd: invalid endpoint ${goQuote(c.endpoint)}: ${(e as Error).message}`);
    }
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface VultrSDConfig extends HTTPSD<'vultr'> {
  refresh_interval: number;
  port: number;
}

export const vultrSD = mechanism<VultrSDConfig>({
  name: 'vultr',
  pkg: 'vultr',
  fields: { ...httpInline.fields, refresh_interval: { codec: duration }, port: { codec: int } },
  defaults: () => ({ mechanism: 'vultr', ...httpInline.defaults(), refresh_interval: 60_000, port: 80 }),
  validate: httpInline.validate,
  setDirectory: httpInline.setDirectory,
});
