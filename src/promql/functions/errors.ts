/**
 * Evaluation errors raised by function implementations where upstream panics with an error
 * (bad smoothing factor, invalid regex or label name in label_replace/label_join, ...).
 * The engine turns them into a failed query (API error type "execution") with this message.
 */
export class FunctionEvalError extends Error {
  override name = 'FunctionEvalError';
}
