/**
 * Relabel configuration: the `relabel_configs` / `metric_relabel_configs` /
 * `alert_relabel_configs` / `write_relabel_configs` rule type, decoded from a YAML value and
 * validated with upstream's rules and error texts (model/relabel).
 */
import { compileGoRegex, RegexError } from '../labels/index.js';
import { goQuote } from '../strconv/index.js';
import { isValidLabelName, type NameValidationScheme, yamlScalarString, yamlKind } from './names.js';

export type RelabelAction =
  | 'replace'
  | 'keep'
  | 'drop'
  | 'keepequal'
  | 'dropequal'
  | 'hashmod'
  | 'labelmap'
  | 'labeldrop'
  | 'labelkeep'
  | 'lowercase'
  | 'uppercase';

const ACTIONS: ReadonlySet<string> = new Set<RelabelAction>([
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
]);

/**
 * One relabeling rule. Fields carry the YAML names. Treat as immutable once used: compiled
 * forms are cached per object.
 */
export interface RelabelConfig {
  readonly source_labels: readonly string[];
  readonly separator: string;
  /** The regex as written (unanchored); applied as `^(?s:<regex>)$`. */
  readonly regex: string;
  readonly modulus: number;
  readonly target_label: string;
  readonly replacement: string;
  readonly action: RelabelAction;
  /** Label name rules for targets (not a YAML field); 'utf8' when absent. */
  readonly nameValidationScheme?: NameValidationScheme;
}

export const DEFAULT_SEPARATOR = ';';
export const DEFAULT_REGEX = '(.*)';
export const DEFAULT_REPLACEMENT = '$1';

/** A relabel rule that does not decode or validate; message as upstream. */
export class RelabelConfigError extends Error {
  override name = 'RelabelConfigError';
  /** Where the rule list sits in the config (e.g. `scrape_configs[0].relabel_configs`), and the rule index. */
  readonly path: string;
  readonly index: number;
  /**
   * 'decode': the YAML value does not decode (yaml.v2's unmarshal stage: type errors, unknown
   * fields, unknown actions, bad regexes, null rules); 'validate': Config.Validate rejected it.
   */
  readonly kind: 'decode' | 'validate';
  constructor(message: string, path: string, index: number, kind: 'decode' | 'validate' = 'decode') {
    super(message);
    this.path = path;
    this.index = index;
    this.kind = kind;
  }
}

/** Rules decoded with an explicit `regex` (so printed back and rejected for *equal actions). */
const explicitRegex = new WeakSet<RelabelConfig>();

export interface ParseRelabelOptions {
  /** The name validation scheme in force (the scrape config's or the global one); default 'utf8'. */
  nameValidationScheme?: NameValidationScheme;
  /** The message for a null rule (upstream's text depends on the list, e.g. "empty or null target relabeling rule in scrape config"). */
  nullRuleMessage?: string;
}

const FIELDS: ReadonlySet<string> = new Set([
  'source_labels',
  'separator',
  'regex',
  'modulus',
  'target_label',
  'replacement',
  'action',
]);

class DecodeError extends Error {}

function str(v: unknown, field: string): string {
  const s = yamlScalarString(v);
  if (s === null) throw new DecodeError(`cannot unmarshal ${yamlKind(v)} into ${field}`);
  return s;
}

function decodeSourceLabels(v: unknown): string[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new DecodeError(`cannot unmarshal ${yamlKind(v)} into model.LabelNames`);
  const out: string[] = [];
  for (const item of v) {
    const s = str(item, 'string');
    if (!isValidLabelName(s, 'utf8')) throw new DecodeError(`${goQuote(s)} is not a valid label name`);
    out.push(s);
  }
  return out;
}

function decodeModulus(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'bigint') {
    if (v < 0n || v > 0xffffffffffffffffn) throw new DecodeError(`cannot unmarshal !!int \`${v}\` into uint64`);
    return Number(v);
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const shown = typeof v === 'number' || typeof v === 'string' ? `\`${String(v)}\`` : '';
  throw new DecodeError(`cannot unmarshal ${yamlKind(v)}${shown === '' ? '' : ' ' + shown} into uint64`);
}

function decodeAction(v: unknown): RelabelAction {
  if (v === undefined) return 'replace';
  const s = str(v, 'relabel.Action');
  const a = s.toLowerCase();
  if (!ACTIONS.has(a)) throw new DecodeError(`unknown relabel action ${goQuote(s)}`);
  return a as RelabelAction;
}

function compileCheck(re: string): void {
  try {
    compileGoRegex(re, true);
  } catch (e) {
    if (e instanceof RegexError) throw new DecodeError(e.message);
    throw e;
  }
}

interface Decoded {
  cfg: RelabelConfig;
  regexSet: boolean;
  sourcesSet: boolean;
  /** `action: null` (yaml.v2 leaves the action empty, which Validate rejects). */
  actionNull: boolean;
}

function decodeOne(raw: unknown, scheme: NameValidationScheme): Decoded {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
    throw new DecodeError(`cannot unmarshal ${yamlKind(raw)} into relabel.plain`);
  }
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!FIELDS.has(k)) throw new DecodeError(`field ${k} not found in type relabel.plain`);
  }
  const sources = decodeSourceLabels(obj['source_labels']);
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(obj, k);
  // A null scalar leaves a string field empty in yaml.v2; an explicit null regex means "".
  const separator = has('separator') ? (obj['separator'] === null ? '' : str(obj['separator'], 'string')) : DEFAULT_SEPARATOR;
  const regexSet = has('regex');
  const regex = regexSet ? (obj['regex'] === null ? '' : str(obj['regex'], 'relabel.Regexp')) : DEFAULT_REGEX;
  if (regexSet) compileCheck(regex);
  const replacement = has('replacement')
    ? obj['replacement'] === null
      ? ''
      : str(obj['replacement'], 'string')
    : DEFAULT_REPLACEMENT;
  const cfg: RelabelConfig = {
    source_labels: sources ?? [],
    separator,
    regex,
    modulus: decodeModulus(obj['modulus']),
    target_label: obj['target_label'] === null || obj['target_label'] === undefined ? '' : str(obj['target_label'], 'string'),
    replacement,
    action: obj['action'] === null ? 'replace' : decodeAction(obj['action']),
    nameValidationScheme: scheme,
  };
  return { cfg, regexSet, sourcesSet: sources !== null, actionNull: obj['action'] === null };
}

/** Label names with `$1` / `${name}` references, under legacy rules (upstream's relabelTargetLegacy). */
const LEGACY_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

function validTemplate(s: string, scheme: NameValidationScheme): boolean {
  return scheme === 'utf8' ? isValidLabelName(s, 'utf8') : LEGACY_TARGET.test(s);
}

/** Upstream's Config.Validate; returns the error text or null. */
function validateRelabelConfig(d: Decoded): string | null {
  if (d.actionNull) return 'relabel action cannot be empty';
  const c = d.cfg;
  const a = c.action;
  const scheme = c.nameValidationScheme ?? 'utf8';
  const needsTarget = a === 'replace' || a === 'hashmod' || a === 'lowercase' || a === 'uppercase' || a === 'keepequal' || a === 'dropequal';
  const caseOrEqual = a === 'lowercase' || a === 'uppercase' || a === 'keepequal' || a === 'dropequal';
  if (c.modulus === 0 && a === 'hashmod') return 'relabel configuration for hashmod requires non-zero modulus';
  if (needsTarget && c.target_label === '') return `relabel configuration for ${a} action requires 'target_label' value`;
  const hasVar = c.target_label.includes('$');
  if (a === 'replace' && !hasVar && !isValidLabelName(c.target_label, scheme)) return invalidTarget(c);
  if (a === 'replace' && hasVar && !validTemplate(c.target_label, scheme)) return invalidTarget(c);
  if (caseOrEqual && !isValidLabelName(c.target_label, scheme)) return invalidTarget(c);
  if (caseOrEqual && c.replacement !== DEFAULT_REPLACEMENT) return `'replacement' can not be set for ${a} action`;
  if (a === 'labelmap' && !validTemplate(c.replacement, scheme)) {
    return `${goQuote(c.replacement)} is invalid 'replacement' for ${a} action`;
  }
  if (a === 'hashmod' && !isValidLabelName(c.target_label, scheme)) return invalidTarget(c);
  if (a === 'dropequal' || a === 'keepequal') {
    if (d.regexSet || c.modulus !== 0 || c.separator !== DEFAULT_SEPARATOR || c.replacement !== DEFAULT_REPLACEMENT) {
      return `${a} action requires only 'source_labels' and \`target_label\`, and no other fields`;
    }
  }
  if (a === 'labeldrop' || a === 'labelkeep') {
    if (d.sourcesSet || c.target_label !== '' || c.modulus !== 0 || c.separator !== DEFAULT_SEPARATOR || c.replacement !== DEFAULT_REPLACEMENT) {
      return `${a} action requires only 'regex', and no other fields`;
    }
  }
  return null;
}

function invalidTarget(c: RelabelConfig): string {
  return `${goQuote(c.target_label)} is invalid 'target_label' for ${c.action} action`;
}

function remember(d: Decoded): RelabelConfig {
  if (d.regexSet) explicitRegex.add(d.cfg);
  return d.cfg;
}

/**
 * Decodes (as yaml.v2 UnmarshalStrict would) and validates a list of relabel rules. `raw` is
 * the YAML-decoded value of the list; `path` names it for the error. Decoding errors of every
 * rule come before validation errors, as upstream (unmarshal first, Validate after).
 * Throws RelabelConfigError with upstream's message.
 */
export function parseRelabelConfigs(raw: unknown, path: string, opts: ParseRelabelOptions = {}): RelabelConfig[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new RelabelConfigError(`cannot unmarshal ${yamlKind(raw)} into []*relabel.Config`, path, -1);
  }
  const scheme = opts.nameValidationScheme ?? 'utf8';
  const decoded: Decoded[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item: unknown = raw[i];
    if (item === null || item === undefined) {
      throw new RelabelConfigError(opts.nullRuleMessage ?? 'empty or null relabeling rule', path, i);
    }
    try {
      decoded.push(decodeOne(item, scheme));
    } catch (e) {
      if (e instanceof DecodeError) throw new RelabelConfigError(e.message, path, i);
      throw e;
    }
  }
  for (let i = 0; i < decoded.length; i++) {
    const msg = validateRelabelConfig(decoded[i] as Decoded);
    if (msg !== null) throw new RelabelConfigError(msg, path, i, 'validate');
  }
  return decoded.map(remember);
}

/** A rule built in code (defaults filled for absent fields), validated as a parsed one. */
export function newRelabelConfig(fields: Partial<RelabelConfig>): RelabelConfig {
  const cfg: RelabelConfig = {
    source_labels: fields.source_labels ?? [],
    separator: fields.separator ?? DEFAULT_SEPARATOR,
    regex: fields.regex ?? DEFAULT_REGEX,
    modulus: fields.modulus ?? 0,
    target_label: fields.target_label ?? '',
    replacement: fields.replacement ?? DEFAULT_REPLACEMENT,
    action: fields.action ?? 'replace',
    nameValidationScheme: fields.nameValidationScheme ?? 'utf8',
  };
  try {
    compileGoRegex(cfg.regex, true);
  } catch (e) {
    if (e instanceof RegexError) throw new RelabelConfigError(e.message, '', 0);
    throw e;
  }
  const d: Decoded = {
    cfg,
    regexSet: fields.regex !== undefined && fields.regex !== DEFAULT_REGEX,
    sourcesSet: fields.source_labels !== undefined && fields.source_labels.length > 0,
    actionNull: false,
  };
  const msg = validateRelabelConfig(d);
  if (msg !== null) throw new RelabelConfigError(msg, '', 0, 'validate');
  return remember(d);
}

/**
 * The rule as upstream marshals it (field order and omitempty as there): for
 * /api/v1/status/config and `promtool check config` round trips.
 */
export function toYAMLObject(cfg: RelabelConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (cfg.source_labels.length > 0) out['source_labels'] = [...cfg.source_labels];
  out['separator'] = cfg.separator;
  if (explicitRegex.has(cfg) || cfg.regex !== DEFAULT_REGEX) out['regex'] = cfg.regex;
  if (cfg.modulus !== 0) out['modulus'] = cfg.modulus;
  if (cfg.target_label !== '') out['target_label'] = cfg.target_label;
  out['replacement'] = cfg.replacement;
  out['action'] = cfg.action;
  return out;
}
