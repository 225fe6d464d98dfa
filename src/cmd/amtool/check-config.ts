/**
 * `amtool check-config FILE...`: loads each alertmanager.yml, reports what it found and
 * checks its templates, with amtool 0.25's output and exit codes (0 all valid, 1 otherwise).
 */
import { existsSync } from 'node:fs';
import { loadTemplates } from '../../alertmanager/template/index.js';
import { processIO, type AmtoolIO } from './config-routes.js';
import { loadAmtoolConfig } from './load-config.js';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Checks one file, writing its section of the output; true when it is valid. */
async function checkOne(file: string, io: AmtoolIO): Promise<boolean> {
  io.out(`Checking '${file}'`);
  let cfg;
  try {
    cfg = loadAmtoolConfig(file).config;
  } catch (e) {
    io.out(`  FAILED: ${errorText(e)}\n\n`);
    return false;
  }
  io.out('  SUCCESS\nFound:\n');
  // The loader always fills in the global defaults and requires a route.
  io.out(' - global config\n');
  io.out(' - route\n');
  io.out(` - ${cfg.inhibit_rules.length} inhibit rules\n`);
  io.out(` - ${cfg.receivers.length} receivers\n`);
  io.out(` - ${cfg.templates.length} templates\n`);
  let ok = true;
  if (cfg.templates.length > 0) {
    try {
      // The loader has already joined relative globs with the config file's folder.
      await loadTemplates(cfg.templates);
      io.out('  SUCCESS\n');
    } catch (e) {
      io.out(`  FAILED: ${errorText(e)}\n`);
      ok = false;
    }
  }
  io.out('\n');
  return ok;
}

/** `amtool check-config FILE...`. */
export async function checkConfig(args: readonly string[], io: AmtoolIO = processIO): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    io.err('amtool: error: reading a config from standard input is not implemented yet: pass FILE...\n');
    return 1;
  }
  for (const f of files) {
    if (!existsSync(f)) {
      io.err(`amtool: error: path '${f}' does not exist\n\n`);
      return 1;
    }
  }
  let failed = 0;
  for (const f of files) if (!(await checkOne(f, io))) failed++;
  if (failed > 0) {
    io.err(`amtool: error: failed to validate ${failed} file(s)\n\n`);
    return 1;
  }
  return 0;
}
