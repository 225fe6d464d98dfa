/**
 * Process signals of the long-running commands: SIGHUP reloads the configuration, SIGTERM and
 * SIGINT stop gracefully (a second one while stopping is ignored, as upstream does). Each
 * command logs the stop in its upstream's words.
 */
export interface SignalTargets {
  reload(): Promise<unknown>;
  shutdown(): Promise<void>;
}

export interface SignalLog {
  /** The first SIGTERM/SIGINT: the graceful stop begins. */
  stopping(sig: NodeJS.Signals): void;
  /** Another one while stopping (ignored). */
  repeated?(sig: NodeJS.Signals): void;
}

/** Installs the handlers; returns a function that removes them. */
export function handleSignals(s: SignalTargets, log: SignalLog): () => void {
  let stopping = false;
  const onTerm = (sig: NodeJS.Signals): void => {
    if (stopping) {
      log.repeated?.(sig);
      return;
    }
    stopping = true;
    log.stopping(sig);
    void s.shutdown();
  };
  const onHup = (): void => {
    // A failed reload is logged where it fails; the old config keeps running.
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
