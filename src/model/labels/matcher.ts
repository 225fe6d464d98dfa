import { compileAnchoredRegex } from './regex.js';

export enum MatchType {
  Equal = '=',
  NotEqual = '!=',
  Regexp = '=~',
  NotRegexp = '!~',
}

/** A label matcher as in Prometheus's labels.Matcher. Regexes have RE2 syntax and are fully anchored. */
export class Matcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
  private readonly re: { test(s: string): boolean } | null;

  /** Throws RegexError (upstream wording) for a bad regular expression. */
  constructor(type: MatchType, name: string, value: string) {
    this.type = type;
    this.name = name;
    this.value = value;
    this.re = type === MatchType.Regexp || type === MatchType.NotRegexp ? compileAnchoredRegex(value) : null;
  }

  matches(s: string): boolean {
    switch (this.type) {
      case MatchType.Equal:
        return s === this.value;
      case MatchType.NotEqual:
        return s !== this.value;
      case MatchType.Regexp:
        return (this.re as { test(s: string): boolean }).test(s);
      case MatchType.NotRegexp:
        return !(this.re as { test(s: string): boolean }).test(s);
    }
  }

  /** True if the matcher accepts the empty string (so it also selects series without the label). */
  matchesEmpty(): boolean {
    return this.matches('');
  }

  /** name="value" form with Go-style quoting. */
  toString(): string {
    return `${this.name}${this.type}${JSON.stringify(this.value)}`;
  }
}
