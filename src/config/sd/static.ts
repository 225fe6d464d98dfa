/**
 * static_configs: target groups written in the config (targetgroup.Group): `targets` become
 * label sets with __address__, `labels` is a model.LabelSet whose names are validated.
 */
import { Labels } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { type Codec, type Decoder, decodeNode, decodeString, isNull, list, str, type YNode } from '../common/index.js';
import type { SDConfigBase } from './mechanism.js';

/** One target group of a static config. */
export interface StaticTargetGroup {
  /** One label set per target, holding __address__. */
  readonly targets: Labels[];
  readonly labels: Labels;
  /** The group's index among the config's static groups, as upstream numbers them. */
  source: string;
}

/** All static target groups of one scrape/Alertmanager config, coalesced as upstream. */
export interface StaticSDConfig extends SDConfigBase {
  readonly mechanism: 'static';
  readonly groups: StaticTargetGroup[];
}

const LONE_SURROGATE = /\p{Cs}/u;

/** model.LabelValue.IsValid: valid UTF-8. */
export function isValidLabelValue(v: string): boolean {
  return !LONE_SURROGATE.test(v);
}

/** model.LabelName.IsValid under UTF-8 validation: non-empty, valid UTF-8. */
export function isValidUTF8LabelName(v: string): boolean {
  return v.length > 0 && !LONE_SURROGATE.test(v);
}

/** model.LabelSet: a map whose keys are validated label names. */
export const labelSet: Codec<Labels> = {
  goType: 'model.LabelSet',
  zero: () => Labels.EMPTY,
  decode(n: YNode, d: Decoder): Labels {
    if (n.kind !== 'map') {
      d.cannotUnmarshal(n, 'model.LabelSet');
      return Labels.EMPTY;
    }
    const obj: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const p of n.pairs) {
      const before = d.terrors.length;
      const name = isNull(p.key) ? '' : decodeString(p.key, d);
      if (name === undefined || d.terrors.length > before) continue;
      if (!isValidUTF8LabelName(name)) d.fail(`${goQuote(name)} is not a valid label name`, p.key.line);
      if (name in obj && !p.merged) {
        d.typeError(p.key.line, `key ${goQuote(name)} already set in map`);
        continue;
      }
      obj[name] = decodeNode(str, p.value, d);
    }
    return Labels.fromObject(obj);
  },
  isZero: (v) => v === undefined || v.isEmpty(),
  encode: (v) => v.toObject(),
};

const targetList = list(str);
const GROUP_TYPE = 'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }';

/** targetgroup.Group's YAML form. */
export const targetGroupCodec: Codec<StaticTargetGroup> = {
  goType: GROUP_TYPE,
  zero: () => ({ targets: [], labels: Labels.EMPTY, source: '' }),
  decode(n, d): StaticTargetGroup {
    if (n.kind !== 'map') {
      d.cannotUnmarshal(n, GROUP_TYPE);
      return this.zero();
    }
    let targets: string[] = [];
    let labels = Labels.EMPTY;
    const seen = new Set<string>();
    for (const p of n.pairs) {
      const key = p.key.kind === 'scalar' ? p.key.value : '';
      if (key !== 'targets' && key !== 'labels') {
        d.typeError(p.key.line, `field ${key} not found in type ${GROUP_TYPE}`);
        continue;
      }
      if (seen.has(key) && !p.merged) {
        d.typeError(p.key.line, `field ${key} already set in type ${GROUP_TYPE}`);
        continue;
      }
      seen.add(key);
      if (key === 'targets') targets = decodeNode(targetList, p.value, d);
      else labels = decodeNode(labelSet, p.value, d);
    }
    return { targets: targets.map((t) => Labels.fromObject({ __address__: t })), labels, source: '' };
  },
  isZero: () => false,
  encode(g): unknown {
    const out: Record<string, unknown> = { targets: g.targets.map((t) => t.get('__address__')) };
    if (!g.labels.isEmpty()) out['labels'] = g.labels.toObject();
    return out;
  },
};
