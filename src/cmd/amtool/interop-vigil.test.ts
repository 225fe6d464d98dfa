/**
 * The amtool interop comparisons of interop.test.ts, run against `vigil alertmanager` instead
 * of Alertmanager 0.25: the real amtool 0.25 and `vigil amtool` must print the same against it.
 */
process.env['VIGIL_AMTOOL_SERVER'] = 'vigil';
await import('./interop.test.js');
