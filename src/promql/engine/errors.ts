/**
 * Errors of query evaluation, with Prometheus's texts (promql/engine.go ErrQueryTimeout,
 * ErrQueryCanceled, ErrTooManySamples; other evaluation errors as the plain upstream message).
 */

/** The query ran past its deadline. Text: "query timed out in <where>". */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
  constructor(readonly where: string) {
    super(`query timed out in ${where}`);
  }
}

/** The query was aborted through its AbortSignal. Text: "query was canceled in <where>". */
export class QueryCanceledError extends Error {
  override name = 'QueryCanceledError';
  constructor(readonly where: string) {
    super(`query was canceled in ${where}`);
  }
}

/** The query would hold more samples in memory than the engine's maxSamples allow. */
export class TooManySamplesError extends Error {
  override name = 'TooManySamplesError';
  constructor(readonly where: string = 'query execution') {
    super(`query processing would load too many samples into memory in ${where}`);
  }
}

/** Any other evaluation error (bad matching, duplicate label sets, bad parameters, ...). */
export class EvalError extends Error {
  override name = 'EvalError';
}

/** The error Prometheus's `env` names for evaluation-time errors. */
export const ENV = 'query execution';
