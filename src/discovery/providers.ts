/**
 * The discoverer of each SD config: the mechanisms Vigil runs, and the not-supported stand-in
 * for the rest.
 */
import type { SDConfig } from '../config/index.js';
import { DNSDiscoverer } from './dns/index.js';
import { DockerDiscoverer } from './docker/index.js';
import { FileDiscoverer } from './file/index.js';
import { HTTPDiscoverer } from './http/index.js';
import { StaticDiscoverer, UnsupportedDiscoverer } from './static.js';
import type { Discoverer, DiscovererOptions } from './targetgroup/index.js';

/**
 * A new discoverer for cfg; throws when the config cannot be used (e.g. a docker host that is
 * not a URL). `warned` remembers the unsupported mechanisms already reported.
 */
export function newDiscoverer(cfg: SDConfig, o: DiscovererOptions, warned: Set<string>): Discoverer {
  switch (cfg.mechanism) {
    case 'static':
      return new StaticDiscoverer(cfg);
    case 'file':
      return new FileDiscoverer(cfg, o);
    case 'http':
      return new HTTPDiscoverer(cfg, o);
    case 'dns':
      return new DNSDiscoverer(cfg, o);
    case 'docker':
      return new DockerDiscoverer(cfg, o);
    default:
      return new UnsupportedDiscoverer(cfg.mechanism, o.logger, warned);
  }
}
