/**
 * `vigil check config FILE...` (promtool check config): loads each config as the server
 * would, checks the files it references (rule files, TLS and credentials files, file_sd
 * target files) and the rule files' contents, with promtool's output and exit codes
 * (0 ok, 1 errors, 3 lint errors with --lint-fatal).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import {
  type Config,
  ConfigError,
  getScrapeConfigs,
  globFiles,
  loadConfigFile,
  parseTargetGroupsJson,
  parseTargetGroupsYaml,
  type SDConfig,
  type TLSConfig,
} from '../../config/index.js';
import { checkRuleFile } from './check-rules.js';

const SUCCESS = 0;
const FAILURE = 1;
const LINT_ERROR = 3;

const USAGE = `usage: vigil check config [<flags>] <config-files>...

Check if the config files are valid or not.

Flags:
  --syntax-only             Only check the config file syntax, ignoring file and content validation referenced in the config
  --lint="duplicate-rules"  Linting checks to apply to the rules specified in the config. Available options are: all, duplicate-rules, none. Use --lint=none to disable linting
  --lint-fatal              Make lint errors exit with exit code 3.
  --agent                   Check config file for Prometheus in Agent mode.

Args:
  <config-files>  The config files to check.
`;

interface Options {
  syntaxOnly: boolean;
  lint: string;
  lintFatal: boolean;
  agent: boolean;
  help: boolean;
  files: string[];
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { syntaxOnly: false, lint: 'duplicate-rules', lintFatal: false, agent: false, help: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--syntax-only') o.syntaxOnly = true;
    else if (a === '--lint-fatal') o.lintFatal = true;
    else if (a === '--agent') o.agent = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else if (a.startsWith('--lint=')) o.lint = a.slice('--lint='.length);
    else if (a === '--lint') {
      const v = args[++i];
      if (v === undefined) return "expected argument for flag '--lint'";
      o.lint = v;
    } else if (a.startsWith('--') && a.length > 2) return `unknown long flag '${a.split('=')[0]}'`;
    else o.files.push(a);
  }
  if (o.help) return o;
  if (o.files.length === 0) return "required argument 'config-files' not provided";
  for (const f of o.files) {
    try {
      statSync(f);
    } catch {
      return `path '${f}' does not exist`;
    }
  }
  return o;
}

function statError(path: string): string | null {
  if (path === '') return null;
  try {
    statSync(path);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `stat ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`;
  }
}

function checkTLSFiles(t: TLSConfig, syntaxOnly: boolean): void {
  if (t.cert_file !== '' && t.key_file === '') throw new ConfigError(`client cert file "${t.cert_file}" specified without client key file`);
  if (t.key_file !== '' && t.cert_file === '') throw new ConfigError(`client key file "${t.key_file}" specified without client cert file`);
  if (syntaxOnly) return;
  let err = statError(t.cert_file);
  if (err) throw new ConfigError(`error checking client cert file "${t.cert_file}": ${err}`);
  err = statError(t.key_file);
  if (err) throw new ConfigError(`error checking client key file "${t.key_file}": ${err}`);
}

/** promtool's checkSDFile: a target group file by extension. */
function checkSDFile(file: string): void {
  const ext = extname(file);
  const text = readFileSync(file, 'utf8');
  if (ext.toLowerCase() === '.json') parseTargetGroupsJson(text);
  else if (ext.toLowerCase() === '.yml' || ext.toLowerCase() === '.yaml') parseTargetGroupsYaml(text);
  else throw new Error(`invalid file extension: "${ext}"`);
}

function checkFileSD(configs: readonly SDConfig[], where: string, syntaxOnly: boolean, out: string[]): void {
  for (const c of configs) {
    if (c.mechanism !== 'file' || syntaxOnly) continue;
    for (const pattern of c.files) {
      const files = globFiles(pattern);
      if (files.length === 0) {
        out.push(`  WARNING: file "${pattern}" for file_sd in ${where} does not exist`);
        continue;
      }
      for (const f of files) {
        try {
          checkSDFile(f);
        } catch (e) {
          throw new ConfigError(`checking SD file "${pattern}": ${(e as Error).message}`);
        }
      }
    }
  }
}

function ruleFilesOf(cfg: Config, syntaxOnly: boolean): string[] {
  const out: string[] = [];
  if (syntaxOnly) return out;
  for (const rf of cfg.rule_files) {
    const rfs = globFiles(rf);
    if (!rf.includes('*')) {
      if (rfs.length === 0) throw new ConfigError(`"${rf}" does not point to an existing file`);
      const err = statError(rfs[0] as string);
      if (err) throw new ConfigError(`error checking rule file "${rfs[0]}": ${err}`);
    }
    out.push(...rfs);
  }
  return out;
}

/** checkConfig: loads one file and checks what it references; returns its rule files. */
function checkOneConfig(file: string, opts: Options, out: string[]): string[] {
  const cfg = loadConfigFile(file, { agentMode: opts.agent });
  const ruleFiles = ruleFilesOf(cfg, opts.syntaxOnly);
  for (const sc of getScrapeConfigs(cfg)) {
    if (!opts.syntaxOnly && sc.authorization) {
      const err = statError(sc.authorization.credentials_file);
      if (err) {
        throw new ConfigError(`error checking authorization credentials or bearer token file "${sc.authorization.credentials_file}": ${err}`);
      }
    }
    checkTLSFiles(sc.tls_config, opts.syntaxOnly);
    for (const c of sc.service_discovery_configs) if (c.mechanism === 'kubernetes') checkTLSFiles(c.tls_config, opts.syntaxOnly);
    checkFileSD(sc.service_discovery_configs, `scrape job "${sc.job_name}"`, opts.syntaxOnly, out);
  }
  for (const am of cfg.alerting.alertmanagers) {
    if (am) checkFileSD(am.service_discovery_configs, 'alertmanager config', opts.syntaxOnly, out);
  }
  return ruleFiles;
}

function write(stream: NodeJS.WriteStream, text: string): void {
  stream.write(text);
}

/** Runs `check config`; resolves to the exit code. */
export async function checkConfig(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    write(process.stderr, `vigil: error: ${opts}, try --help\n`);
    return FAILURE;
  }
  if (opts.help) {
    write(process.stdout, USAGE);
    return SUCCESS;
  }
  const lints = opts.lint.split(',');
  for (const l of lints) if (!['all', 'duplicate-rules', 'none'].includes(l)) write(process.stdout, `WARNING: unknown lint option ${l}\n`);
  const lintDuplicates = lints.includes('all') || lints.includes('duplicate-rules');
  let failed = false;
  let hasErrors = false;
  for (const f of opts.files) {
    write(process.stdout, `Checking ${f}\n`);
    const warnings: string[] = [];
    let ruleFiles: string[] = [];
    try {
      ruleFiles = checkOneConfig(f, opts, warnings);
      for (const w of warnings) write(process.stdout, w + '\n');
      if (ruleFiles.length > 0) write(process.stdout, `  SUCCESS: ${ruleFiles.length} rule files found\n`);
      write(process.stdout, ` SUCCESS: ${f} is valid prometheus config file syntax\n`);
    } catch (e) {
      for (const w of warnings) write(process.stdout, w + '\n');
      write(process.stderr, `  FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
      failed = hasErrors = true;
    }
    write(process.stdout, '\n');
    for (const rf of ruleFiles) {
      write(process.stdout, `Checking ${rf}\n`);
      const res = checkRuleFile(rf, lintDuplicates);
      if (res.errors.length > 0) {
        write(process.stderr, '  FAILED:\n');
        for (const err of res.errors) write(process.stderr, `     ${err.message}\n`);
        failed = true;
        if (res.errors.some((e) => !e.lint)) hasErrors = true;
      } else write(process.stdout, `  SUCCESS: ${res.rules} rules found\n`);
      write(process.stdout, '\n');
    }
  }
  if (failed && hasErrors) return FAILURE;
  if (failed && opts.lintFatal) return LINT_ERROR;
  return SUCCESS;
}
