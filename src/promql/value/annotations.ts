/**
 * Warnings and infos attached to a query result (Prometheus util/annotations).
 * Text is the upstream text, e.g. `PromQL warning: ...` / `PromQL info: ...`,
 * followed by ` (line:col)` when the annotation has a position (the runner and API show that).
 */
import type { PositionRange } from '../parser/index.js';

export type AnnotationLevel = 'warning' | 'info';

export interface Annotation {
  level: AnnotationLevel;
  /** The message without the "PromQL warning: " prefix and without the position. */
  message: string;
  posRange: PositionRange | null;
}

export class Annotations {
  private readonly byText = new Map<string, Annotation>();

  add(a: Annotation): this {
    const k = `${a.level}\x00${a.message}\x00${a.posRange?.start ?? -1}:${a.posRange?.end ?? -1}`;
    if (!this.byText.has(k)) this.byText.set(k, a);
    return this;
  }

  warn(message: string, posRange: PositionRange | null): this {
    return this.add({ level: 'warning', message, posRange });
  }

  info(message: string, posRange: PositionRange | null): this {
    return this.add({ level: 'info', message, posRange });
  }

  merge(o: Annotations | null | undefined): this {
    if (o) for (const a of o.byText.values()) this.add(a);
    return this;
  }

  get size(): number {
    return this.byText.size;
  }

  all(): Annotation[] {
    return [...this.byText.values()];
  }

  warnings(): Annotation[] {
    return this.all().filter((a) => a.level === 'warning');
  }

  infos(): Annotation[] {
    return this.all().filter((a) => a.level === 'info');
  }
}

/**
 * The full upstream text of an annotation, with its position rendered as
 * ` (line:col)` computed against the query string.
 */
export function annotationText(a: Annotation, query: string): string {
  const prefix = a.level === 'warning' ? 'PromQL warning: ' : 'PromQL info: ';
  if (!a.posRange) return prefix + a.message;
  const upto = query.slice(0, a.posRange.start);
  const line = upto.split('\n').length;
  const col = a.posRange.start - (upto.lastIndexOf('\n') + 1) + 1;
  return `${prefix}${a.message} (${line}:${col})`;
}
