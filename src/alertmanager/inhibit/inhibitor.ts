import type { Labels } from '../../model/labels/index.js';
import { AlertMarker, fingerprintString } from '../silence/index.js';
import type { Alert } from '../types/index.js';

/** A matcher as used by inhibit rules (AmMatcher satisfies it). */
export interface LabelMatcher {
  readonly name: string;
  matches(value: string): boolean;
}

export interface InhibitRuleConfig {
  sourceMatchers: readonly LabelMatcher[];
  targetMatchers: readonly LabelMatcher[];
  /** Label names whose values must be equal in source and target. */
  equal: readonly string[];
}

function matchAll(ms: readonly LabelMatcher[], ls: Labels): boolean {
  for (const m of ms) if (!m.matches(ls.get(m.name))) return false;
  return true;
}

function resolved(a: Alert, now: number): boolean {
  return a.endsAt !== 0 && a.endsAt <= now;
}

/** One inhibit rule with its cache of source-side alerts. */
export class InhibitRule {
  /** Source-matching alerts by fingerprint. */
  private readonly sources = new Map<string, Alert>();

  constructor(readonly config: InhibitRuleConfig) {}

  clear(): void {
    this.sources.clear();
  }

  /** Records an alert if it matches the source side. */
  observe(fp: string, a: Alert): void {
    if (matchAll(this.config.sourceMatchers, a.labels)) this.sources.set(fp, a);
  }

  matchesTarget(ls: Labels): boolean {
    return matchAll(this.config.targetMatchers, ls);
  }

  matchesSource(ls: Labels): boolean {
    return matchAll(this.config.sourceMatchers, ls);
  }

  /**
   * Fingerprint of a firing source alert whose equal labels agree with ls, or undefined.
   * When ls matches both sides, sources that also match both sides are skipped, so an
   * alert never inhibits itself (nor its two-sided peers).
   */
  findSource(ls: Labels, excludeTwoSided: boolean, now: number): string | undefined {
    for (const [fp, a] of this.sources) {
      if (resolved(a, now)) continue;
      if (excludeTwoSided && this.matchesTarget(a.labels)) continue;
      if (this.config.equal.every((n) => a.labels.get(n) === ls.get(n))) return fp;
    }
    return undefined;
  }
}

export interface InhibitorOptions {
  marker?: AlertMarker;
  now?: () => number;
}

/** Inhibitor (inhibit.Inhibitor): a Muter that suppresses targets while a matching source fires. */
export class Inhibitor {
  private readonly rules: InhibitRule[];
  private readonly marker: AlertMarker | undefined;
  private readonly now: () => number;

  constructor(rules: readonly InhibitRuleConfig[], opts: InhibitorOptions = {}) {
    this.rules = rules.map((r) => new InhibitRule(r));
    this.marker = opts.marker;
    this.now = opts.now ?? Date.now;
  }

  /** Replaces the set of known alerts (the alert provider's current content). */
  setAlerts(alerts: Iterable<Alert>): void {
    for (const r of this.rules) r.clear();
    for (const a of alerts) this.putAlert(a);
  }

  /** Adds or updates one alert, as the subscription to the alert provider does. */
  putAlert(a: Alert): void {
    const fp = fingerprintString(a.labels);
    for (const r of this.rules) r.observe(fp, a);
  }

  /** True if the label set is inhibited now; records inhibitedBy in the marker. */
  mutes(labels: Labels): boolean {
    const now = this.now();
    const fp = fingerprintString(labels);
    for (const r of this.rules) {
      if (!r.matchesTarget(labels)) continue;
      const by = r.findSource(labels, r.matchesSource(labels), now);
      if (by !== undefined) {
        this.marker?.setInhibited(fp, [by]);
        return true;
      }
    }
    this.marker?.setInhibited(fp, []);
    return false;
  }
}
