/**
 * Loading prometheus.yml: parse + decode + validate (upstream config.Load / LoadFile),
 * ${ENV} expansion in external labels, agent mode restrictions, relative paths joined with
 * the file's directory, and scrape_config_files read on demand (GetScrapeConfigs).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  DecodeFailure,
  Decoder,
  joinDir,
  parseYamlTree,
  ResolveError,
  UnmarshalErrors,
  YamlSyntaxError,
} from './common/index.js';
import { setAlertingDirectory } from './alerting-config.js';
import { type Config, decodeConfig } from './config.js';
import { globFiles } from './glob.js';
import { labelsKeepingEmpty, setGlobalDirectory } from './global-config.js';
import { setRemoteDirectory } from './remote-config.js';
import { type ScrapeConfig, scrapeConfigsFileCodec, setScrapeDirectory, validateScrapeConfig } from './scrape-config.js';
import { setTracingDirectory } from './storage-config.js';

/** A config that does not parse or validate. `message` is upstream's text. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

export interface LoadOptions {
  /** Agent mode: alerting, rule_files and remote_read are not allowed. */
  agentMode?: boolean;
  /** Expand ${VAR} in external label values (upstream always does; default true). */
  expandExternalLabels?: boolean;
  /** Environment for expansion (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Called for each expansion of an unset or empty variable. */
  onEmptyEnv?: (name: string) => void;
}

const loaded = new WeakSet<Config>();

function toConfigError(e: unknown, file?: string): ConfigError {
  if (e instanceof ConfigError) return e;
  if (e instanceof DecodeFailure) return new ConfigError(e.message, file, e.line);
  if (e instanceof UnmarshalErrors || e instanceof ResolveError) return new ConfigError(e.message, file);
  if (e instanceof YamlSyntaxError) return new ConfigError(e.message, file, e.line);
  throw e;
}

function isShellSpecial(c: string): boolean {
  return '*#$@!?-0123456789'.includes(c);
}

/** Go's os.Expand. */
export function expandEnv(s: string, mapping: (name: string) => string): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] !== '$' || j + 1 >= s.length) continue;
    out += s.slice(i, j);
    const rest = s.slice(j + 1);
    let name = '';
    let w = 0;
    if (rest[0] === '{') {
      if (rest.length > 2 && isShellSpecial(rest[1] as string) && rest[2] === '}') {
        name = rest[1] as string;
        w = 3;
      } else {
        const close = rest.indexOf('}');
        if (close === 1) w = 2;
        else if (close < 0) w = 1;
        else {
          name = rest.slice(1, close);
          w = close + 1;
        }
      }
    } else if (isShellSpecial(rest[0] as string)) {
      name = rest[0] as string;
      w = 1;
    } else {
      const m = /^[A-Za-z0-9_]*/.exec(rest);
      name = m ? m[0] : '';
      w = name.length;
    }
    if (name === '' && w === 0) out += '$';
    else if (name !== '') out += mapping(name);
    j += w;
    i = j + 1;
  }
  return i === 0 ? s : out + s.slice(i);
}

function expandExternalLabels(cfg: Config, opts: LoadOptions): void {
  const env = opts.env ?? process.env;
  const obj: Record<string, string> = {};
  cfg.global.external_labels.forEach((name, value) => {
    obj[name] = expandEnv(value, (v) => {
      if (v === '$') return '$';
      const val = env[v];
      if (val) return val;
      opts.onEmptyEnv?.(v);
      return '';
    });
  });
  if (Object.keys(obj).length > 0) cfg.global.external_labels = labelsKeepingEmpty(obj);
}

const TRANSLATION_STRATEGIES_UTF8 = ['NoTranslation', 'NoUTF8EscapingWithSuffixes'];

function checkOTLPTranslation(cfg: Config): void {
  const s = cfg.otlp.translation_strategy;
  if (s === '' || s === 'UnderscoreEscapingWithSuffixes' || s === 'UnderscoreEscapingWithoutSuffixes') return;
  if (TRANSLATION_STRATEGIES_UTF8.includes(s)) {
    if (cfg.global.metric_name_validation_scheme === 'legacy') {
      throw new ConfigError(`OTLP translation strategy "${s}" is not allowed when UTF8 is disabled`);
    }
    return;
  }
  throw new ConfigError(`unsupported OTLP translation strategy "${s}"`);
}

/** config.Load: parses and validates a YAML text. Throws ConfigError with upstream's text. */
export function loadConfig(text: string, filename = '', opts: LoadOptions = {}): Config {
  let cfg: Config;
  try {
    const d = new Decoder();
    cfg = decodeConfig(parseYamlTree(text), d);
  } catch (e) {
    throw toConfigError(e, filename || undefined);
  }
  if (opts.expandExternalLabels !== false) expandExternalLabels(cfg, opts);
  checkOTLPTranslation(cfg);
  loaded.add(cfg);
  return cfg;
}

/** Config.SetDirectory: joins every relative file path with dir. */
export function setDirectory(cfg: Config, dir: string): void {
  setGlobalDirectory(cfg.global, dir);
  setAlertingDirectory(cfg.alerting, dir);
  setTracingDirectory(cfg.tracing, dir);
  cfg.rule_files = cfg.rule_files.map((f) => joinDir(dir, f));
  cfg.scrape_config_files = cfg.scrape_config_files.map((f) => joinDir(dir, f));
  for (const sc of cfg.scrape_configs) setScrapeDirectory(sc, dir);
  for (const rw of cfg.remote_write) setRemoteDirectory(rw, dir);
  for (const rr of cfg.remote_read) setRemoteDirectory(rr, dir);
}

/**
 * config.LoadFile: reads, loads (errors prefixed `parsing YAML file <path>: `), applies agent
 * mode restrictions and resolves relative paths against the file's directory.
 */
export function loadConfigFile(path: string, opts: LoadOptions = {}): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`open ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`, path);
  }
  let cfg: Config;
  try {
    cfg = loadConfig(text, path, opts);
  } catch (e) {
    const ce = toConfigError(e, path);
    throw new ConfigError(`parsing YAML file ${path}: ${ce.message}`, path, ce.line);
  }
  if (opts.agentMode) {
    if (cfg.alerting.alertmanagers.length > 0 || cfg.alerting.alert_relabel_configs.length > 0) {
      throw new ConfigError('field alerting is not allowed in agent mode', path);
    }
    if (cfg.rule_files.length > 0) throw new ConfigError('field rule_files is not allowed in agent mode', path);
    if (cfg.remote_read.length > 0) throw new ConfigError('field remote_read is not allowed in agent mode', path);
  }
  setDirectory(cfg, dirname(path));
  return cfg;
}

function fileErr(filename: string, message: string, line?: number): ConfigError {
  return new ConfigError(`"${resolve(filename)}": ${message}`, filename, line);
}

/**
 * Config.GetScrapeConfigs: the main file's scrape configs plus those of every file matching
 * scrape_config_files (validated against the global config; job names unique across all).
 */
export function getScrapeConfigs(cfg: Config): ScrapeConfig[] {
  if (!loaded.has(cfg)) {
    throw new ConfigError('scrape config cannot be fetched, main config was not validated and loaded correctly; should not happen');
  }
  const out = [...cfg.scrape_configs];
  const jobNames = new Map<string, string>(cfg.scrape_configs.map((sc) => [sc.job_name, 'main config file']));
  for (const pat of cfg.scrape_config_files) {
    for (const filename of globFiles(pat)) {
      let scfgs: (ScrapeConfig | undefined)[];
      const d = new Decoder();
      try {
        const root = parseYamlTree(readFileSync(filename, 'utf8'));
        scfgs = root === null ? [] : scrapeConfigsFileCodec.decode(root, d).scrape_configs;
        d.finish();
        for (const sc of scfgs) validateScrapeConfig(sc, cfg.global, d);
      } catch (e) {
        const ce = toConfigError(e, filename);
        throw fileErr(filename, ce.message, ce.line);
      }
      for (const sc of scfgs as ScrapeConfig[]) {
        const first = jobNames.get(sc.job_name);
        if (first !== undefined) {
          throw fileErr(filename, `found multiple scrape configs with job name "${sc.job_name}", first found in ${first}`);
        }
        jobNames.set(sc.job_name, `"${resolve(filename)}"`);
        setScrapeDirectory(sc, dirname(filename));
        out.push(sc);
      }
    }
  }
  return out;
}

/** True when the config came from loadConfig/loadConfigFile. */
export function isLoaded(cfg: Config): boolean {
  return loaded.has(cfg);
}
