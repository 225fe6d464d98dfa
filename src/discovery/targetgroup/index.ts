export {
  after,
  errorText,
  loggerWith,
  nopDiscoveryLogger,
  sleep,
  systemDiscoveryClock,
  type Discoverer,
  type DiscovererOptions,
  type DiscoveryClock,
  type DiscoveryLogger,
  type TargetGroup,
  type TimerHandle,
} from './target-group.js';
