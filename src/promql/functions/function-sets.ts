/** Sets of function names the engine consults (upstream functions.go). */

/**
 * Functions whose result changes with the evaluation time even when their arguments are step
 * invariant, or that use the argument's timestamps (AtModifierUnsafeFunctions).
 */
export const AT_MODIFIER_UNSAFE_FUNCTIONS: ReadonlySet<string> = new Set([
  'days_in_month',
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'end',
  'hour',
  'minute',
  'month',
  'year',
  'predict_linear',
  'range',
  'start',
  'step',
  'time',
  'timestamp',
]);

/** Functions that accept an `anchored` range selector (AnchoredSafeFunctions). */
export const ANCHORED_SAFE_FUNCTIONS: ReadonlySet<string> = new Set(['resets', 'changes', 'rate', 'increase', 'delta']);

/** Functions that accept a `smoothed` range selector (SmoothedSafeFunctions). */
export const SMOOTHED_SAFE_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'increase', 'delta']);
