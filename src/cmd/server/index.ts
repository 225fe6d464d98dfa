/**
 * `vigil server`: the Prometheus-compatible server process (upstream `prometheus`).
 */
import { Logger } from '../../log/index.js';
import { vigilVersion, versionText } from '../../version/index.js';
import { FlagSyntaxError, FlagValueError, usageText } from '../kingpin/index.js';
import { parseServerFlags, SERVER_FLAGS, type ServerFlags } from './flags.js';
import { Server, StartupError } from './server.js';
import { handleSignals } from '../signals/index.js';

export { parseServerFlags, SERVER_FLAGS, type ServerFlags } from './flags.js';
export { Server, StartupError, engineFeatureOptions } from './server.js';
export { computeExternalURL, computeRoutePrefix, globalURL } from './external-url.js';

const APP = 'vigil server';
const DESCRIPTION = 'The Vigil monitoring server (Prometheus-compatible)';

/**
 * Makes sure the process ends soon after the server stopped, even if a stray handle (a
 * discovery request in flight, a keep-alive socket) would keep the event loop alive.
 */
function exitSoon(code: number): number {
  setTimeout(() => process.exit(code), 2000).unref();
  return code;
}

/** Runs the server until it is stopped; resolves to the process exit code. */
export async function serverCommand(args: string[]): Promise<number> {
  let flags: ServerFlags;
  try {
    flags = parseServerFlags(args);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`Error parsing command line arguments: ${msg}\n`);
    if (e instanceof FlagSyntaxError) {
      process.stderr.write(`vigil: error: ${msg}\n`);
      return 1;
    }
    if (e instanceof FlagValueError) {
      process.stdout.write(usageText(APP, DESCRIPTION, SERVER_FLAGS));
      return 2;
    }
    throw e;
  }
  if (flags.help) {
    process.stdout.write(usageText(APP, DESCRIPTION, SERVER_FLAGS));
    return 0;
  }
  if (flags.version) {
    process.stdout.write(versionText('vigil') + '\n');
    return 0;
  }
  const logger = Logger.create({ level: flags.logLevel, format: flags.logFormat }).with({ source: 'server' });
  let server: Server;
  try {
    server = new Server(flags, logger);
  } catch (e) {
    if (e instanceof StartupError) {
      process.stderr.write(`${e.message}\n`);
      return e.code;
    }
    throw e;
  }
  logger.info('Starting Vigil Server', { mode: 'server', version: `(version=${vigilVersion()}, node=${process.version})` });
  const unhook = handleSignals(server, {
    stopping: (sig) => logger.warn('Received an OS signal, exiting gracefully...', { signal: sig === 'SIGINT' ? 'interrupt' : 'terminated' }),
    repeated: (sig) => logger.warn('Received an OS signal while shutting down, ignoring', { signal: sig }),
  });
  // A component's stray rejected promise is a bug to log, not a reason to drop every scrape.
  process.on('unhandledRejection', (e: unknown) => logger.error('Unhandled promise rejection', { err: e instanceof Error ? e.message : String(e) }));
  try {
    await server.start();
  } catch (e) {
    unhook();
    if (e instanceof StartupError) {
      logger.error(e.message, e.fields);
      return exitSoon(e.code);
    }
    logger.error('Fatal error', { err: e instanceof Error ? e.message : String(e) });
    return exitSoon(1);
  }
  const code = await server.done;
  unhook();
  return exitSoon(code);
}
