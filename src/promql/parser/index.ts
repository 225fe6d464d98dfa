// Public face of the PromQL parser. CONTRACT (implemented by parser.ts, lexer.ts, ...):
export * from './ast.js';
export { parseExpr, parseMetricSelector, parseMetric, parseDuration, type ParserOptions } from './parser.js';
export { parseSeriesDesc, type SeriesDescValue, type SeriesDesc } from './series-desc.js';
export { ParseError, ParseErrors } from './errors.js';
export { exprToString } from './printer.js';
export { prettify } from './prettier.js';
export { FUNCTIONS, getFunction } from './functions.js';
export { positionRange } from './position.js';
export { formatDuration } from './duration.js';
// Additional exports (helpers other modules may need to match upstream texts).
export { startPosInput } from './errors.js';
export { documentedType } from './check.js';
export { parseModelDuration, DurationError } from './duration.js';
