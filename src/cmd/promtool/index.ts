export { testPromql } from './promqltest-command.js';
export { promqlFormat } from './promql-format.js';
export { checkMetrics } from './check-metrics.js';
export { checkConfig } from './check-config.js';
export { checkWebConfig } from './check-web-config.js';
export { queryCommand } from './query.js';
