export {
  DEFAULT_REGEX,
  DEFAULT_REPLACEMENT,
  DEFAULT_SEPARATOR,
  newRelabelConfig,
  parseRelabelConfigs,
  RelabelConfigError,
  toYAMLObject,
  type ParseRelabelOptions,
  type RelabelAction,
  type RelabelConfig,
} from './config.js';
export { LabelsBuilder } from './builder.js';
export { isValidLabelName, type NameValidationScheme } from './names.js';
export { processBuilder, relabel } from './relabel.js';
