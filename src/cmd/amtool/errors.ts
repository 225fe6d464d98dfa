/**
 * amtool's failures: every one ends the command with exit code 1 and
 * `amtool: error: <message>` on stderr. Errors returned from a command (kingpin's app.Parse)
 * print an extra blank line; kingpin.Fatalf calls made directly (`fatal`) do not.
 */
export class AmtoolError extends Error {
  override name = 'AmtoolError';
  constructor(message: string, readonly fatal = false) {
    super(message);
  }
}

/** The stderr text of a failure. */
export function errorOutput(e: unknown): string {
  if (e instanceof AmtoolError) return `amtool: error: ${e.message}\n${e.fatal ? '' : '\n'}`;
  return `amtool: error: ${e instanceof Error ? e.message : String(e)}\n\n`;
}
