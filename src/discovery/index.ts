/**
 * Service discovery: target groups from static_configs, file_sd, http_sd, dns_sd and
 * docker_sd (other mechanisms log that they are not supported and yield nothing), merged per
 * job by the DiscoveryManager.
 */
export {
  DiscoveryManager,
  deepEqual,
  type DiscoveryManagerOptions,
  type ProviderInfo,
  type UpdateCallback,
} from './manager.js';
export { newDiscoverer } from './providers.js';
export { StaticDiscoverer, UnsupportedDiscoverer } from './static.js';
export {
  loggerWith,
  nopDiscoveryLogger,
  systemDiscoveryClock,
  type Discoverer,
  type DiscovererOptions,
  type DiscoveryClock,
  type DiscoveryLogger,
  type TargetGroup,
} from './targetgroup/index.js';
export { RefreshDiscoverer } from './refresh/index.js';
export { FileDiscoverer, readTargetGroupFile } from './file/index.js';
export { HTTPDiscoverer, sdGet, SDRequestError } from './http/index.js';
export { DNSDiscoverer, type DNSResolver } from './dns/index.js';
export { DockerDiscoverer, dockerTargets } from './docker/index.js';
