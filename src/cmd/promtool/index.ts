export { testPromql } from './promqltest-command.js';
export { promqlFormat } from './promql-format.js';
export { checkMetrics } from './check-metrics.js';
