/**
 * `vigil alertmanager`: the Alertmanager process (upstream `alertmanager`), configured by an
 * unchanged alertmanager.yml. SIGHUP reloads the configuration; SIGTERM and SIGINT stop it
 * gracefully (silences and the notification log are snapshotted) with exit code 0.
 */
import { Logger } from '../../log/index.js';
import { vigilVersion, versionText } from '../../version/index.js';
import { FlagSyntaxError, FlagValueError } from '../kingpin/index.js';
import { handleSignals } from '../signals/index.js';
import { AlertmanagerProcess, StartupError } from './alertmanager.js';
import { alertmanagerUsage, parseAlertmanagerFlags, type AlertmanagerFlags } from './flags.js';

export { ALERTMANAGER_FLAGS, alertmanagerUsage, parseAlertmanagerFlags, parseFlagDuration, type AlertmanagerFlags } from './flags.js';
export { AlertmanagerProcess, MIN_NOTIFY_TIMEOUT, StartupError } from './alertmanager.js';
export { alertmanagerExternalURL, alertmanagerRoutePrefix, ExternalURLError, type ExternalURL } from './external-url.js';
export { ConfigCoordinator, configHashValue } from './coordinator.js';

const APP = 'vigil alertmanager';

/** Makes sure the process ends soon after it stopped, even if a stray handle would keep it alive. */
function exitSoon(code: number): number {
  setTimeout(() => process.exit(code), 2000).unref();
  return code;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Parses the command line; a number is the exit code when there is nothing to run. */
function parseArgs(argv: string[]): AlertmanagerFlags | number {
  let flags: AlertmanagerFlags;
  try {
    flags = parseAlertmanagerFlags(argv);
  } catch (e) {
    if (e instanceof FlagSyntaxError || e instanceof FlagValueError) {
      process.stderr.write(`${APP}: error: ${e.message}, try --help\n`);
      return 1;
    }
    throw e;
  }
  if (flags.help) {
    process.stdout.write(alertmanagerUsage(APP));
    return 0;
  }
  if (flags.version) {
    process.stdout.write(versionText('alertmanager') + '\n');
    return 0;
  }
  return flags;
}

/** Runs the Alertmanager until it is stopped; resolves to the process exit code. */
export async function runAlertmanager(argv: string[]): Promise<number> {
  const flags = parseArgs(argv);
  if (typeof flags === 'number') return flags;
  const logger = Logger.create({ level: flags.logLevel, format: flags.logFormat });
  logger.info('Starting Alertmanager', { version: `(version=${vigilVersion()}, branch=, revision=)` });
  logger.info('Build context', { build_context: `(node=${process.version}, platform=${process.platform}/${process.arch})` });
  let am: AlertmanagerProcess;
  try {
    am = new AlertmanagerProcess(flags, logger);
  } catch (e) {
    if (!(e instanceof StartupError)) throw e;
    logger.error(e.message, e.fields);
    return e.code;
  }
  const unhook = handleSignals(am, { stopping: () => logger.info("Received SIGTERM, exiting gracefully...") });
  process.on('unhandledRejection', (e: unknown) => logger.error('Unhandled promise rejection', { err: errText(e) }));
  try {
    await am.start();
  } catch (e) {
    unhook();
    if (e instanceof StartupError) {
      logger.error(e.message, e.fields);
      return exitSoon(e.code);
    }
    logger.error('Fatal error', { err: errText(e) });
    return exitSoon(1);
  }
  const code = await am.done;
  unhook();
  return exitSoon(code);
}
