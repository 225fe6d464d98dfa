import type { FunctionCall } from './function-call.js';
import { ABSENT_FUNCTIONS } from './absent.js';
import { CHANGE_FUNCTIONS } from './changes.js';
import { DATE_FUNCTIONS } from './date.js';
import { HISTOGRAM_FUNCTIONS } from './histogram.js';
import { MATH_FUNCTIONS } from './math.js';
import { OVER_TIME_FUNCTIONS } from './over-time.js';
import { RATE_FUNCTIONS } from './rate.js';
import { REGRESSION_FUNCTIONS } from './regression.js';
import { SORT_FUNCTIONS } from './sort.js';

export const FUNCTION_CALLS: Map<string, FunctionCall> = new Map();
for (const table of [
  ABSENT_FUNCTIONS,
  CHANGE_FUNCTIONS,
  DATE_FUNCTIONS,
  HISTOGRAM_FUNCTIONS,
  MATH_FUNCTIONS,
  OVER_TIME_FUNCTIONS,
  RATE_FUNCTIONS,
  REGRESSION_FUNCTIONS,
  SORT_FUNCTIONS,
]) {
  for (const [name, fn] of Object.entries(table)) FUNCTION_CALLS.set(name, fn);
}
