/**
 * Target group files (file_sd and promtool's SD file check): a YAML or JSON list of
 * `{targets: [...], labels: {...}}` decoded strictly, as upstream's targetgroup.Group.
 */
import { Labels } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { Decoder, list, parseYamlTree, ptr } from '../common/index.js';
import { isValidLabelValue, isValidUTF8LabelName, type StaticTargetGroup, targetGroupCodec } from './static.js';

function checkNil(groups: (StaticTargetGroup | undefined)[]): StaticTargetGroup[] {
  groups.forEach((g, i) => {
    if (!g) throw new Error(`nil target group item found (index ${i})`);
  });
  return groups as StaticTargetGroup[];
}

/** A YAML target group list (yaml.UnmarshalStrict into []*targetgroup.Group). */
export function parseTargetGroupsYaml(text: string): StaticTargetGroup[] {
  const root = parseYamlTree(text);
  if (root === null) return [];
  const d = new Decoder();
  const groups = list(ptr(targetGroupCodec)).decode(root, d);
  d.finish();
  return checkNil(groups);
}

/** One YAML target group, strictly (as a single targetgroup.Group). */
export function parseTargetGroupYaml(text: string): StaticTargetGroup {
  const root = parseYamlTree(text);
  const d = new Decoder();
  const g = root === null ? targetGroupCodec.zero() : targetGroupCodec.decode(root, d);
  d.finish();
  return g;
}

function jsonGroup(v: unknown): StaticTargetGroup | undefined {
  if (v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('json: cannot unmarshal into Go value of type targetgroup.Group');
  const obj = v as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (k !== 'targets' && k !== 'labels') throw new Error(`json: unknown field ${goQuote(k)}`);
  const targets = obj['targets'] ?? [];
  if (!Array.isArray(targets) || targets.some((t) => typeof t !== 'string')) {
    throw new Error('json: cannot unmarshal into Go struct field .targets of type string');
  }
  const labels = obj['labels'] ?? {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    throw new Error('json: cannot unmarshal into Go struct field .labels of type model.LabelSet');
  }
  const lobj: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels as Record<string, unknown>)) {
    if (!isValidUTF8LabelName(name)) throw new Error(`${goQuote(name)} is not a valid label name`);
    if (typeof value !== 'string' || !isValidLabelValue(value)) throw new Error('json: cannot unmarshal into Go value of type model.LabelValue');
    lobj[name] = value;
  }
  return { targets: (targets as string[]).map((t) => Labels.fromObject({ __address__: t })), labels: Labels.fromObject(lobj), source: '' };
}

/** A JSON target group list (json.Unmarshal into []*targetgroup.Group, unknown fields rejected). */
export function parseTargetGroupsJson(text: string): StaticTargetGroup[] {
  const v: unknown = JSON.parse(text);
  if (v === null) return [];
  if (!Array.isArray(v)) throw new Error('json: cannot unmarshal object into Go value of type []*targetgroup.Group');
  return checkNil(v.map(jsonGroup));
}
