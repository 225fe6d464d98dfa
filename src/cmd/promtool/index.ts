export { testPromql } from './promqltest-command.js';
export { promqlFormat } from './promql-format.js';
