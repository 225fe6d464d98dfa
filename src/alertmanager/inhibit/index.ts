export { Inhibitor, InhibitRule } from './inhibitor.js';
export type { InhibitRuleConfig, InhibitorOptions, LabelMatcher } from './inhibitor.js';
