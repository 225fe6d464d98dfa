/**
 * Service discovery configs: every mechanism upstream registers, parsed, defaulted and
 * validated as upstream. Vigil runs static, file, http, dns and docker; the others are data.
 */
export {
  collectSDConfigs,
  encodeSDConfigs,
  registeredMechanisms,
  sdExtraFields,
  setSDDirectory,
  SUPPORTED_MECHANISMS,
  type HasSDConfigs,
  type SDConfig,
} from './registry.js';
export type { SDConfigBase } from './mechanism.js';
export {
  isValidLabelValue,
  isValidUTF8LabelName,
  labelSet,
  targetGroupCodec,
  type StaticSDConfig,
  type StaticTargetGroup,
} from './static.js';
export type { DNSSDConfig, DockerFilter, DockerSDConfig, DockerSwarmSDConfig, FileSDConfig, HTTPSDConfig } from './core.js';
export type { KubernetesSDConfig, KubernetesAttachMetadata, KubernetesNamespaces, KubernetesSelector } from './kubernetes.js';
export type { AWSFilter, AWSSDConfig } from './aws.js';
export type {
  AzureSDConfig,
  DigitalOceanSDConfig,
  GCESDConfig,
  HetznerSDConfig,
  IonosSDConfig,
  LinodeSDConfig,
  OCISDConfig,
  OpenStackSDConfig,
  OutscaleSDConfig,
  OVHcloudSDConfig,
  ScalewaySDConfig,
  StackitSDConfig,
  VultrSDConfig,
} from './cloud.js';
export type {
  ConsulSDConfig,
  EurekaSDConfig,
  KumaSDConfig,
  MarathonSDConfig,
  NomadSDConfig,
  PuppetDBSDConfig,
  TritonSDConfig,
  UyuniSDConfig,
  ZookeeperSDConfig,
} from './registries.js';
export { parseTargetGroupsJson, parseTargetGroupsYaml, parseTargetGroupYaml } from './target-groups.js';
