/**
 * The parts of the Docker Engine API's answers the discoverer reads (container.Summary and
 * network.Summary), narrowed from untrusted JSON: missing or mistyped fields become empty.
 */
import { isIP } from 'node:net';

export interface PortSummary {
  /** Host IP of a published port ('' when none or invalid). */
  readonly IP: string;
  readonly PrivatePort: number;
  readonly PublicPort: number;
  readonly Type: string;
}

export interface NetworkEndpoint {
  readonly NetworkID: string;
  /** '' when absent or not an IP address (netip.Addr.IsValid). */
  readonly IPAddress: string;
  readonly GlobalIPv6Address: string;
}

export interface ContainerSummary {
  readonly Id: string;
  readonly Names: readonly string[];
  readonly Image: string;
  readonly ImageID: string;
  readonly Labels: Readonly<Record<string, string>>;
  readonly Ports: readonly PortSummary[];
  /** HostConfig.NetworkMode. */
  readonly NetworkMode: string;
  /** NetworkSettings.Networks without null entries, in the API's order. */
  readonly Networks: ReadonlyArray<[string, NetworkEndpoint]>;
}

export interface NetworkSummary {
  readonly Id: string;
  readonly Name: string;
  readonly Scope: string;
  readonly Internal: boolean;
  readonly Ingress: boolean;
  readonly Labels: Readonly<Record<string, string>>;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}

function s(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function n(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function ip(v: unknown): string {
  const t = s(v);
  return isIP(t) !== 0 ? t : '';
}

function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === 'string') out[k] = val;
  return out;
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`json: cannot unmarshal ${v === null ? 'null' : typeof v} into Go value of type []${what}`);
  return v;
}

export function asContainers(raw: unknown): ContainerSummary[] {
  return list(raw, 'container.Summary').map((item) => {
    const c = obj(item);
    const networks: Array<[string, NetworkEndpoint]> = [];
    for (const [name, ep] of Object.entries(obj(obj(c['NetworkSettings'])['Networks']))) {
      if (ep === null || typeof ep !== 'object') continue;
      const e = ep as Obj;
      networks.push([name, { NetworkID: s(e['NetworkID']), IPAddress: ip(e['IPAddress']), GlobalIPv6Address: ip(e['GlobalIPv6Address']) }]);
    }
    const ports = Array.isArray(c['Ports']) ? c['Ports'] : [];
    return {
      Id: s(c['Id']),
      Names: Array.isArray(c['Names']) ? c['Names'].filter((x): x is string => typeof x === 'string') : [],
      Image: s(c['Image']),
      ImageID: s(c['ImageID']),
      Labels: strMap(c['Labels']),
      Ports: ports.map((p) => {
        const q = obj(p);
        return { IP: ip(q['IP']), PrivatePort: n(q['PrivatePort']), PublicPort: n(q['PublicPort']), Type: s(q['Type']) };
      }),
      NetworkMode: s(obj(c['HostConfig'])['NetworkMode']),
      Networks: networks,
    };
  });
}

export function asNetworks(raw: unknown): NetworkSummary[] {
  return list(raw, 'network.Summary').map((item) => {
    const o = obj(item);
    return {
      Id: s(o['Id']),
      Name: s(o['Name']),
      Scope: s(o['Scope']),
      Internal: o['Internal'] === true,
      Ingress: o['Ingress'] === true,
      Labels: strMap(o['Labels']),
    };
  });
}
