/** Errors of Alertmanager's template layer. */

/** A template's data was not what a method or function expects. */
export class TemplateDataError extends Error {
  override name = 'TemplateDataError';
}
