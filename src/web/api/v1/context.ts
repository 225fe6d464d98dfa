/**
 * What an endpoint handler gets for one request, and the annotation-to-text conversion the
 * envelope uses (annotations.AsStrings: at most 10 warnings and 10 infos, then a count).
 */
import type { Annotations } from '../../../promql/value/index.js';
import { annotationText } from '../../../promql/value/index.js';
import type { ApiV1Deps } from './deps.js';
import type { ApiResult } from './envelope.js';
import type { QueryGate } from './limiter.js';
import type { Form } from './router.js';

export interface ApiContext {
  deps: ApiV1Deps;
  form: Form;
  /** Path parameters (`:name`). */
  params: Readonly<Record<string, string>>;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  now: () => number;
  gate: QueryGate;
}

export type ApiHandler = (c: ApiContext) => Promise<ApiResult> | ApiResult;

const MAX_ANNOTATIONS = 10;

/** Warning and info texts of a result: PromQL annotations (positions against query) and plain warnings. */
export function annotationStrings(
  annos: Annotations | null,
  query: string,
  extraWarnings: readonly string[] = [],
): { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  let warnSkipped = 0;
  let infoSkipped = 0;
  const addWarning = (w: string): void => {
    if (warnings.length < MAX_ANNOTATIONS) warnings.push(w);
    else warnSkipped++;
  };
  for (const a of annos?.all() ?? []) {
    if (a.level === 'info') {
      if (infos.length < MAX_ANNOTATIONS) infos.push(annotationText(a, query));
      else infoSkipped++;
    } else {
      addWarning(annotationText(a, query));
    }
  }
  for (const w of extraWarnings) if (!warnings.includes(w)) addWarning(w);
  if (warnSkipped > 0) warnings.push(`${warnSkipped} more warning annotations omitted`);
  if (infoSkipped > 0) infos.push(`${infoSkipped} more info annotations omitted`);
  return { warnings, infos };
}
