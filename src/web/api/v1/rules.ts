/**
 * /api/v1/rules (filters: type, rule_name[], rule_group[], file[], match[], exclude_alerts;
 * pagination: group_limit, group_next_token) and /api/v1/alerts.
 */
import { createHash } from 'node:crypto';
import type { Matcher } from '../../../model/labels/index.js';
import { formatFloat, goQuote } from '../../../model/strconv/index.js';
import type { ApiContext } from './context.js';
import type { AlertInfo, RuleGroupInfo, RuleInfo } from './deps.js';
import type { ApiResult } from './envelope.js';
import { invalidParam } from './errors.js';
import { rfc3339Nano } from './json.js';
import { matchersParam } from './params.js';

/** rulesAlertsToAPIAlerts. */
export function alertJson(a: AlertInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    labels: a.labels.toObject(),
    annotations: a.annotations.toObject(),
    state: a.state,
    activeAt: rfc3339Nano(a.activeAt),
  };
  if (a.keepFiringSince !== null) out['keepFiringSince'] = rfc3339Nano(a.keepFiringSince);
  out['value'] = formatFloat(a.value, 'e', -1);
  return out;
}

function ruleJson(r: RuleInfo, excludeAlerts: boolean): Record<string, unknown> {
  if (r.type === 'alerting') {
    const out: Record<string, unknown> = {
      state: r.state,
      name: r.name,
      query: r.query,
      duration: r.duration,
      keepFiringFor: r.keepFiringFor,
      labels: r.labels.toObject(),
      annotations: r.annotations.toObject(),
      alerts: excludeAlerts ? null : r.alerts.map(alertJson),
      health: r.health,
    };
    if (r.lastError !== '') out['lastError'] = r.lastError;
    Object.assign(out, { evaluationTime: r.evaluationTime, lastEvaluation: rfc3339Nano(r.lastEvaluation), type: 'alerting' });
    return out;
  }
  const out: Record<string, unknown> = { name: r.name, query: r.query, labels: r.labels.toObject(), health: r.health };
  if (r.lastError !== '') out['lastError'] = r.lastError;
  Object.assign(out, { evaluationTime: r.evaluationTime, lastEvaluation: rfc3339Nano(r.lastEvaluation), type: 'recording' });
  return out;
}

function matchesSets(sets: readonly Matcher[][], r: RuleInfo): boolean {
  if (sets.length === 0) return true;
  return sets.some((ms) => ms.every((m) => m.matches(r.labels.get(m.name))));
}

function parseBool(s: string): boolean | null {
  if (['1', 't', 'true'].includes(s)) return true;
  if (['0', 'f', 'false'].includes(s)) return false;
  return null;
}

/** group_limit / group_next_token (parseListRulesPaginationRequest). */
function pagination(c: ApiContext): { maxGroups: number; nextToken: string } {
  const maxGroups = c.form.urlGet('group_limit');
  const nextToken = c.form.urlGet('group_next_token');
  if (nextToken !== '' && maxGroups === '') {
    throw invalidParam('group_next_token', 'group_limit needs to be present in order to paginate over the groups');
  }
  if (maxGroups === '') return { maxGroups: -1, nextToken: '' };
  if (!/^[+-]?\d+$/.test(maxGroups) || Math.abs(Number(maxGroups)) > 2147483647) {
    const why = /^[+-]?\d+$/.test(maxGroups) ? 'value out of range' : 'invalid syntax';
    throw invalidParam('group_limit', `group_limit needs to be a valid number: strconv.ParseInt: parsing ${goQuote(maxGroups)}: ${why}`);
  }
  const n = Number(maxGroups);
  if (n <= 0) throw invalidParam('group_limit', 'group_limit needs to be greater than 0');
  return { maxGroups: n, nextToken };
}

function groupToken(g: RuleGroupInfo): string {
  return createHash('sha256').update(`${g.file};${g.name}`).digest('hex');
}

export function rules(c: ApiContext): ApiResult {
  const rnSet = new Set(c.form.all('rule_name[]'));
  const rgSet = new Set(c.form.all('rule_group[]'));
  const fSet = new Set(c.form.all('file[]'));
  const sets = matchersParam(c.form.all('match[]'));
  const groups = c.deps.rules?.ruleGroups() ?? [];
  const typ = c.form.urlGet('type').toLowerCase();
  if (typ !== '' && typ !== 'alert' && typ !== 'record') throw invalidParam('type', `not supported value ${goQuote(typ)}`);
  const returnAlerts = typ === '' || typ === 'alert';
  const returnRecording = typ === '' || typ === 'record';
  const ex = c.form.urlGet('exclude_alerts').toLowerCase();
  const excludeAlerts = ex === '' ? false : parseBool(ex);
  if (excludeAlerts === null) {
    throw invalidParam('exclude_alerts', `error converting exclude_alerts: strconv.ParseBool: parsing ${goQuote(ex)}: invalid syntax`);
  }
  const { maxGroups, nextToken } = pagination(c);
  const out: unknown[] = [];
  let groupNextToken = '';
  let foundToken = false;
  for (const g of groups) {
    if (maxGroups > 0 && nextToken !== '' && !foundToken) {
      if (nextToken !== groupToken(g)) continue;
      foundToken = true;
    }
    if (rgSet.size > 0 && !rgSet.has(g.name)) continue;
    if (fSet.size > 0 && !fSet.has(g.file)) continue;
    const rs: unknown[] = [];
    for (const r of g.rules) {
      if (!matchesSets(sets, r)) continue;
      if (rnSet.size > 0 && !rnSet.has(r.name)) continue;
      if (r.type === 'alerting' ? !returnAlerts : !returnRecording) continue;
      rs.push(ruleJson(r, excludeAlerts));
    }
    if (rs.length === 0) continue;
    if (maxGroups > 0 && out.length === maxGroups) {
      groupNextToken = groupToken(g);
      break;
    }
    out.push({
      name: g.name,
      file: g.file,
      rules: rs,
      interval: g.interval,
      limit: g.limit,
      evaluationTime: g.evaluationTime,
      lastEvaluation: rfc3339Nano(g.lastEvaluation),
    });
  }
  if (maxGroups > 0 && nextToken !== '' && !foundToken) {
    throw invalidParam('group_next_token', `invalid group_next_token '${nextToken}'. were rule groups changed?`);
  }
  const data: Record<string, unknown> = { groups: out };
  if (groupNextToken !== '') data['groupNextToken'] = groupNextToken;
  return { data };
}

/** GET /api/v1/alerts: the active alerts of every alerting rule. */
export function alerts(c: ApiContext): ApiResult {
  const list: unknown[] = [];
  for (const g of c.deps.rules?.ruleGroups() ?? []) {
    for (const r of g.rules) if (r.type === 'alerting') for (const a of r.alerts) list.push(alertJson(a));
  }
  return { data: { alerts: list } };
}
