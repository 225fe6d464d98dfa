// Public face of the PromQL function implementations. CONTRACT:
//   FUNCTION_CALLS: name -> implementation, for every function in the parser's FUNCTIONS table
//   except those the engine evaluates itself (info, and the query-context functions
//   start()/end()/range()/step() if the engine handles them).
export { FUNCTION_CALLS, type FunctionCall, type EvalNodeHelper } from './registry.js';
