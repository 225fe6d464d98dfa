/**
 * GET /api/v1/targets/relabel_steps?scrapePool=&labels=: how a target's discovered labels pass
 * through its pool's relabel_configs, one step per rule (upstream targetRelabelSteps). After a
 * rule drops the target, later steps show empty output and keep false.
 */
import { Labels } from '../../../model/labels/index.js';
import { LabelsBuilder, processBuilder, type RelabelConfig } from '../../../model/relabel/index.js';
import type { ApiContext } from './context.js';
import type { ApiResult } from './envelope.js';
import { ApiError, errorText } from './errors.js';

/** A rule as upstream's relabel.Config marshals to JSON (omitempty fields left out when empty). */
export function relabelRuleJson(r: RelabelConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.source_labels.length > 0) out.source_labels = [...r.source_labels];
  out.separator = r.separator;
  out.regex = r.regex;
  if (r.modulus !== 0) out.modulus = r.modulus;
  if (r.target_label !== '') out.target_label = r.target_label;
  out.replacement = r.replacement;
  out.action = r.action;
  return out;
}

function parseLabelsParam(s: string): Labels {
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch (e) {
    throw new ApiError('bad_data', `error parsing labels: ${errorText(e)}`);
  }
  if (v === null) return Labels.EMPTY;
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new ApiError('bad_data', `error parsing labels: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]string`);
  }
  const o: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') {
      throw new ApiError('bad_data', `error parsing labels: json: cannot unmarshal ${x === null ? 'null' : typeof x} into Go value of type string`);
    }
    o[k] = x;
  }
  return Labels.fromObject(o);
}

export function targetRelabelSteps(c: ApiContext): ApiResult {
  const scrapePool = c.form.get('scrapePool');
  if (scrapePool === '') throw new ApiError('bad_data', 'no scrapePool parameter provided');
  const labelsJson = c.form.get('labels');
  if (labelsJson === '') throw new ApiError('bad_data', 'no labels parameter provided');
  const lbls = parseLabelsParam(labelsJson);
  let rules: readonly RelabelConfig[];
  try {
    const tp = c.deps.targets;
    if (tp?.scrapePoolRelabelConfigs === undefined) throw new Error(`scrape pool ${JSON.stringify(scrapePool)} not found`);
    rules = tp.scrapePoolRelabelConfigs(scrapePool);
  } catch (e) {
    throw new ApiError('bad_data', `error retrieving scrape config: ${errorText(e)}`);
  }
  const lb = new LabelsBuilder();
  lb.reset(lbls);
  let keep = true;
  const steps = rules.map((rule) => {
    if (keep) keep = processBuilder(lb, [rule]);
    return { rule: relabelRuleJson(rule), output: keep ? lb.labels().toObject() : {}, keep };
  });
  return { data: { steps } };
}
