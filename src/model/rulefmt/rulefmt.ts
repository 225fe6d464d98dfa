/**
 * Rule files (Prometheus model/rulefmt): strict YAML decoding into rule groups, then
 * validation with upstream's error texts. Errors are collected, not thrown one by one: a file
 * yields every problem found, each formatted as upstream's rulefmt.Error.
 */
import { readFileSync } from 'node:fs';
import {
  Decoder,
  DecodeFailure,
  UnmarshalErrors,
  YamlSyntaxError,
  decodeNode,
  duration,
  int,
  list,
  parseYamlTree,
  ptr,
  str,
  stringMap,
  struct,
  type Codec,
} from '../../config/common/index.js';
import { parseExpr } from '../../promql/parser/index.js';
import { checkAlertTemplate } from './template-check.js';
import { rulePositions, type GroupPositions, type NodePos } from './positions.js';

/** One alerting or recording rule. Durations in ms. */
export interface Rule {
  record: string;
  alert: string;
  expr: string;
  for: number;
  keepFiringFor: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A list of rules evaluated in order. Durations in ms; queryOffset undefined when unset. */
export interface RuleGroup {
  name: string;
  interval: number;
  queryOffset: number | undefined;
  limit: number;
  rules: Rule[];
  labels: Record<string, string>;
}

export interface RuleGroups {
  groups: RuleGroup[];
}

/** model.ValidationScheme: UTF-8 (Prometheus 3's default) or the legacy character sets. */
export type NameValidation = 'utf8' | 'legacy';

export interface ParseOptions {
  ignoreUnknownFields?: boolean;
  nameValidation?: NameValidation;
  /**
   * Parses a Go template (text, template name) and throws its error: the syntax check of
   * alerting rules' labels and annotations. Default: Go template parsing with Prometheus's
   * function map (src/template); null skips the check.
   */
  checkTemplate?: ((text: string, name: string) => void) | null;
}

/** The errors of one rule file, in upstream's texts; `message` joins them with newlines. */
export class RuleFileError extends Error {
  override name = 'RuleFileError';
  constructor(readonly errors: readonly string[]) {
    super(errors.join('\n'));
  }
}

interface RawRule {
  record: string;
  alert: string;
  expr: string;
  for: number;
  keep_firing_for: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface RawGroup {
  name: string;
  interval: number;
  query_offset: number | undefined;
  limit: number;
  rules: RawRule[];
  labels: Record<string, string>;
}

const labelMap = stringMap(str);

const ruleCodec: Codec<RawRule> = struct<RawRule>({
  goType: 'rulefmt.Rule',
  fields: {
    record: { codec: str },
    alert: { codec: str },
    expr: { codec: str },
    for: { codec: duration },
    keep_firing_for: { codec: duration },
    labels: { codec: labelMap },
    annotations: { codec: labelMap },
  },
  defaults: () => ({ record: '', alert: '', expr: '', for: 0, keep_firing_for: 0, labels: {}, annotations: {} }),
});

const groupCodec: Codec<RawGroup> = struct<RawGroup>({
  goType: 'rulefmt.RuleGroup',
  fields: {
    name: { codec: str },
    interval: { codec: duration },
    query_offset: { codec: ptr(duration) },
    limit: { codec: int },
    rules: { codec: list(ruleCodec) },
    labels: { codec: labelMap },
  },
  defaults: () => ({ name: '', interval: 0, query_offset: undefined, limit: 0, rules: [], labels: {} }),
});

const groupsCodec: Codec<{ groups: RawGroup[] }> = struct<{ groups: RawGroup[] }>({
  goType: 'rulefmt.RuleGroups',
  fields: { groups: { codec: list(groupCodec) } },
  defaults: () => ({ groups: [] }),
});

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function validUTF8(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

function validLabelName(name: string, scheme: NameValidation): boolean {
  return scheme === 'legacy' ? LEGACY_LABEL.test(name) : name.length > 0 && validUTF8(name);
}

function validMetricName(name: string, scheme: NameValidation): boolean {
  return scheme === 'legacy' ? LEGACY_METRIC.test(name) : name.length > 0 && validUTF8(name);
}

function toRule(r: RawRule): Rule {
  return {
    record: r.record,
    alert: r.alert,
    expr: r.expr,
    for: r.for,
    keepFiringFor: r.keep_firing_for,
    labels: r.labels,
    annotations: r.annotations,
  };
}

function toGroup(g: RawGroup): RuleGroup {
  return { name: g.name, interval: g.interval, queryOffset: g.query_offset, limit: g.limit, rules: g.rules.map(toRule), labels: g.labels };
}

/** A rule error with the node positions it points at (rulefmt.WrappedError). */
interface WrappedError {
  err: string;
  node?: NodePos;
  nodeAlt?: NodePos;
}

function wrappedText(w: WrappedError): string {
  if (w.nodeAlt && w.node) return `${w.node.line}:${w.node.column}: ${w.nodeAlt.line}:${w.nodeAlt.column}: `;
  if (w.node) return `${w.node.line}:${w.node.column}: `;
  return '';
}

const TEMPLATE_DEFS = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

function templateErrors(r: Rule, checkOpt: ParseOptions['checkTemplate']): string[] {
  const check = checkOpt === undefined ? checkAlertTemplate : checkOpt;
  if (r.alert === '' || check === null) return [];
  const out: string[] = [];
  const test = (kind: string, k: string, text: string): void => {
    try {
      check(TEMPLATE_DEFS + text, `__alert_${r.alert}`);
    } catch (e) {
      out.push(`${kind} ${JSON.stringify(k)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  for (const [k, v] of Object.entries(r.labels)) test('label', k, v);
  for (const [k, v] of Object.entries(r.annotations)) test('annotation', k, v);
  return out;
}

function validateRecording(r: Rule, pos: { record: NodePos }, scheme: NameValidation, out: WrappedError[]): void {
  if (Object.keys(r.annotations).length > 0) out.push({ err: "invalid field 'annotations' in recording rule", node: pos.record });
  if (r.for !== 0) out.push({ err: "invalid field 'for' in recording rule", node: pos.record });
  if (r.keepFiringFor !== 0) out.push({ err: "invalid field 'keep_firing_for' in recording rule", node: pos.record });
  if (!validMetricName(r.record, scheme)) out.push({ err: `invalid recording rule name: ${r.record}`, node: pos.record });
  if (r.record.includes('{') || r.record.includes('}')) {
    out.push({ err: `braces present in the recording rule name; should it be in expr?: ${r.record}`, node: pos.record });
  }
}

/** rulefmt.Rule.Validate. */
function validateRule(r: Rule, pos: { record: NodePos; alert: NodePos; expr: NodePos }, opts: ParseOptions): WrappedError[] {
  const scheme = opts.nameValidation ?? 'utf8';
  const out: WrappedError[] = [];
  if (r.record !== '' && r.alert !== '') out.push({ err: "only one of 'record' and 'alert' must be set", node: pos.record, nodeAlt: pos.alert });
  if (r.record === '' && r.alert === '') out.push({ err: "one of 'record' or 'alert' must be set", node: pos.record, nodeAlt: pos.alert });
  if (r.expr === '') out.push({ err: "field 'expr' must be set in rule", node: pos.expr });
  else {
    try {
      parseExpr(r.expr);
    } catch (e) {
      out.push({ err: `could not parse expression: ${e instanceof Error ? e.message : String(e)}`, node: pos.expr });
    }
  }
  if (r.record !== '') validateRecording(r, pos, scheme, out);
  for (const [k, v] of Object.entries(r.labels)) {
    if (!validLabelName(k, scheme) || k === '__name__') out.push({ err: `invalid label name: ${k}` });
    if (!validUTF8(v)) out.push({ err: `invalid label value: ${v}` });
  }
  for (const k of Object.keys(r.annotations)) {
    if (!validLabelName(k, scheme)) out.push({ err: `invalid annotation name: ${k}` });
  }
  for (const err of templateErrors(r, opts.checkTemplate)) out.push({ err });
  return out;
}

const NO_POS = { record: { line: 0, column: 0 }, alert: { line: 0, column: 0 }, expr: { line: 0, column: 0 } };

/** RuleGroups.Validate: every error of every group and rule. */
export function validateRuleGroups(rgs: RuleGroups, positions: readonly GroupPositions[], opts: ParseOptions = {}): string[] {
  const scheme = opts.nameValidation ?? 'utf8';
  const errs: string[] = [];
  const seen = new Set<string>();
  rgs.groups.forEach((g, j) => {
    const gp = positions[j];
    const at = `${gp?.group.line ?? 0}:${gp?.group.column ?? 0}`;
    if (g.name === '') errs.push(`${at}: Groupname must not be empty`);
    if (seen.has(g.name)) errs.push(`${at}: groupname: "${g.name}" is repeated in the same file`);
    for (const [k, v] of Object.entries(g.labels)) {
      if (!validLabelName(k, scheme) || k === '__name__') errs.push(`invalid label name: ${k}`);
      if (!validUTF8(v)) errs.push(`invalid label value: ${v}`);
    }
    seen.add(g.name);
    g.rules.forEach((r, i) => {
      const ruleName = r.alert !== '' ? r.alert : r.record;
      for (const w of validateRule(r, gp?.rules[i] ?? NO_POS, opts)) {
        errs.push(`${wrappedText(w)}group ${JSON.stringify(g.name)}, rule ${i + 1}, ${JSON.stringify(ruleName)}: ${w.err}`);
      }
    });
  });
  return errs;
}

function decodeGroups(text: string, ignoreUnknownFields: boolean): RuleGroups {
  const tree = parseYamlTree(text);
  if (tree === null) return { groups: [] };
  const d = new Decoder();
  const raw = decodeNode(groupsCodec, tree, d);
  const terrors = ignoreUnknownFields ? d.terrors.filter((e) => !/: field \S* not found in type /.test(e)) : d.terrors;
  if (terrors.length > 0) throw new UnmarshalErrors(terrors);
  return { groups: raw.groups.map(toGroup) };
}

/**
 * rulefmt.Parse: decodes and validates a rule file's text. Returns the groups (null when the
 * YAML could not be decoded) and every error in upstream's texts.
 */
export function parseRules(text: string, opts: ParseOptions = {}): { groups: RuleGroups | null; errors: string[] } {
  let groups: RuleGroups;
  try {
    groups = decodeGroups(text, opts.ignoreUnknownFields === true);
  } catch (e) {
    if (e instanceof UnmarshalErrors || e instanceof DecodeFailure || e instanceof YamlSyntaxError) {
      return { groups: null, errors: [e.message] };
    }
    throw e;
  }
  return { groups, errors: validateRuleGroups(groups, rulePositions(text), opts) };
}

/**
 * Parses a rule file's text, prefixing each error with the file name (rulefmt.ParseFile);
 * throws RuleFileError when there is any.
 */
export function parseRuleFile(text: string, filename: string, opts: ParseOptions = {}): RuleGroups {
  const { groups, errors } = parseRules(text, opts);
  if (errors.length > 0 || groups === null) throw new RuleFileError(errors.map((e) => `${filename}: ${e}`));
  return groups;
}

/** Reads and parses a rule file; a read failure is a RuleFileError like `file: open ...`. */
export function loadRuleFile(path: string, opts: ParseOptions = {}): RuleGroups {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new RuleFileError([`${path}: open ${path}: ${why}`]);
  }
  return parseRuleFile(text, path, opts);
}
