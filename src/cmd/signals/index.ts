/**
 * Process signals: SIGHUP reloads the configuration, SIGTERM and SIGINT shut the server down
 * gracefully (a second one while stopping is logged and ignored, as Prometheus does).
 */
import type { Logger } from '../../log/index.js';

export interface SignalTargets {
  reload(): Promise<unknown>;
  shutdown(): Promise<void>;
}

/** Installs the handlers; returns a function that removes them. */
export function handleSignals(s: SignalTargets, logger: Logger): () => void {
  let stopping = false;
  const onTerm = (sig: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('Received an OS signal while shutting down, ignoring', { signal: sig });
      return;
    }
    stopping = true;
    logger.warn('Received an OS signal, exiting gracefully...', { signal: sig === 'SIGINT' ? 'interrupt' : 'terminated' });
    void s.shutdown();
  };
  const onHup = (): void => {
    if (!stopping) void s.reload();
  };
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onTerm);
  process.on('SIGHUP', onHup);
  return (): void => {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onTerm);
    process.off('SIGHUP', onHup);
  };
}
