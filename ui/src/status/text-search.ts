/**
 * The pages' free-text filter: every whitespace-separated term must occur (case-insensitive) in
 * one of an item's texts. Label sets contribute `name=value` and `name="value"`, so a search
 * such as `job=node` or `instance="host:9100"` finds what it names.
 */

/** The searchable texts of a label set. */
export function labelTexts(labels: Readonly<Record<string, string>> | undefined): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) out.push(`${k}=${v}`, `${k}="${v}"`);
  return out;
}

/** Whether `texts` match the search string (an empty search matches everything). */
export function matchesSearch(search: string, texts: readonly string[]): boolean {
  const terms = search.toLowerCase().split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) return true;
  const hay = texts.map((t) => t.toLowerCase());
  return terms.every((term) => hay.some((h) => h.includes(term)));
}
