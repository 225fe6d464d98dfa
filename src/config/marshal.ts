/**
 * Re-serialising a loaded Config the way upstream's Config.String() does (yaml.v2 Marshal):
 * fields in struct order, omitempty respected, durations and sizes in their text forms,
 * secrets as <secret>, URLs with passwords redacted.
 */
import { stringify } from 'yaml';
import { type Config, configCodec } from './config.js';

/** The YAML text of a config, as /api/v1/status/config serves it. */
export function configToYaml(cfg: Config): string {
  const obj = configCodec.encode(cfg);
  return stringify(obj, { indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
}
