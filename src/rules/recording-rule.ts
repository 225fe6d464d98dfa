/**
 * Recording rule (rules.RecordingRule): the query's result renamed to the record name, with
 * the rule's labels set.
 */
import { Labels } from '../model/labels/index.js';
import type { Vector } from '../promql/value/index.js';
import { ruleText, RuleStatus, type EvalContext, type Rule } from './rule.js';

export class DuplicateLabelSetError extends Error {
  override name = 'DuplicateLabelSetError';
}

export class RecordingRule implements Rule {
  readonly kind = 'recording';
  readonly status = new RuleStatus();

  constructor(
    readonly name: string,
    readonly query: string,
    readonly labels: Labels,
  ) {}

  async eval(ctx: EvalContext): Promise<Vector> {
    const vector = await ctx.query(this.query, ctx.ts - ctx.queryOffset);
    const seen = new Set<string>();
    for (const s of vector) {
      const obj = s.metric.toObject();
      obj['__name__'] = this.name;
      this.labels.forEach((n, v) => (obj[n] = v));
      s.metric = Labels.fromObject(obj);
      s.dropName = false;
      const key = s.metric.key();
      if (seen.has(key)) throw new DuplicateLabelSetError('vector contains metrics with the same labelset after applying rule labels');
      seen.add(key);
    }
    if (ctx.limit > 0 && vector.length > ctx.limit) throw new Error(`exceeded limit of ${ctx.limit} with ${vector.length} series`);
    return vector;
  }

  toString(): string {
    return ruleText({ record: this.name, expr: this.query, labels: this.labels.toObject() });
  }
}
