export { Labels, MetricName, compareLabels, compareStrings } from './labels.js';
export { Matcher, MatchType } from './matcher.js';
export { isValidLabelName } from './label-name.js';
export {
  compileAnchoredRegex,
  compileGoRegex,
  expandTemplate,
  RegexError,
  type AnchoredRegex,
  type GoRegex,
} from './regex.js';
export { labelsHash, xxhash64 } from './hash.js';
