// Public face of the PromQL function implementations. CONTRACT:
//   FUNCTION_CALLS: name -> implementation, for every function in the parser's FUNCTIONS table
//   except those the engine evaluates itself (label_replace and label_join, through
//   compileLabelReplace/compileLabelJoin/applyLabelRewriter; info; and the query-context
//   functions start()/end()/range()/step() if the engine handles them).
//   The window contract for range-vector functions is documented in rate.ts.
export { FUNCTION_CALLS } from './registry.js';
export type { FunctionCall, EvalNodeHelper, FloatWindowStats, FunctionTable } from './function-call.js';
export { FunctionEvalError } from './errors.js';
export { absentLabels } from './absent.js';
export { compileLabelReplace, compileLabelJoin, applyLabelRewriter, type LabelRewriter } from './label.js';
export { AT_MODIFIER_UNSAFE_FUNCTIONS, ANCHORED_SAFE_FUNCTIONS, SMOOTHED_SAFE_FUNCTIONS } from './function-sets.js';
export { dropMetadataLabels } from './metric-labels.js';
export {
  invalidQuantileWarning,
  mixedExponentialCustomHistogramsWarning,
  mixedFloatsHistogramsWarning,
  possibleNonCounterInfo,
  sortInRangeQueryWarning,
} from './annotation-messages.js';
export { almostEqual, quantileOfValues } from './quantile.js';
export { kahanCompensation } from './kahan.js';
export { histogramEquals } from './histogram-compare.js';
