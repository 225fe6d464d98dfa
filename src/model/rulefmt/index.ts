/**
 * Rule files (Prometheus model/rulefmt): parsing and validation of recording and alerting
 * rule groups with upstream's error texts.
 */
export {
  loadRuleFile,
  parseRuleFile,
  parseRules,
  validateRuleGroups,
  RuleFileError,
  type NameValidation,
  type ParseOptions,
  type Rule,
  type RuleGroup,
  type RuleGroups,
} from './rulefmt.js';
export { rulePositions, type GroupPositions, type NodePos, type RulePositions } from './positions.js';
