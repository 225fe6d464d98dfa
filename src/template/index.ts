// Go's text/template and fmt in TypeScript (with html/template's contextual escaping), and
// Prometheus's template function map.
export { parseTemplate, withArity, Template, type FuncMap, type TemplateFunc, type TemplateOptions } from './template.js';
export { TemplateError, ArgTypeError, ArgCountError } from './errors.js';
export { sprintf, sprint, sprintln, formatV } from './fmt.js';
export { htmlEscape, jsEscape, queryEscape } from './builtins.js';
export { goTypeName, isTrue, isGoMap, isGoObject, type GoObject } from './values.js';
export {
  prometheusFuncMap, expandAlertTemplate, AlertTemplateData, TemplateSample, convertToFloat, parseDurationSeconds,
  type QuerySample, type TemplateQueryFunc, type PrometheusFuncOptions, type AlertTemplateInput,
} from './prometheus-funcs.js';
export { GoTime, GoDuration, formatGoDuration } from './go-time.js';
export { humanize, humanize1024, humanizeDuration, humanizePercentage } from './humanize.js';
export { SafeContent, FILTER_FAILSAFE, type ContentType } from './html-escapers.js';
