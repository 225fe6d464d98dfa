/**
 * Label name validity (common/model LabelName.IsValid under UTF-8 validation, Prometheus 3's
 * default): any non-empty, well-formed Unicode string.
 */

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** model.UTF8Validation.IsValidLabelName: non-empty and valid UTF-8 (no lone surrogate). */
export function isValidLabelName(name: string): boolean {
  return name.length > 0 && !LONE_SURROGATE.test(name);
}
