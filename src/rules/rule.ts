/**
 * What every rule has (Prometheus rules.Rule): a name, a query, labels, health and the
 * bookkeeping of its last evaluation, and an eval that returns the samples to append.
 */
import type { Labels } from '../model/labels/index.js';
import type { Vector } from '../promql/value/index.js';

export type RuleHealth = 'ok' | 'err' | 'unknown';

/** An instant query at time t (ms): rules.QueryFunc. */
export type QueryFunc = (expr: string, t: number, signal?: AbortSignal) => Promise<Vector>;

export interface EvalContext {
  /** Evaluation slot time, ms. */
  ts: number;
  /** The group's query offset, ms. */
  queryOffset: number;
  query: QueryFunc;
  limit: number;
}

/** Health and timing of the last evaluation, shared by both rule kinds. */
export class RuleStatus {
  health: RuleHealth = 'unknown';
  lastError: Error | null = null;
  /** ms. */
  evaluationDuration = 0;
  /** Wall-clock start of the last evaluation, ms; null before the first. */
  evaluationTimestamp: number | null = null;

  setOk(): void {
    this.health = 'ok';
    this.lastError = null;
  }

  setErr(err: Error): void {
    this.health = 'err';
    this.lastError = err;
  }
}

export interface Rule {
  readonly kind: 'recording' | 'alerting';
  readonly name: string;
  /** The expression as PromQL text (the parsed expression printed back). */
  readonly query: string;
  readonly labels: Labels;
  readonly status: RuleStatus;
  eval(ctx: EvalContext): Promise<Vector>;
  /** The rule as YAML-like text; equal texts mean equal rules (Group.Equals). */
  toString(): string;
}

/** Merges group labels with rule labels, the rule's winning (rules.FromMaps). */
export function mergeLabels(group: Readonly<Record<string, string>>, rule: Readonly<Record<string, string>>): Record<string, string> {
  return { ...group, ...rule };
}

function sortedEntries(r: Readonly<Record<string, string>>): string {
  return Object.keys(r)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(r[k])}`)
    .join(',');
}

/** A canonical text of a rule's definition, for equality between reloads. */
export function ruleText(fields: Readonly<Record<string, string | number | Readonly<Record<string, string>>>>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? `{${sortedEntries(v)}}` : JSON.stringify(v)}`)
    .join('\n');
}
