/**
 * Applying relabel rules to a label set (upstream relabel.Process / ProcessBuilder). Rules are
 * compiled once per config object; one builder is reused, and a label set no rule changes is
 * returned as is, without allocating.
 */
import { compileAnchoredRegex, compileGoRegex, expandTemplate, type GoRegex, Labels } from '../labels/index.js';
import { LabelsBuilder } from './builder.js';
import { hashModulo } from './md5.js';
import { DEFAULT_REGEX, type RelabelAction, type RelabelConfig } from './config.js';
import { isValidLabelName, type NameValidationScheme } from './names.js';

interface CompiledRule {
  readonly cfg: RelabelConfig;
  readonly action: RelabelAction;
  readonly sources: readonly string[];
  readonly separator: string;
  /** Anchored match test (fast paths for literal sets and globs). */
  readonly test: (s: string) => boolean;
  readonly re: GoRegex;
  /** `(.*)`: always matches, group 1 is the whole value. */
  readonly matchAll: boolean;
  readonly target: string;
  readonly targetHasVar: boolean;
  readonly replacement: string;
  readonly replacementHasVar: boolean;
  /** The replacement is exactly `$1` or `${1}`. */
  readonly replacementIsGroup1: boolean;
  readonly modulus: number;
  readonly scheme: NameValidationScheme;
}

const ruleCache = new WeakMap<RelabelConfig, CompiledRule>();
const listCache = new WeakMap<readonly RelabelConfig[], CompiledRule[]>();

function compileRule(cfg: RelabelConfig): CompiledRule {
  const cached = ruleCache.get(cfg);
  if (cached !== undefined) return cached;
  const re = compileGoRegex(cfg.regex, true);
  let test: (s: string) => boolean;
  try {
    test = compileAnchoredRegex(`(?s:${cfg.regex})`).test;
  } catch {
    // Only Go's own wrapping parses it (e.g. `a)(b`): match with the wrapped form.
    test = (s) => re.regexp.test(s);
  }
  const rule: CompiledRule = {
    cfg,
    action: cfg.action,
    sources: cfg.source_labels,
    separator: cfg.separator,
    test,
    re,
    matchAll: cfg.regex === DEFAULT_REGEX,
    target: cfg.target_label,
    targetHasVar: cfg.target_label.includes('$'),
    replacement: cfg.replacement,
    replacementHasVar: cfg.replacement.includes('$'),
    replacementIsGroup1: cfg.replacement === '$1' || cfg.replacement === '${1}',
    modulus: Math.max(1, Math.floor(cfg.modulus)),
    scheme: cfg.nameValidationScheme ?? 'utf8',
  };
  ruleCache.set(cfg, rule);
  return rule;
}

function compileList(cfgs: readonly RelabelConfig[]): CompiledRule[] {
  const cached = listCache.get(cfgs);
  if (cached !== undefined && cached.length === cfgs.length) {
    let same = true;
    for (let i = 0; i < cached.length; i++) if ((cached[i] as CompiledRule).cfg !== cfgs[i]) same = false;
    if (same) return cached;
  }
  const out = cfgs.map(compileRule);
  listCache.set(cfgs, out);
  return out;
}

function sourceValue(lb: LabelsBuilder, r: CompiledRule): string {
  const s = r.sources;
  if (s.length === 0) return '';
  if (s.length === 1) return lb.get(s[0] as string);
  let val = lb.get(s[0] as string);
  for (let i = 1; i < s.length; i++) val += r.separator + lb.get(s[i] as string);
  return val;
}

function expand(r: CompiledRule, template: string, m: ArrayLike<string | undefined>): string {
  return expandTemplate(template, m, r.re.groupNames);
}

function replace(lb: LabelsBuilder, r: CompiledRule, val: string): void {
  if (val === '' && r.matchAll && !r.targetHasVar && !r.replacementHasVar) {
    lb.set(r.target, r.replacement);
    return;
  }
  const m: ArrayLike<string | undefined> | null = r.matchAll ? [val, val] : r.re.regexp.exec(val);
  if (m === null) return;
  const target = r.targetHasVar ? expand(r, r.target, m) : r.target;
  if (!isValidLabelName(target, r.scheme)) return;
  let res: string;
  if (!r.replacementHasVar) res = r.replacement;
  else if (r.replacementIsGroup1) res = m.length > 1 ? (m[1] ?? '') : '';
  else res = expand(r, r.replacement, m);
  if (res === '') lb.del(target);
  else lb.set(target, res);
}

/** Scratch copies of the current labels for labelmap/labeldrop/labelkeep (not reentrant). */
const names: string[] = [];
const values: string[] = [];

function labelMap(lb: LabelsBuilder, r: CompiledRule): void {
  const n = lb.collect(names, values);
  for (let i = 0; i < n; i++) {
    const name = names[i] as string;
    if (!r.test(name)) continue;
    let res: string;
    if (!r.replacementHasVar) res = r.replacement;
    else {
      const m = r.re.regexp.exec(name);
      if (m === null) continue;
      res = r.replacementIsGroup1 ? (m[1] ?? '') : expand(r, r.replacement, m);
    }
    // An empty name would make the label set invalid; upstream would set it and fail later.
    if (isValidLabelName(res, 'utf8')) lb.set(res, values[i] as string);
  }
}

/** labeldrop (keep = false) and labelkeep (keep = true). */
function labelFilter(lb: LabelsBuilder, r: CompiledRule, keep: boolean): void {
  const n = lb.collect(names, values);
  for (let i = 0; i < n; i++) {
    const name = names[i] as string;
    if (r.test(name) !== keep) lb.del(name);
  }
}

/** Applies one rule; false when the label set is to be dropped. */
function apply(lb: LabelsBuilder, r: CompiledRule): boolean {
  switch (r.action) {
    case 'drop':
      return !r.test(sourceValue(lb, r));
    case 'keep':
      return r.test(sourceValue(lb, r));
    case 'dropequal':
      return lb.get(r.target) !== sourceValue(lb, r);
    case 'keepequal':
      return lb.get(r.target) === sourceValue(lb, r);
    case 'replace':
      replace(lb, r, sourceValue(lb, r));
      return true;
    case 'lowercase':
      lb.set(r.target, sourceValue(lb, r).toLowerCase());
      return true;
    case 'uppercase':
      lb.set(r.target, sourceValue(lb, r).toUpperCase());
      return true;
    case 'hashmod':
      lb.set(r.target, hashModulo(sourceValue(lb, r), r.modulus));
      return true;
    case 'labelmap':
      labelMap(lb, r);
      return true;
    case 'labeldrop':
      labelFilter(lb, r, false);
      return true;
    case 'labelkeep':
      labelFilter(lb, r, true);
      return true;
  }
}

/**
 * Applies the rules in order to the builder's labels; false as soon as one says drop
 * (upstream ProcessBuilder).
 */
export function processBuilder(lb: LabelsBuilder, cfgs: readonly RelabelConfig[]): boolean {
  const rules = compileList(cfgs);
  for (let i = 0; i < rules.length; i++) {
    if (!apply(lb, rules[i] as CompiledRule)) return false;
  }
  return true;
}

const scratch = new LabelsBuilder();

/**
 * Relabels a label set: the result, or null when a rule dropped it. Returns `lbls` itself
 * when no rule changed anything.
 */
export function relabel(lbls: Labels, cfgs: readonly RelabelConfig[]): Labels | null {
  if (cfgs.length === 0) return lbls;
  scratch.reset(lbls);
  const keep = processBuilder(scratch, cfgs);
  const out = keep ? scratch.labels() : null;
  scratch.reset(Labels.EMPTY);
  return out;
}
