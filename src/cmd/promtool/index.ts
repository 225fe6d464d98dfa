export { testPromql } from './test-promql.js';
export { promqlFormat } from './promql-format.js';
