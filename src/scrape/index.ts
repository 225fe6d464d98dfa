/**
 * Scraping (upstream scrape/): the ScrapeManager with its pools, loops, targets and scrape
 * cache, the HTTP scraper, and the target label building the targets API shows.
 */
export { ScrapeManager, ScrapeConfigApplyError, type ScrapeManagerOptions } from './manager.js';
export { Target, type TargetHealth, type MetricMetadata, type MetadataStore } from './target.js';
export { type TargetGroup, targetsFromGroup } from './target-group.js';
export { populateLabels, populateDiscoveredLabels, TargetError } from './populate-labels.js';
export { acceptHeader, acceptEncodingHeader, SCRAPE_PROTOCOL_HEADERS } from './accept-header.js';
export {
  type ConfigLike,
  type ScrapeConfig,
  type ResolvedScrapeConfig,
  resolveScrapeConfig,
  DEFAULT_SCRAPE_PROTOCOLS,
} from './scrape-config.js';
export { type ScrapeLogger, type ScrapeClock, nopScrapeLogger } from './logger.js';
export { ScrapeError, BodySizeLimitError } from './target-scraper.js';
export { SampleLimitError } from './scrape-append.js';
export { formatModelDuration, parseModelDuration } from './duration.js';
export { ScrapeMetrics, goDurationString, type TargetsGatherer } from './metrics.js';
