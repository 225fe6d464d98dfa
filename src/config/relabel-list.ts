/**
 * relabel_configs-style fields. The rules are decoded and checked by src/model/relabel; here
 * the YAML list is kept with its nodes so that decode errors get go-yaml's line numbers, null
 * rules get the list's own "empty or null ..." text, and validation runs later with the name
 * validation scheme in force (upstream validates after the whole file is decoded).
 */
import {
  parseRelabelConfigs,
  RelabelConfigError,
  toYAMLObject,
  type NameValidationScheme,
  type RelabelConfig,
} from '../model/relabel/index.js';
import { type Codec, type Decoder, isNull, resolveScalar, type YNode } from './common/index.js';

interface PendingRules {
  readonly raw: unknown[];
  readonly node: YNode;
}

const pendingRules = new WeakMap<RelabelConfig[], PendingRules>();

/** Plain JS for the relabel parser: scalars resolved, numbers only when their text round-trips. */
function toRaw(n: YNode): unknown {
  if (n.kind === 'seq') return n.items.map(toRaw);
  if (n.kind === 'map') {
    const out: Record<string, unknown> = {};
    for (const p of n.pairs) out[p.key.kind === 'scalar' ? p.key.value : ''] = toRaw(p.value);
    return out;
  }
  const r = resolveScalar(n);
  if (r.tag === '!!int' || r.tag === '!!float') return String(r.value) === n.value ? r.value : n.value;
  if (r.tag === '!!bool') return n.value;
  return r.value;
}

function isTypeError(msg: string): boolean {
  return msg.startsWith('cannot unmarshal') || msg.startsWith('field ');
}

function isValidationError(msg: string): boolean {
  return (
    msg.startsWith('relabel ') ||
    msg.includes(' is invalid ') ||
    msg.startsWith("'replacement' can not") ||
    msg.includes(' action requires only ')
  );
}

function errorLine(node: YNode, index: number, msg: string): number {
  const item = node.kind === 'seq' ? node.items[index] : undefined;
  if (!item) return node.line;
  const m = /^field (\S+) not found/.exec(msg);
  if (m && item.kind === 'map') {
    const pair = item.pairs.find((p) => p.key.kind === 'scalar' && p.key.value === m[1]);
    if (pair) return pair.key.line;
  }
  return item.line;
}

/** A `[]*relabel.Config` field; `nullMessage` is the list's "empty or null ..." text. */
export function relabelList(nullMessage: string): Codec<RelabelConfig[]> {
  return {
    goType: '[]*relabel.Config',
    zero: () => [],
    decode(n: YNode, d: Decoder): RelabelConfig[] {
      if (n.kind !== 'seq') {
        d.cannotUnmarshal(n, '[]*relabel.Config');
        return [];
      }
      const out: RelabelConfig[] = [];
      const raw = n.items.map((it) => (isNull(it) ? null : toRaw(it)));
      try {
        out.push(...parseRelabelConfigs(raw.filter((r) => r !== null), 'relabel_configs'));
      } catch (e) {
        if (!(e instanceof RelabelConfigError)) throw e;
        if (isTypeError(e.message)) d.typeError(errorLine(n, e.index, e.message), e.message);
        else if (!isValidationError(e.message)) d.fail(e.message, n.line);
      }
      if (raw.includes(null)) d.fail(nullMessage, n.line);
      pendingRules.set(out, { raw, node: n });
      return out;
    },
    isZero: (v) => v === undefined || v.length === 0,
    encode: (v) => (v ?? []).map((r) => toYAMLObject(r)),
  };
}

/**
 * Relabel.Config.Validate over a decoded list with the scheme in force; returns the validated
 * rules (replacing the list's contents). Throws the rule's error message.
 */
export function validateRelabelList(rules: RelabelConfig[], scheme: NameValidationScheme, d: Decoder): void {
  const p = pendingRules.get(rules);
  if (!p) return;
  try {
    const parsed = parseRelabelConfigs(p.raw, 'relabel_configs', { nameValidationScheme: scheme });
    rules.splice(0, rules.length, ...parsed);
    pendingRules.delete(rules);
  } catch (e) {
    if (e instanceof RelabelConfigError) d.fail(e.message, p.node.line);
    throw e;
  }
}
