/**
 * The syntax check of alerting rules' label and annotation templates (upstream's
 * testTemplateParsing): the text is parsed as a Go template with Prometheus's function map,
 * so unknown functions and malformed actions are reported as Go does.
 */
import { parseTemplate, prometheusFuncMap } from '../../template/index.js';

const FUNCS = prometheusFuncMap({ queryFunc: () => Promise.resolve([]), externalURL: '' });

/** Throws the template's parse error (`template: __alert_x:1: ...`). */
export function checkAlertTemplate(text: string, name: string): void {
  parseTemplate(text, name, FUNCS, { missingKey: 'zero' });
}
