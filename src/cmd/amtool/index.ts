/**
 * `vigil amtool ...`: amtool 0.25's command line (alert, silence, check-config, cluster, config,
 * template) with its flags, config file, output formats and exit codes.
 */
import { fstatSync } from 'node:fs';
import { checkConfig } from './check-config.js';
import { alertAdd, alertQuery } from './alert.js';
import { amtoolCommandTree, configFilePaths, readConfigDefaults } from './commands.js';
import { configRoutesShow, configRoutesTest, processIO, type AmtoolIO } from './config-routes.js';
import { requireURL, type AmtoolContext } from './context.js';
import { AmtoolError, errorOutput } from './errors.js';
import { flagBool, flagValue, parseArgs, type ParsedArgs } from './flags.js';
import { amtoolVersion, usage } from './help.js';
import { silenceAdd, silenceExpire, silenceQuery, silenceUpdate } from './silence.js';
import { silenceImport } from './silence-import.js';
import { clusterShow, configShow, remoteRoutesShow, remoteRoutesTest, requireRoutingSource } from './status.js';
import { templateRender } from './template-render.js';

export { checkConfig } from './check-config.js';
export {
  configRoutesShow,
  configRoutesTest,
  formatMatchingTree,
  formatRoutingTree,
  parseLabelArgs,
  renderTree,
  resolveReceivers,
  type AmtoolIO,
} from './config-routes.js';
export { alertAdd, alertQuery } from './alert.js';
export { silenceAdd, silenceExpire, silenceQuery, silenceUpdate } from './silence.js';
export { silenceImport } from './silence-import.js';
export { clusterShow, configShow } from './status.js';
export { templateRender, amtoolDefaultData } from './template-render.js';
export { AlertmanagerClient, AMTOOL_VERSION } from './api-client.js';
export type { AmtoolContext } from './context.js';

type Action = (ctx: AmtoolContext) => Promise<number>;

/** Commands that talk to an Alertmanager (kingpin's requireAlertManagerURL pre-action). */
const API_COMMANDS: Readonly<Record<string, Action>> = {
  'alert query': alertQuery,
  'alert add': alertAdd,
  'silence add': silenceAdd,
  'silence query': silenceQuery,
  'silence expire': silenceExpire,
  'silence import': silenceImport,
  'silence update': silenceUpdate,
  'cluster show': clusterShow,
  'config show': configShow,
};

/** `config routes show|test` with --config.file goes to the local implementation. */
async function configRoutes(ctx: AmtoolContext, test: boolean): Promise<number> {
  requireRoutingSource(ctx);
  const p = ctx.parsed;
  const file = flagValue(p, 'config.file');
  if (file === '') return test ? remoteRoutesTest(ctx) : remoteRoutesShow(ctx);
  if (!test) return configRoutesShow([`--config.file=${file}`], ctx.io);
  const flags = [`--config.file=${file}`, `--verify.receivers=${flagValue(p, 'verify.receivers')}`];
  if (flagBool(p, 'tree')) flags.push('--tree');
  return configRoutesTest([...flags, ...p.args], ctx.io);
}

/** check-config without files checks standard input, unless it is a terminal (as upstream). */
async function checkConfigFiles(ctx: AmtoolContext): Promise<number> {
  if (ctx.parsed.args.length > 0) return checkConfig(ctx.parsed.args, ctx.io);
  let charDevice: boolean;
  try {
    charDevice = fstatSync(0).isCharacterDevice();
  } catch (e) {
    throw new AmtoolError(`Failed to stat standard input: ${e instanceof Error ? e.message : String(e)}`, true);
  }
  if (charDevice) throw new AmtoolError('Failed to read from standard input', true);
  return checkConfig(['/dev/stdin'], ctx.io);
}

async function dispatch(ctx: AmtoolContext): Promise<number> {
  const path = ctx.parsed.path.join(' ');
  const api = API_COMMANDS[path];
  if (api !== undefined) {
    requireURL(ctx);
    return api(ctx);
  }
  switch (path) {
    case 'check-config': return checkConfigFiles(ctx);
    case 'config routes show': return configRoutes(ctx, false);
    case 'config routes test': return configRoutes(ctx, true);
    case 'template render': return templateRender(ctx);
  }
  throw new Error(`amtool ${path}: no such command`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `amtool <args>` and resolves to the exit code. */
export async function amtoolCommand(
  args: string[],
  io: AmtoolIO = processIO,
  stdin: () => Promise<string> = readStdin,
): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(amtoolCommandTree(), args, readConfigDefaults(configFilePaths()));
  } catch (e) {
    io.err(errorOutput(e));
    return 1;
  }
  if (parsed.version) {
    io.out(amtoolVersion());
    return 0;
  }
  if (parsed.help) {
    io.out(usage(parsed.helpChain));
    return 0;
  }
  try {
    return await dispatch({ parsed, io, stdin });
  } catch (e) {
    io.err(errorOutput(e));
    return 1;
  }
}
