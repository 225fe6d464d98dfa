/**
 * `vigil amtool ...`: the subset of amtool implemented so far (config routes, check-config).
 */
import { checkConfig } from './check-config.js';
import { configRoutesShow, configRoutesTest, processIO, type AmtoolIO } from './config-routes.js';

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

/** amtool flags that take a value (`--flag value` as well as `--flag=value`). */
const VALUE_FLAGS = new Set([
  '--config.file',
  '--verify.receivers',
  '--alertmanager.url',
  '--output',
  '-o',
  '--timeout',
  '--http.config.file',
  '--date.format',
]);

/** Splits args into the command path words (positions in args) and the rest. */
function commandWords(args: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('-')) {
      if (!a.includes('=') && VALUE_FLAGS.has(a)) i++;
    } else at.push(i);
  }
  return at;
}

/** Runs `amtool <args>` and resolves to the exit code. */
export async function amtoolCommand(args: string[], io: AmtoolIO = processIO): Promise<number> {
  // Global flags may come before the command: the command is the first non-flag words.
  const at = commandWords(args);
  const word = (k: number): string | undefined => {
    const i = at[k];
    return i === undefined ? undefined : args[i];
  };
  const without = (n: number): string[] => args.filter((_, i) => !at.slice(0, n).includes(i));
  const [cmd, sub, action] = [word(0), word(1), word(2)];
  if (cmd === 'check-config') return checkConfig(without(1), io);
  if (cmd === 'config' && sub === 'routes') {
    if (action === 'test') return configRoutesTest(without(3), io);
    if (action === 'show') return configRoutesShow(without(3), io);
    if (action === undefined) return configRoutesShow(without(2), io);
  }
  const shown = [cmd, sub, action].filter((w) => w !== undefined).join(' ');
  io.err(`amtool: error: amtool ${shown}: not implemented yet\n`);
  return 1;
}
