/**
 * Annotations that upstream merges across occurrences instead of deduplicating them
 * (histogram_quantile's forced-monotonicity info, the start-time overlap warning): the text
 * carries aggregated details (bucket range, number of samples, time range, occurrences).
 *
 * The Annotations class deduplicates by text, so the annotation is added once per call node
 * (kept in enh.cache) and its message is updated in place on later occurrences. This relies on
 * the engine keeping the Annotation objects it receives (add/merge keep references).
 * TODO: a first-class merge hook in Annotations would make this explicit.
 */
import type { PositionRange } from '../parser/index.js';
import type { Annotation, AnnotationLevel, Annotations } from '../value/index.js';
import type { EvalNodeHelper } from './function-call.js';

class MergedAnnotation<S> {
  constructor(
    readonly annotation: Annotation,
    public state: S,
  ) {}
}

/**
 * Adds (first occurrence) or updates (later occurrences) the merged annotation identified by
 * key within this call node. merge combines the previous state with this occurrence's.
 */
export function addMergedAnnotation<S>(
  annos: Annotations,
  enh: EvalNodeHelper,
  key: string,
  level: AnnotationLevel,
  posRange: PositionRange | null,
  occurrence: S,
  merge: (prev: S, cur: S) => S,
  render: (s: S) => string,
): void {
  const cacheKey = `annotation\x00${key}`;
  const prev = enh.cache.get(cacheKey);
  if (prev instanceof MergedAnnotation) {
    const m = prev as MergedAnnotation<S>;
    m.state = merge(m.state, occurrence);
    m.annotation.message = render(m.state);
    return;
  }
  const annotation: Annotation = { level, message: render(occurrence), posRange };
  enh.cache.set(cacheKey, new MergedAnnotation(annotation, occurrence));
  annos.add(annotation);
}
