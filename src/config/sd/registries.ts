/**
 * Service registry and orchestrator discovery configs: consul, eureka, kuma, marathon, nomad,
 * puppetdb, serverset, nerve, triton, uyuni. Fields, defaults and validation as upstream;
 * Vigil does not run them.
 */
import {
  bool,
  defaultTLSConfig,
  duration,
  type HTTPClientConfig,
  int,
  joinDir,
  parseGoURL,
  secret,
  setTLSDirectory,
  str,
  stringList,
  stringMap,
  type TLSConfig,
  tlsConfigCodec,
} from '../common/index.js';
import { checkHTTPURL } from './core.js';
import { httpInline, mechanism, omit, type SDConfigBase } from './mechanism.js';

type HTTPSD<N extends string> = HTTPClientConfig & SDConfigBase & { readonly mechanism: N };

export interface ConsulSDConfig extends HTTPSD<'consul'> {
  server: string;
  path_prefix: string;
  token: string;
  datacenter: string;
  namespace: string;
  partition: string;
  tag_separator: string;
  scheme: string;
  username: string;
  password: string;
  allow_stale: boolean;
  refresh_interval: number;
  services: string[];
  tags: string[];
  node_meta: Record<string, string>;
  filter: string;
  health_filter: string;
}

export const consulSD = mechanism<ConsulSDConfig>({
  name: 'consul',
  pkg: 'consul',
  fields: {
    server: { codec: str, ...omit },
    path_prefix: { codec: str, ...omit },
    token: { codec: secret, ...omit },
    datacenter: { codec: str, ...omit },
    namespace: { codec: str, ...omit },
    partition: { codec: str, ...omit },
    tag_separator: { codec: str, ...omit },
    scheme: { codec: str, ...omit },
    username: { codec: str, ...omit },
    password: { codec: secret, ...omit },
    allow_stale: { codec: bool },
    refresh_interval: { codec: duration, ...omit },
    services: { codec: stringList, ...omit },
    tags: { codec: stringList, ...omit },
    node_meta: { codec: stringMap(str), ...omit },
    filter: { codec: str, ...omit },
    health_filter: { codec: str, ...omit },
    ...httpInline.fields,
  },
  defaults: () => ({
    mechanism: 'consul',
    server: 'localhost:8500',
    path_prefix: '',
    token: '',
    datacenter: '',
    namespace: '',
    partition: '',
    tag_separator: ',',
    scheme: 'http',
    username: '',
    password: '',
    allow_stale: true,
    refresh_interval: 30_000,
    services: [],
    tags: [],
    node_meta: Object.create(null) as Record<string, string>,
    filter: '',
    health_filter: '',
    ...httpInline.defaults(),
  }),
  validate(c, d) {
    if (c.server.trim() === '') d.fail('consul SD configuration requires a server address');
    if (c.username !== '' || c.password !== '') {
      if (c.basic_auth) d.fail('at most one of consul SD configuration username and password and basic auth can be configured');
      c.basic_auth = { username: c.username, username_file: '', username_ref: '', password: c.password, password_file: '', password_ref: '' };
    }
    if (c.token !== '' && (c.authorization || c.oauth2)) d.fail('at most one of consul SD token, authorization, or oauth2 can be configured');
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface EurekaSDConfig extends HTTPSD<'eureka'> {
  server: string;
  refresh_interval: number;
}

export const eurekaSD = mechanism<EurekaSDConfig>({
  name: 'eureka',
  pkg: 'eureka',
  fields: { server: { codec: str, ...omit }, ...httpInline.fields, refresh_interval: { codec: duration, ...omit } },
  defaults: () => ({ mechanism: 'eureka', server: '', ...httpInline.defaults(), refresh_interval: 30_000 }),
  validate(c, d) {
    if (c.server === '') d.fail('eureka_sd: empty or null eureka server');
    let u;
    try {
      u = parseGoURL(c.server);
    } catch (e) {
      return d.fail((e as Error).message);
    }
    if (u.scheme === '' || u.host === '') d.fail('eureka_sd: invalid eureka server URL');
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface KumaSDConfig extends HTTPSD<'kuma'> {
  refresh_interval: number;
  fetch_timeout: number;
  server: string;
  client_id: string;
}

export const kumaSD = mechanism<KumaSDConfig>({
  name: 'kuma',
  pkg: 'xds',
  goType: 'xds.plainKumaConf',
  fields: {
    ...httpInline.fields,
    refresh_interval: { codec: duration, ...omit },
    fetch_timeout: { codec: duration, ...omit },
    server: { codec: str, ...omit },
    client_id: { codec: str, ...omit },
  },
  defaults: () => ({ mechanism: 'kuma', ...httpInline.defaults(), refresh_interval: 15_000, fetch_timeout: 120_000, server: '', client_id: '' }),
  validate(c, d) {
    if (c.server === '') d.fail(`kuma SD server must not be empty: ${c.server}`);
    let u;
    try {
      u = parseGoURL(c.server);
    } catch (e) {
      return d.fail((e as Error).message);
    }
    if (u.scheme === '' || u.host === '') d.fail(`kuma SD server must not be empty and have a scheme: ${c.server}`);
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface MarathonSDConfig extends HTTPSD<'marathon'> {
  servers: string[];
  refresh_interval: number;
  auth_token: string;
  auth_token_file: string;
}

export const marathonSD = mechanism<MarathonSDConfig>({
  name: 'marathon',
  pkg: 'marathon',
  fields: {
    servers: { codec: stringList, ...omit },
    refresh_interval: { codec: duration, ...omit },
    auth_token: { codec: secret, ...omit },
    auth_token_file: { codec: str, ...omit },
    ...httpInline.fields,
  },
  defaults: () => ({ mechanism: 'marathon', servers: [], refresh_interval: 30_000, auth_token: '', auth_token_file: '', ...httpInline.defaults() }),
  validate(c, d) {
    if (c.servers.length === 0) d.fail('marathon_sd: must contain at least one Marathon server');
    if (c.auth_token !== '' && c.auth_token_file !== '') d.fail('marathon_sd: at most one of auth_token & auth_token_file must be configured');
    if (c.auth_token !== '' || c.auth_token_file !== '') {
      if (c.basic_auth) d.fail('marathon_sd: at most one of basic_auth, auth_token & auth_token_file must be configured');
      if (c.bearer_token !== '' || c.bearer_token_file !== '') {
        d.fail('marathon_sd: at most one of bearer_token, bearer_token_file, auth_token & auth_token_file must be configured');
      }
      if (c.authorization) d.fail('marathon_sd: at most one of auth_token, auth_token_file & authorization must be configured');
    }
    httpInline.validate(c, d);
  },
  setDirectory(c, dir) {
    httpInline.setDirectory(c, dir);
    c.auth_token_file = joinDir(dir, c.auth_token_file);
  },
});

export interface NomadSDConfig extends HTTPSD<'nomad'> {
  allow_stale: boolean;
  namespace: string;
  refresh_interval: number;
  region: string;
  server: string;
  tag_separator: string;
}

export const nomadSD = mechanism<NomadSDConfig>({
  name: 'nomad',
  pkg: 'nomad',
  fields: {
    allow_stale: { codec: bool },
    ...httpInline.fields,
    namespace: { codec: str },
    refresh_interval: { codec: duration },
    region: { codec: str },
    server: { codec: str },
    tag_separator: { codec: str, ...omit },
  },
  defaults: () => ({
    mechanism: 'nomad',
    allow_stale: true,
    ...httpInline.defaults(),
    namespace: 'default',
    refresh_interval: 60_000,
    region: 'global',
    server: 'http://localhost:4646',
    tag_separator: ',',
  }),
  validate(c, d) {
    if (c.server.trim() === '') d.fail('nomad SD configuration requires a server address');
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface PuppetDBSDConfig extends HTTPSD<'puppetdb'> {
  refresh_interval: number;
  url: string;
  query: string;
  include_parameters: boolean;
  port: number;
}

export const puppetdbSD = mechanism<PuppetDBSDConfig>({
  name: 'puppetdb',
  pkg: 'puppetdb',
  fields: {
    ...httpInline.fields,
    refresh_interval: { codec: duration, ...omit },
    url: { codec: str },
    query: { codec: str },
    include_parameters: { codec: bool },
    port: { codec: int },
  },
  defaults: () => ({ mechanism: 'puppetdb', ...httpInline.defaults(), refresh_interval: 60_000, url: '', query: '', include_parameters: false, port: 80 }),
  validate(c, d) {
    const err = checkHTTPURL(c.url);
    if (err) d.fail(err);
    if (c.query === '') d.fail('query missing');
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface ZookeeperSDConfig extends SDConfigBase {
  readonly mechanism: 'serverset' | 'nerve';
  servers: string[];
  paths: string[];
  timeout: number;
}

function zookeeper(name: 'serverset' | 'nerve'): ReturnType<typeof mechanism<ZookeeperSDConfig>> {
  return mechanism<ZookeeperSDConfig>({
    name,
    pkg: 'zookeeper',
    fields: { servers: { codec: stringList }, paths: { codec: stringList }, timeout: { codec: duration, ...omit } },
    defaults: () => ({ mechanism: name, servers: [], paths: [], timeout: 10_000 }),
    validate(c, d) {
      if (c.servers.length === 0) d.fail(`${name} SD config must contain at least one Zookeeper server`);
      if (c.paths.length === 0) d.fail(`${name} SD config must contain at least one path`);
      for (const p of c.paths) if (!p.startsWith('/')) d.fail(`${name} SD config paths must begin with '/': ${p}`);
    },
  });
}

export const serversetSD = zookeeper('serverset');
export const nerveSD = zookeeper('nerve');

export interface TritonSDConfig extends SDConfigBase {
  readonly mechanism: 'triton';
  account: string;
  role: string;
  dns_suffix: string;
  endpoint: string;
  groups: string[];
  port: number;
  refresh_interval: number;
  tls_config: TLSConfig;
  version: number;
}

export const tritonSD = mechanism<TritonSDConfig>({
  name: 'triton',
  pkg: 'triton',
  fields: {
    account: { codec: str },
    role: { codec: str },
    dns_suffix: { codec: str },
    endpoint: { codec: str },
    groups: { codec: stringList, ...omit },
    port: { codec: int },
    refresh_interval: { codec: duration, ...omit },
    tls_config: { codec: tlsConfigCodec, ...omit },
    version: { codec: int },
  },
  defaults: () => ({
    mechanism: 'triton',
    account: '',
    role: 'container',
    dns_suffix: '',
    endpoint: '',
    groups: [],
    port: 9163,
    refresh_interval: 60_000,
    tls_config: defaultTLSConfig(),
    version: 1,
  }),
  validate(c, d) {
    if (c.role !== 'container' && c.role !== 'cn') d.fail("triton SD configuration requires role to be 'container' or 'cn'");
    if (c.account === '') d.fail('triton SD configuration requires an account');
    if (c.dns_suffix === '') d.fail('triton SD configuration requires a dns_suffix');
    if (c.endpoint === '') d.fail('triton SD configuration requires an endpoint');
    if (c.refresh_interval <= 0) d.fail('triton SD configuration requires RefreshInterval to be a positive integer');
  },
  setDirectory: (c, dir) => setTLSDirectory(c.tls_config, dir),
});

export interface UyuniSDConfig extends HTTPSD<'uyuni'> {
  server: string;
  username: string;
  password: string;
  entitlement: string;
  separator: string;
  refresh_interval: number;
}

export const uyuniSD = mechanism<UyuniSDConfig>({
  name: 'uyuni',
  pkg: 'uyuni',
  fields: {
    server: { codec: str },
    username: { codec: str },
    password: { codec: secret },
    ...httpInline.fields,
    entitlement: { codec: str, ...omit },
    separator: { codec: str, ...omit },
    refresh_interval: { codec: duration, ...omit },
  },
  defaults: () => ({
    mechanism: 'uyuni',
    server: '',
    username: '',
    password: '',
    ...httpInline.defaults(),
    entitlement: 'monitoring_entitled',
    separator: ',',
    refresh_interval: 60_000,
  }),
  validate(c, d) {
    if (c.server === '') d.fail('Uyuni SD configuration requires server host');
    try {
      parseGoURL(c.server);
    } catch (e) {
      d.fail(`Uyuni Server URL is not valid: ${(e as Error).message}`);
    }
    if (c.username === '') d.fail('Uyuni SD configuration requires a username');
    if (c.password === '') d.fail('Uyuni SD configuration requires a password');
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});
