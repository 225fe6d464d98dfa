/**
 * Every SD mechanism upstream registers, keyed by its YAML key, and the glue that lets a
 * scrape or Alertmanager config carry them: the `*_sd_configs` keys decode into one
 * `service_discovery_configs` list (static target groups coalesced into one static config,
 * as upstream's discovery.Configs), and encode back to the keys.
 */
import { type Decoder, decodeNode, type ExtraFields, isNull, list, ptr, type YNode } from '../common/index.js';
import { awsSD, ec2SD, ecsSD, elasticacheSD, lightsailSD, mskSD, rdsSD, type AWSSDConfig } from './aws.js';
import {
  azureSD,
  digitalOceanSD,
  gceSD,
  hetznerSD,
  ionosSD,
  linodeSD,
  ociSD,
  openstackSD,
  outscaleSD,
  ovhcloudSD,
  scalewaySD,
  stackitSD,
  vultrSD,
  type AzureSDConfig,
  type DigitalOceanSDConfig,
  type GCESDConfig,
  type HetznerSDConfig,
  type IonosSDConfig,
  type LinodeSDConfig,
  type OCISDConfig,
  type OpenStackSDConfig,
  type OutscaleSDConfig,
  type OVHcloudSDConfig,
  type ScalewaySDConfig,
  type StackitSDConfig,
  type VultrSDConfig,
} from './cloud.js';
import {
  dnsSD,
  dockerSD,
  dockerSwarmSD,
  fileSD,
  httpSD,
  type DNSSDConfig,
  type DockerSDConfig,
  type DockerSwarmSDConfig,
  type FileSDConfig,
  type HTTPSDConfig,
} from './core.js';
import { kubernetesSD, type KubernetesSDConfig } from './kubernetes.js';
import type { Mechanism, SDConfigBase } from './mechanism.js';
import {
  consulSD,
  eurekaSD,
  kumaSD,
  marathonSD,
  nerveSD,
  nomadSD,
  puppetdbSD,
  serversetSD,
  tritonSD,
  uyuniSD,
  type ConsulSDConfig,
  type EurekaSDConfig,
  type KumaSDConfig,
  type MarathonSDConfig,
  type NomadSDConfig,
  type PuppetDBSDConfig,
  type TritonSDConfig,
  type UyuniSDConfig,
  type ZookeeperSDConfig,
} from './registries.js';
import { type StaticSDConfig, type StaticTargetGroup, targetGroupCodec } from './static.js';

/** Any service discovery config; switch on `mechanism`. */
export type SDConfig =
  | StaticSDConfig
  | FileSDConfig
  | HTTPSDConfig
  | DNSSDConfig
  | DockerSDConfig
  | DockerSwarmSDConfig
  | KubernetesSDConfig
  | AWSSDConfig
  | AzureSDConfig
  | ConsulSDConfig
  | DigitalOceanSDConfig
  | EurekaSDConfig
  | GCESDConfig
  | HetznerSDConfig
  | IonosSDConfig
  | KumaSDConfig
  | LinodeSDConfig
  | MarathonSDConfig
  | NomadSDConfig
  | OCISDConfig
  | OpenStackSDConfig
  | OutscaleSDConfig
  | OVHcloudSDConfig
  | PuppetDBSDConfig
  | ScalewaySDConfig
  | StackitSDConfig
  | TritonSDConfig
  | UyuniSDConfig
  | VultrSDConfig
  | ZookeeperSDConfig;

/** The mechanisms Vigil runs; the others are validated and, at run time, yield no targets. */
export const SUPPORTED_MECHANISMS: ReadonlySet<string> = new Set(['static', 'file', 'http', 'dns', 'docker']);

const MECHANISMS: readonly Mechanism<SDConfigBase>[] = [
  awsSD, azureSD, consulSD, digitalOceanSD, dnsSD, dockerSD, dockerSwarmSD, ec2SD, ecsSD, elasticacheSD, eurekaSD,
  fileSD, gceSD, hetznerSD, httpSD, ionosSD, kubernetesSD, kumaSD, lightsailSD, linodeSD, marathonSD, mskSD, nerveSD,
  nomadSD, ociSD, openstackSD, outscaleSD, ovhcloudSD, puppetdbSD, rdsSD, scalewaySD, serversetSD, stackitSD, tritonSD,
  uyuniSD, vultrSD,
] as unknown as readonly Mechanism<SDConfigBase>[];

const BY_KEY: ReadonlyMap<string, Mechanism<SDConfigBase>> = new Map(MECHANISMS.map((m) => [m.key, m]));
const BY_NAME: ReadonlyMap<string, Mechanism<SDConfigBase>> = new Map(MECHANISMS.map((m) => [m.name, m]));
const STATIC_KEY = 'static_configs';
/** Upstream orders the keys by name, with the coalesced static config last. */
const SORTED_KEYS = [...BY_KEY.keys(), STATIC_KEY].sort();

/** The registered mechanism names (upstream's RegisteredConfigNames, plus static). */
export function registeredMechanisms(): string[] {
  return [...BY_NAME.keys(), 'static'].sort();
}

export interface HasSDConfigs {
  service_discovery_configs: SDConfig[];
}

const pending = new WeakMap<object, Map<string, unknown[]>>();

const staticList = list(ptr(targetGroupCodec));

/** The `*_sd_configs` / `static_configs` keys as extra fields of a scrape/Alertmanager struct. */
export function sdExtraFields<T extends HasSDConfigs>(): ExtraFields<T> {
  return {
    has: (key) => key === STATIC_KEY || BY_KEY.has(key),
    decode(key: string, n: YNode, d: Decoder, into: T): void {
      let byKey = pending.get(into);
      if (!byKey) {
        byKey = new Map();
        pending.set(into, byKey);
      }
      const mech = BY_KEY.get(key);
      const items = mech ? decodeNode(list(ptr(mech.codec)), n, d) : decodeNode(staticList, n, d);
      byKey.set(key, isNull(n) ? [] : items);
    },
  };
}

/**
 * Moves the decoded `*_sd_configs` into `service_discovery_configs` (upstream's readConfigs):
 * fails with "empty or null section in <key>" for a null entry.
 */
export function collectSDConfigs(into: HasSDConfigs, d: Decoder): void {
  const byKey = pending.get(into);
  pending.delete(into);
  const out: SDConfig[] = [];
  const groups: StaticTargetGroup[] = [];
  for (const key of SORTED_KEYS) {
    for (const item of byKey?.get(key) ?? []) {
      if (item === undefined || item === null) d.fail(`empty or null section in ${key}`);
      if (key === STATIC_KEY) {
        const g = item as StaticTargetGroup;
        g.source = String(groups.length);
        groups.push(g);
      } else out.push(item as SDConfig);
    }
  }
  if (groups.length > 0) out.push({ mechanism: 'static', groups });
  into.service_discovery_configs = out;
}

/** Re-serialises SD configs under their YAML keys, sorted as upstream marshals them. */
export function encodeSDConfigs(configs: readonly SDConfig[], out: Record<string, unknown>): void {
  const byKey = new Map<string, unknown[]>();
  for (const c of configs) {
    if (c.mechanism === 'static') {
      const l = byKey.get(STATIC_KEY) ?? [];
      for (const g of c.groups) l.push(targetGroupCodec.encode(g));
      byKey.set(STATIC_KEY, l);
      continue;
    }
    const mech = BY_NAME.get(c.mechanism);
    if (!mech) continue;
    const l = byKey.get(mech.key) ?? [];
    l.push(mech.codec.encode(c));
    byKey.set(mech.key, l);
  }
  for (const key of SORTED_KEYS) {
    const l = byKey.get(key);
    if (l && l.length > 0) out[key] = l;
  }
}

/** Resolves the relative paths of SD configs against the config file's directory. */
export function setSDDirectory(configs: readonly SDConfig[], dir: string): void {
  for (const c of configs) BY_NAME.get(c.mechanism)?.setDirectory(c, dir);
}
