/**
 * Rule evaluation (Prometheus rules): recording and alerting rules in groups, run by the
 * RuleManager on their intervals, writing through an Appendable and alerting through `notify`.
 */
export { RuleManager, engineQueryFunc, type NotifierAlert, type RuleEngine, type RuleManagerOpts } from './manager.js';
export { Group, type GroupLogger } from './group.js';
export { RuleMetrics, groupKey } from './metrics.js';
export { AlertingRule, needsSending, type AlertState, type RuleAlert } from './alerting-rule.js';
export { RecordingRule, DuplicateLabelSetError } from './recording-rule.js';
export { RuleStatus, type QueryFunc, type Rule, type RuleHealth } from './rule.js';
export { goTemplateExpander, simpleTemplateExpander, type AlertTemplateData, type TemplateExpander, type TemplateQueryFunc } from './template-expand.js';
export type { AlertInfo, AlertingRuleInfo, RecordingRuleInfo, RuleGroupInfo, RuleInfo } from './api-info.js';
