/**
 * API errors: the error types of Prometheus's HTTP API and their status codes, and the one
 * mapping (toApiError) from Vigil's typed errors to them.
 */
import { ParseError, ParseErrors, DurationError } from '../../../promql/parser/index.js';
import { EvalError, QueryCanceledError, QueryTimeoutError, TooManySamplesError } from '../../../promql/engine/index.js';
import { StorageError } from '../../../storage/index.js';
import { RegexError } from '../../../model/labels/index.js';

export type ApiErrorType =
  | 'timeout'
  | 'canceled'
  | 'execution'
  | 'bad_data'
  | 'internal'
  | 'unavailable'
  | 'not_found'
  | 'not_acceptable';

/** An error to answer with `{"status":"error","errorType":type,"error":message}`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly type: ApiErrorType,
    message: string,
  ) {
    super(message);
  }
}

/** HTTP status code of an error type (getDefaultErrorCode). */
export function statusCodeOf(type: ApiErrorType): number {
  switch (type) {
    case 'bad_data':
      return 400;
    case 'execution':
      return 422;
    case 'canceled':
      return 499;
    case 'timeout':
      return 503;
    case 'not_found':
      return 404;
    case 'not_acceptable':
      return 406;
    case 'unavailable':
    case 'internal':
      return 500;
  }
}

/** Go's error text for a value thrown somewhere below the API. */
export function errorText(e: unknown): string {
  if (e instanceof ParseError) return e.toString();
  if (e instanceof Error) return e.message;
  return String(e);
}

/** invalidParamError: `invalid parameter "name": <err>` as bad_data. */
export function invalidParam(name: string, e: unknown): ApiError {
  return new ApiError('bad_data', `invalid parameter ${JSON.stringify(name)}: ${errorText(e)}`);
}

/**
 * Maps an error of query execution or storage to the API error (returnAPIError): canceled
 * queries are `canceled` (499), timeouts `timeout` (503), storage failures `internal` (500),
 * everything else, too many samples included, `execution` (422). Bad input (parse errors,
 * regexes, durations) is `bad_data` (400).
 */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof QueryCanceledError) return new ApiError('canceled', e.message);
  if (e instanceof QueryTimeoutError) return new ApiError('timeout', e.message);
  if (e instanceof StorageError) return new ApiError('internal', e.message);
  if (e instanceof TooManySamplesError || e instanceof EvalError) return new ApiError('execution', e.message);
  if (e instanceof ParseErrors || e instanceof ParseError || e instanceof RegexError || e instanceof DurationError) {
    return new ApiError('bad_data', errorText(e));
  }
  if (e instanceof Error && e.name === 'AbortError') return new ApiError('canceled', 'context canceled');
  return new ApiError('execution', errorText(e));
}
