/** Loading alertmanager.yml (config.Load / LoadFile) and re-serialising it. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import {
  Decoder,
  DecodeFailure,
  type HTTPClientConfig,
  joinDir,
  parseYamlTree,
  ResolveError,
  setHTTPClientDirectory,
  UnmarshalErrors,
  YamlSyntaxError,
} from '../../config/common/index.js';
import { type AlertmanagerConfig, configCodec } from './config.js';
import { AmConfigError } from './inherit.js';
import { trimForAlertmanager025 } from './compat-0-25.js';
import { INTEGRATION_KEYS } from './receiver.js';

function toConfigError(e: unknown): AmConfigError {
  if (e instanceof AmConfigError) return e;
  if (e instanceof DecodeFailure || e instanceof UnmarshalErrors || e instanceof ResolveError || e instanceof YamlSyntaxError) {
    return new AmConfigError(e.message);
  }
  throw e;
}

/** config.Load: parses and validates the text; throws AmConfigError with upstream's text. */
export function loadAlertmanagerConfig(text: string): AlertmanagerConfig {
  let cfg: AlertmanagerConfig | undefined;
  try {
    const root = parseYamlTree(text);
    const d = new Decoder();
    if (root !== null) {
      cfg = configCodec.decode(root, d) as AlertmanagerConfig;
      d.finish();
    }
  } catch (e) {
    throw toConfigError(e);
  }
  if (cfg?.route === undefined) throw new AmConfigError('no route provided in config');
  if (cfg.route.continue) throw new AmConfigError('cannot have continue in root route');
  cfg.original = text;
  return cfg;
}

/** config.LoadFile: loads a file and resolves relative template and HTTP client paths against its folder. */
export function loadAlertmanagerConfigFile(path: string): AlertmanagerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AmConfigError((e as Error).message);
  }
  const cfg = loadAlertmanagerConfig(text);
  resolveFilepaths(dirname(path), cfg);
  return cfg;
}

/** Joins relative template paths and HTTP client file paths with dir. */
export function resolveFilepaths(dir: string, cfg: AlertmanagerConfig): void {
  cfg.templates = cfg.templates.map((t) => joinDir(dir, t));
  const done = new Set<HTTPClientConfig>();
  const setDir = (h: HTTPClientConfig | undefined): void => {
    if (h === undefined || done.has(h)) return;
    done.add(h);
    setHTTPClientDirectory(h, dir);
  };
  setDir(cfg.global.http_config);
  for (const r of cfg.receivers) {
    for (const key of INTEGRATION_KEYS) {
      if (key === 'email_configs') continue;
      for (const c of r[key] as ({ http_config?: HTTPClientConfig | undefined } | undefined)[]) setDir(c?.http_config);
    }
  }
}

/**
 * The YAML text of a loaded config as Config.String() gives it: secrets as <secret>; fields
 * Alertmanager 0.25 lacks are left out when they hold nothing, so amtool 0.25 can read it.
 */
export function configToYaml(cfg: AlertmanagerConfig): string {
  const obj = trimForAlertmanager025(configCodec.encode(cfg) as Record<string, unknown>);
  return stringify(obj, { indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false });
}
