/**
 * The rule manager's state in the shapes the HTTP API v1 serves (/api/v1/rules,
 * /api/v1/alerts); src/web/api/v1 uses these types. Times: activeAt/keepFiringSince/
 * lastEvaluation in ms since the epoch (null = never); durations and evaluation times in seconds.
 */
import type { Labels } from '../model/labels/index.js';
import { AlertingRule, type RuleAlert } from './alerting-rule.js';
import type { Group } from './group.js';
import type { Rule, RuleHealth } from './rule.js';

export interface AlertInfo {
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing' | 'inactive';
  activeAt: number;
  keepFiringSince: number | null;
  value: number;
}

interface RuleInfoBase {
  name: string;
  query: string;
  labels: Labels;
  health: RuleHealth;
  lastError: string;
  evaluationTime: number;
  lastEvaluation: number | null;
}

export interface AlertingRuleInfo extends RuleInfoBase {
  type: 'alerting';
  state: 'pending' | 'firing' | 'inactive';
  duration: number;
  keepFiringFor: number;
  annotations: Labels;
  alerts: AlertInfo[];
}

export interface RecordingRuleInfo extends RuleInfoBase {
  type: 'recording';
}

export type RuleInfo = AlertingRuleInfo | RecordingRuleInfo;

export interface RuleGroupInfo {
  name: string;
  file: string;
  interval: number;
  limit: number;
  rules: RuleInfo[];
  evaluationTime: number;
  lastEvaluation: number | null;
}

export function alertInfo(a: RuleAlert): AlertInfo {
  return { labels: a.labels, annotations: a.annotations, state: a.state, activeAt: a.activeAt, keepFiringSince: a.keepFiringSince, value: a.value };
}

function ruleInfo(r: Rule): RuleInfo {
  const base: RuleInfoBase = {
    name: r.name,
    query: r.query,
    labels: r.labels,
    health: r.status.health,
    lastError: r.status.lastError?.message ?? '',
    evaluationTime: r.status.evaluationDuration / 1000,
    lastEvaluation: r.status.evaluationTimestamp,
  };
  if (!(r instanceof AlertingRule)) return { ...base, type: 'recording' };
  const state = r.state();
  return {
    ...base,
    type: 'alerting',
    state: state === 'unknown' ? 'inactive' : state,
    duration: r.holdDuration / 1000,
    keepFiringFor: r.keepFiringFor / 1000,
    annotations: r.annotations,
    alerts: r.activeAlerts().map(alertInfo),
  };
}

export function groupInfo(g: Group): RuleGroupInfo {
  return {
    name: g.name,
    file: g.file,
    interval: g.interval / 1000,
    limit: g.limit,
    rules: g.rules.map(ruleInfo),
    evaluationTime: g.evaluationTime / 1000,
    lastEvaluation: g.lastEvaluation,
  };
}
