// Public face of the PromQL engine. CONTRACT (implemented by engine.ts and friends):
//   new Engine(opts).newInstantQuery(queryable, qs, ts, opts?) / newRangeQuery(queryable, qs, start, end, step, opts?)
//   -> Query; await query.exec(signal?) -> Result { value, warnings, err }.
//   Parse errors are thrown synchronously by newXxxQuery as ParseErrors.
export {
  Engine,
  type EngineOpts,
  type Query,
  type QueryOpts,
  type Result,
} from './engine.js';
export { QueryTimeoutError, QueryCanceledError, TooManySamplesError, EvalError } from './errors.js';
