/**
 * The mechanisms Vigil runs: file_sd_configs, http_sd_configs, dns_sd_configs,
 * docker_sd_configs and dockerswarm_sd_configs (upstream discovery/{file,http,dns,moby}).
 */
import {
  duration,
  type HTTPClientConfig,
  int,
  joinDir,
  list,
  parseGoURL,
  str,
  stringList,
  struct,
  bool,
} from '../common/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { httpInline, mechanism, omit, type SDConfigBase } from './mechanism.js';

export interface FileSDConfig extends SDConfigBase {
  readonly mechanism: 'file';
  files: string[];
  refresh_interval: number;
}

const FILE_SD_NAME = /^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/;

export const fileSD = mechanism<FileSDConfig>({
  name: 'file',
  pkg: 'file',
  fields: { files: { codec: stringList }, refresh_interval: { codec: duration, ...omit } },
  defaults: () => ({ mechanism: 'file', files: [], refresh_interval: 5 * 60_000 }),
  validate(c, d) {
    if (c.files.length === 0) d.fail('file service discovery config must contain at least one path name');
    for (const name of c.files) {
      if (!FILE_SD_NAME.test(name)) d.fail(`path name ${goQuote(name)} is not valid for file discovery`);
    }
  },
  setDirectory(c, dir) {
    c.files = c.files.map((f) => joinDir(dir, f));
  },
});

export interface HTTPSDConfig extends HTTPClientConfig, SDConfigBase {
  readonly mechanism: 'http';
  refresh_interval: number;
  url: string;
}

/** The URL checks shared by http_sd and puppetdb_sd; returns an error text or null. */
export function checkHTTPURL(raw: string): string | null {
  if (raw === '') return 'URL is missing';
  let u;
  try {
    u = parseGoURL(raw);
  } catch (e) {
    return (e as Error).message;
  }
  if (u.scheme !== 'http' && u.scheme !== 'https') return "URL scheme must be 'http' or 'https'";
  if (u.host === '') return 'host is missing in URL';
  return null;
}

export const httpSD = mechanism<HTTPSDConfig>({
  name: 'http',
  pkg: 'http',
  fields: { ...httpInline.fields, refresh_interval: { codec: duration, ...omit }, url: { codec: str } },
  defaults: () => ({ mechanism: 'http', ...httpInline.defaults(), refresh_interval: 60_000, url: '' }),
  validate(c, d) {
    const err = checkHTTPURL(c.url);
    if (err) d.fail(err);
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface DNSSDConfig extends SDConfigBase {
  readonly mechanism: 'dns';
  names: string[];
  refresh_interval: number;
  /** SRV (default), A, AAAA, MX or NS. */
  type: string;
  /** Port for non-SRV records. */
  port: number;
}

export const dnsSD = mechanism<DNSSDConfig>({
  name: 'dns',
  pkg: 'dns',
  fields: {
    names: { codec: stringList },
    refresh_interval: { codec: duration, ...omit },
    type: { codec: str },
    port: { codec: int },
  },
  defaults: () => ({ mechanism: 'dns', names: [], refresh_interval: 30_000, type: 'SRV', port: 0 }),
  validate(c, d) {
    if (c.names.length === 0) d.fail('DNS-SD config must contain at least one SRV record name');
    switch (c.type.toUpperCase()) {
      case 'SRV':
        break;
      case 'A':
      case 'AAAA':
      case 'MX':
      case 'NS':
        if (c.port === 0) d.fail('a port is required in DNS-SD configs for all record types except SRV');
        break;
      default:
        d.fail(`invalid DNS-SD records type ${c.type}`);
    }
  },
});

export interface DockerFilter {
  name: string;
  values: string[];
}

const filterList = list(
  struct<DockerFilter>({
    goType: 'moby.Filter',
    fields: { name: { codec: str }, values: { codec: stringList } },
    defaults: () => ({ name: '', values: [] }),
  }),
);

export interface DockerSDConfig extends HTTPClientConfig, SDConfigBase {
  readonly mechanism: 'docker';
  host: string;
  port: number;
  filters: DockerFilter[];
  host_networking_host: string;
  refresh_interval: number;
  match_first_network: boolean;
}

function checkHost(host: string, d: { fail(m: string): never }): void {
  if (host === '') d.fail('host missing');
  try {
    parseGoURL(host);
  } catch (e) {
    d.fail((e as Error).message);
  }
}

export const dockerSD = mechanism<DockerSDConfig>({
  name: 'docker',
  pkg: 'moby',
  fields: {
    ...httpInline.fields,
    host: { codec: str },
    port: { codec: int },
    filters: { codec: filterList },
    host_networking_host: { codec: str },
    refresh_interval: { codec: duration },
    match_first_network: { codec: bool },
  },
  defaults: () => ({
    mechanism: 'docker',
    ...httpInline.defaults(),
    host: '',
    port: 80,
    filters: [],
    host_networking_host: 'localhost',
    refresh_interval: 60_000,
    match_first_network: true,
  }),
  validate(c, d) {
    checkHost(c.host, d);
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});

export interface DockerSwarmSDConfig extends HTTPClientConfig, SDConfigBase {
  readonly mechanism: 'dockerswarm';
  host: string;
  role: string;
  port: number;
  filters: DockerFilter[];
  refresh_interval: number;
}

export const dockerSwarmSD = mechanism<DockerSwarmSDConfig>({
  name: 'dockerswarm',
  pkg: 'moby',
  fields: {
    ...httpInline.fields,
    host: { codec: str },
    role: { codec: str },
    port: { codec: int },
    filters: { codec: filterList },
    refresh_interval: { codec: duration },
  },
  defaults: () => ({ mechanism: 'dockerswarm', ...httpInline.defaults(), host: '', role: '', port: 80, filters: [], refresh_interval: 60_000 }),
  validate(c, d) {
    checkHost(c.host, d);
    if (c.role === '') d.fail('role missing (one of: tasks, services, nodes)');
    if (!['services', 'nodes', 'tasks'].includes(c.role)) d.fail(`invalid role ${c.role}, expected tasks, services, or nodes`);
    httpInline.validate(c, d);
  },
  setDirectory: httpInline.setDirectory,
});
