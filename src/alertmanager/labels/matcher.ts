/**
 * Alertmanager's label matcher (pkg/labels): like Prometheus's, but it prints its value with
 * OpenMetrics escaping and sorts in the order Alertmanager uses for a set of matchers.
 */
import { compileGoRegex, type Labels } from '../../model/labels/index.js';

export enum AmMatchType {
  Equal = '=',
  NotEqual = '!=',
  Regexp = '=~',
  NotRegexp = '!~',
}

const TYPE_ORDER: Record<AmMatchType, number> = { '=': 0, '!=': 1, '=~': 2, '!~': 3 };

/** Escapes backslash, double quote and newline as OpenMetrics label values do. */
export function openMetricsEscape(s: string): string {
  return s.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** Compiles a regex as Alertmanager does: `^(?:re)$`, `.` not matching newline. Throws RegexError. */
export function compileAmRegex(re: string): { test(s: string): boolean } {
  const { regexp } = compileGoRegex(`^(?:${re})$`, false);
  return { test: (s: string): boolean => regexp.test(s) };
}

export class AmMatcher {
  private readonly re: { test(s: string): boolean } | null;

  /** Throws RegexError (Go's wording) for an invalid regular expression. */
  constructor(
    readonly type: AmMatchType,
    readonly name: string,
    readonly value: string,
  ) {
    this.re = type === AmMatchType.Regexp || type === AmMatchType.NotRegexp ? compileAmRegex(value) : null;
  }

  matches(s: string): boolean {
    switch (this.type) {
      case AmMatchType.Equal:
        return s === this.value;
      case AmMatchType.NotEqual:
        return s !== this.value;
      case AmMatchType.Regexp:
        return (this.re as { test(s: string): boolean }).test(s);
      case AmMatchType.NotRegexp:
        return !(this.re as { test(s: string): boolean }).test(s);
    }
  }

  /** `name="value"` with OpenMetrics escaping, as upstream's String(). */
  toString(): string {
    return `${this.name}${this.type}"${openMetricsEscape(this.value)}"`;
  }
}

/** Alertmanager's ordering of matchers: by name, then value, then type. */
export function compareMatchers(a: AmMatcher, b: AmMatcher): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
}

/** True when every matcher matches the label set (a missing label reads as ''). */
export function matchersMatch(ms: readonly AmMatcher[], lset: Labels): boolean {
  for (const m of ms) if (!m.matches(lset.get(m.name))) return false;
  return true;
}

/** `{a="1", b=~"x"}`: the String() of labels.Matchers. */
export function matchersToString(ms: readonly AmMatcher[]): string {
  return `{${ms.map((m) => m.toString()).join(',')}}`;
}
