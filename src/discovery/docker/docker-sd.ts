/**
 * docker_sd_configs (upstream discovery/moby docker.go): the Docker Engine API's container
 * and network lists become one group (source "Docker") with a target per container network
 * and exposed TCP port, labelled __meta_docker_container_*, __meta_docker_network_* and
 * __meta_docker_port_*. The API is reached over a unix socket (unix://), plain TCP (tcp://)
 * or HTTP(S) with the HTTP client config.
 */
import type { DockerSDConfig } from '../../config/index.js';
import { Labels } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { joinHostPort } from '../dns/index.js';
import { sdGet, type GetResult } from '../http/index.js';
import { RefreshDiscoverer } from '../refresh/index.js';
import type { Discoverer, DiscovererOptions, TargetGroup } from '../targetgroup/index.js';
import { asContainers, asNetworks, type ContainerSummary, type NetworkEndpoint } from './api.js';

const P = '__meta_docker_';

/** strutil.SanitizeLabelName: anything outside [a-zA-Z0-9_] becomes `_`. */
export function sanitizeLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** Where and how to reach the API. */
interface Endpoint {
  /** Base URL for the request line (for unix sockets only the path matters). */
  readonly base: string;
  readonly socketPath?: string;
}

function endpoint(host: string): Endpoint {
  let u: URL;
  try {
    u = new URL(host);
  } catch {
    throw new Error(`error setting up docker client: unable to parse docker host ${goQuote(host)}`);
  }
  switch (u.protocol) {
    case 'unix:':
      return { base: 'http://docker', socketPath: decodeURIComponent(u.pathname) };
    case 'tcp:':
      return { base: `http://${u.host}` };
    case 'http:':
    case 'https:':
      return { base: `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}` };
    default:
      throw new Error(`error setting up docker client: unable to parse docker host ${goQuote(host)}`);
  }
}

/** Labels of every network by id (upstream getNetworksLabels). */
function networkLabels(raw: unknown): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const n of asNetworks(raw)) {
    const l: Record<string, string> = {
      [`${P}network_id`]: n.Id,
      [`${P}network_name`]: n.Name,
      [`${P}network_scope`]: n.Scope,
      [`${P}network_internal`]: String(n.Internal),
      [`${P}network_ingress`]: String(n.Ingress),
    };
    for (const [k, v] of Object.entries(n.Labels)) l[`${P}network_label_${sanitizeLabelName(k)}`] = v;
    out.set(n.Id, l);
  }
  return out;
}

function commonLabels(c: ContainerSummary): Record<string, string> {
  const l: Record<string, string> = {
    [`${P}container_id`]: c.Id,
    [`${P}container_name`]: c.Names[0] ?? '',
    [`${P}container_network_mode`]: c.NetworkMode,
  };
  if (c.Image !== '') l[`${P}container_image`] = c.Image;
  if (c.ImageID !== '') l[`${P}container_image_id`] = c.ImageID;
  for (const [k, v] of Object.entries(c.Labels)) l[`${P}container_label_${sanitizeLabelName(k)}`] = v;
  return l;
}

/** The networks of a container, following `container:<id>` network modes to the container sharing its stack. */
function containerNetworks(c: ContainerSummary, byId: Map<string, ContainerSummary>, matchFirst: boolean): ReadonlyArray<[string, NetworkEndpoint]> {
  let networks = c.Networks;
  let mode = c.NetworkMode;
  const seen = new Set<string>();
  while (networks.length === 0 && mode.startsWith('container:')) {
    const id = mode.slice('container:'.length);
    const other = byId.get(id);
    if (other === undefined || seen.has(id)) break;
    seen.add(id);
    networks = other.Networks;
    mode = other.NetworkMode;
  }
  if (matchFirst && networks.length > 1) {
    const first = [...networks].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
    if (first !== undefined) networks = [first];
  }
  return networks;
}

export interface DockerTargetOptions {
  readonly port: number;
  readonly hostNetworkingHost: string;
  readonly matchFirstNetwork: boolean;
}

/** The targets of the API's answers to /containers/json and /networks. */
export function dockerTargets(containersRaw: unknown, networksRaw: unknown, o: DockerTargetOptions): Labels[] {
  const containers = asContainers(containersRaw);
  const nets = networkLabels(networksRaw);
  const byId = new Map(containers.map((c) => [c.Id, c]));
  const targets: Labels[] = [];
  for (const c of containers) {
    if (c.Names.length === 0) continue;
    const common = commonLabels(c);
    for (const [, n] of containerNetworks(c, byId, o.matchFirstNetwork)) {
      const ip = n.IPAddress !== '' ? n.IPAddress : n.GlobalIPv6Address;
      const shared = { ...common, ...(nets.get(n.NetworkID) ?? {}) };
      let added = false;
      for (const p of c.Ports) {
        if (p.Type !== 'tcp') continue;
        const l: Record<string, string> = { [`${P}network_ip`]: ip, [`${P}port_private`]: String(p.PrivatePort) };
        if (p.PublicPort > 0) {
          l[`${P}port_public`] = String(p.PublicPort);
          l[`${P}port_public_ip`] = p.IP;
        }
        Object.assign(l, shared);
        l['__address__'] = joinHostPort(ip, p.PrivatePort);
        targets.push(Labels.fromObject(l));
        added = true;
      }
      if (!added) {
        const l: Record<string, string> = { [`${P}network_ip`]: ip, ...shared };
        l['__address__'] = c.NetworkMode !== 'host' ? joinHostPort(ip, o.port) : o.hostNetworkingHost;
        targets.push(Labels.fromObject(l));
      }
    }
  }
  return targets;
}

/** moby's filters query parameter: {"name":{"value":true}}. */
function filtersParam(cfg: DockerSDConfig): string {
  const f: Record<string, Record<string, boolean>> = {};
  for (const filter of cfg.filters) {
    for (const v of filter.values) (f[filter.name] ??= {})[v] = true;
  }
  return Object.keys(f).length === 0 ? '' : `?filters=${encodeURIComponent(JSON.stringify(f))}`;
}

function decodeJSON(res: GetResult, what: string): unknown {
  if (res.status !== 200) {
    let msg = res.body.toString('utf8').trim();
    try {
      const v: unknown = JSON.parse(msg);
      if (typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string') msg = (v as { message: string }).message;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${what}: Error response from daemon: ${msg === '' ? res.statusLine : msg}`);
  }
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export class DockerDiscoverer implements Discoverer {
  private readonly cfg: DockerSDConfig;
  private readonly userAgent: string;
  private readonly refresher: RefreshDiscoverer;
  private readonly ep: Endpoint;

  /** Throws for a host that is not unix://, tcp://, http:// or https://. */
  constructor(cfg: DockerSDConfig, o: DiscovererOptions) {
    this.cfg = cfg;
    this.ep = endpoint(cfg.host);
    this.userAgent = o.userAgent ?? 'Vigil';
    this.refresher = new RefreshDiscoverer({
      logger: o.logger,
      clock: o.clock,
      interval: cfg.refresh_interval,
      refresh: (signal) => this.refresh(signal),
    });
  }

  run(signal: AbortSignal, up: (groups: TargetGroup[]) => void): Promise<void> {
    return this.refresher.run(signal, up);
  }

  private get(ep: Endpoint, path: string, signal: AbortSignal): Promise<GetResult> {
    const httpCfg = ep.socketPath === undefined && /^https?:/.test(this.cfg.host) ? this.cfg : undefined;
    return sdGet(httpCfg, ep.base + path, {
      signal,
      timeoutMs: this.cfg.refresh_interval,
      headers: { 'user-agent': this.userAgent, host: ep.socketPath !== undefined ? 'docker' : new URL(ep.base).host },
      ...(ep.socketPath !== undefined ? { socketPath: ep.socketPath } : {}),
    });
  }

  async refresh(signal: AbortSignal): Promise<TargetGroup[]> {
    const ep = this.ep;
    let containers: unknown;
    try {
      containers = decodeJSON(await this.get(ep, `/containers/json${filtersParam(this.cfg)}`, signal), 'list containers');
    } catch (e) {
      throw new Error(`error while listing containers: ${e instanceof Error ? e.message : String(e)}`);
    }
    let networks: unknown;
    try {
      networks = decodeJSON(await this.get(ep, '/networks', signal), 'list networks');
    } catch (e) {
      throw new Error(`error while computing network labels: ${e instanceof Error ? e.message : String(e)}`);
    }
    const targets = dockerTargets(containers, networks, {
      port: this.cfg.port,
      hostNetworkingHost: this.cfg.host_networking_host,
      matchFirstNetwork: this.cfg.match_first_network,
    });
    return [{ source: 'Docker', targets, labels: Labels.EMPTY }];
  }
}
