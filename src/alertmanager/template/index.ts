// Alertmanager's notification template layer: function map, data model, default templates.
export { alertmanagerFuncMap, titleCase, queryUnescape, type AlertmanagerFuncOptions } from './funcs.js';
export {
  KV, Pair, TemplateAlert, TemplateData, makeAlerts, makePairs, buildData, labelSetFingerprint, quoteMeta,
  rfc3339Nano, ZERO_TIME_NS, templateDataFromJSON, parseRFC3339Nano,
} from './data.js';
export {
  AlertmanagerTemplate, defaultTemplate, loadTemplates, readDefaultTemplates, templatesFromTexts, glob, stripHTMLComments, type TemplateSetOptions,
} from './template.js';
export { TemplateDataError } from './errors.js';
export { DEFAULT_TEMPLATES } from './default-templates.js';
