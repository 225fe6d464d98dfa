import { parseExpr, prettify, ParseErrors } from '../../promql/parser/index.js';

const help = `usage: vigil promql format <query>

Format a PromQL query (like promtool promql format): prints the prettified expression.
Experimental syntax (functions, duration expressions, smoothed/anchored, fill modifiers) is accepted.`;

export async function promqlFormat(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(help + '\n');
    return args.length === 1 ? 0 : 1;
  }
  try {
    const expr = parseExpr(args[0] as string, {
      enableExperimentalFunctions: true,
      experimentalDurationExpr: true,
      enableExtendedRangeSelectors: true,
      enableBinopFillModifiers: true,
    });
    process.stdout.write(prettify(expr) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof ParseErrors) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
