/**
 * RE2 (Go regexp) syntax -> JavaScript RegExp, fully anchored as Prometheus does.
 * Placeholder: a helper replaces this with a full translator.
 */
export class RegexError extends Error {
  override name = 'RegexError';
}

export interface AnchoredRegex {
  test(s: string): boolean;
  /** The underlying JS RegExp source (anchored). */
  readonly source: string;
}

export function compileAnchoredRegex(re: string): AnchoredRegex {
  try {
    const r = new RegExp(`^(?:${re})$`, 'su');
    return { test: (s: string) => r.test(s), source: r.source };
  } catch (e) {
    throw new RegexError(`error parsing regexp: ${(e as Error).message}`);
  }
}
