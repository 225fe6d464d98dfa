/**
 * What every API command of amtool gets: the parsed command line, where to write, and the API
 * client built from the global flags (requireAlertManagerURL and NewAlertmanagerClient upstream).
 */
import { parseGoDuration } from '../../alertmanager/config/index.js';
import { AlertmanagerClient, parseAmURL } from './api-client.js';
import type { AmtoolIO } from './config-routes.js';
import { AmtoolError } from './errors.js';
import { flagBool, flagValue, type ParsedArgs } from './flags.js';
import type { FormatOptions, OutputFormat } from './format.js';

export interface AmtoolContext {
  parsed: ParsedArgs;
  io: AmtoolIO;
  /** Reads standard input (silence import without a file). */
  stdin(): Promise<string>;
}

/** The output options of the global flags. */
export function formatOptions(ctx: AmtoolContext): FormatOptions {
  return { output: flagValue(ctx.parsed, 'output') as OutputFormat, dateFormat: flagValue(ctx.parsed, 'date.format') };
}

/** --timeout in ms. */
export function timeoutMs(ctx: AmtoolContext): number {
  return parseGoDuration(flagValue(ctx.parsed, 'timeout'));
}

/** Fails as upstream's requireAlertManagerURL when --alertmanager.url is not set. */
export function requireURL(ctx: AmtoolContext): void {
  if (flagValue(ctx.parsed, 'alertmanager.url') === '') {
    throw new AmtoolError('required flag --alertmanager.url not provided', true);
  }
}

/** NewAlertmanagerClient: the caller closes it. */
export function newClient(ctx: AmtoolContext): AlertmanagerClient {
  return new AlertmanagerClient(
    {
      url: parseAmURL(flagValue(ctx.parsed, 'alertmanager.url')),
      httpConfigFile: flagValue(ctx.parsed, 'http.config.file'),
      timeoutMs: timeoutMs(ctx),
      warn: (s) => ctx.io.err(s),
    },
    flagBool(ctx.parsed, 'version-check'),
  );
}

/** Runs fn with a client, closing it afterwards. */
export async function withClient<T>(ctx: AmtoolContext, fn: (c: AlertmanagerClient) => Promise<T>): Promise<T> {
  const c = newClient(ctx);
  try {
    return await fn(c);
  } finally {
    c.close();
  }
}
