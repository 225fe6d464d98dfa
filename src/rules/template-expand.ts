/**
 * The seam between alerting rules and the Go template engine: rules expand their labels and
 * annotations through a TemplateExpander, by default src/template's expandAlertTemplate (Go
 * text/template with Prometheus's functions). A small regex expander is kept for callers that
 * want no template engine (it handles {{ $labels.x }}, {{ $value }}, {{ $externalLabels.x }}
 * and {{ $externalURL }} and leaves other text as written).
 */
import { formatFloat } from '../model/strconv/index.js';
import type { FloatHistogram } from '../model/value/index.js';
import type { Vector } from '../promql/value/index.js';
import { expandAlertTemplate } from '../template/index.js';

export interface AlertTemplateData {
  labels: Record<string, string>;
  /** The sample's value: a float, or the histogram of a histogram sample. */
  value: number | FloatHistogram;
  externalLabels: Record<string, string>;
  externalURL: string;
  /** Evaluation time, ms since the epoch. */
  timestamp: number;
}

/** Query function the template's `query` function uses: an instant query at the eval time. */
export type TemplateQueryFunc = (q: string) => Promise<Vector>;

/**
 * Expands one label or annotation text (name `__alert_<rule>`). On failure it returns
 * upstream's `<error expanding template: ...>` text rather than throwing.
 */
export type TemplateExpander = (text: string, name: string, data: AlertTemplateData, query: TemplateQueryFunc) => Promise<string>;

const ACTION = /\{\{-?\s*(\$labels|\.Labels|\$externalLabels|\.ExternalLabels)\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}|\{\{-?\s*(\$value|\.Value|\$externalURL|\.ExternalURL)\s*-?\}\}/g;

/** The built-in expander for when no Go template engine is wired. */
export const simpleTemplateExpander: TemplateExpander = (text, _name, data) => {
  return Promise.resolve(
    text.replace(ACTION, (_m, mapName: string | undefined, key: string | undefined, scalar: string | undefined) => {
      if (mapName !== undefined && key !== undefined) {
        const src = mapName.endsWith('abels') && mapName.includes('xternal') ? data.externalLabels : data.labels;
        return src[key] ?? '<no value>';
      }
      if (scalar === '$value' || scalar === '.Value') return typeof data.value === 'number' ? formatFloat(data.value, 'g', -1) : data.value.toString();
      return data.externalURL;
    }),
  );
};

/** Go text/template expansion with Prometheus's function map, as alerting rules do upstream. */
export const goTemplateExpander: TemplateExpander = (text, name, data, query) =>
  expandAlertTemplate(text, name, data, async (q) => (await query(q)).map((s) => ({ labels: s.metric, value: s.h ?? s.f })));
