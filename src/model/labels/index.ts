export { Labels, MetricName, compareLabels, compareStrings } from './labels.js';
export { Matcher, MatchType } from './matcher.js';
export { compileAnchoredRegex, RegexError, type AnchoredRegex } from './regex.js';
