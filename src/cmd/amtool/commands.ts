/**
 * amtool 0.25's command tree and flags (cli/*.go upstream), and its config file: flag defaults
 * read from $HOME/.config/amtool/config.yml, then /etc/amtool/config.yml (the first file
 * naming a flag wins; `comment_required` is the legacy name of require-comment).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseYamlTree } from '../../config/common/index.js';
import { AmtoolError } from './errors.js';
import type { CommandSpec, FlagSpec } from './flags.js';
import {
  ALERT_ADD_HELP, ALERT_QUERY_HELP, CHECK_CONFIG_HELP, CONFIG_HELP, ROOT_HELP, ROUTING_HELP, ROUTING_TEST_HELP, SILENCE_ADD_HELP,
  SILENCE_IMPORT_HELP, SILENCE_QUERY_HELP,
} from './help-text.js';

export const DEFAULT_DATE_FORMAT = '2006-01-02 15:04:05 MST';

/** user.Current().Username ('' when unknown). */
function username(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

const RFC3339_NOTE = 'RFC3339 format 2006-01-02T15:04:05-07:00';

const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'help', short: 'h', kind: 'bool', help: 'Show context-sensitive help (also try --help-long and --help-man).' },
  { name: 'help-long', kind: 'bool', hidden: true },
  { name: 'help-man', kind: 'bool', hidden: true },
  { name: 'date.format', kind: 'string', default: DEFAULT_DATE_FORMAT, help: 'Format of date output' },
  { name: 'verbose', short: 'v', kind: 'bool', help: 'Verbose running information' },
  { name: 'alertmanager.url', kind: 'url', help: 'Alertmanager to talk to' },
  { name: 'output', short: 'o', kind: 'enum', values: ['simple', 'extended', 'json'], default: 'simple', help: 'Output formatter (simple, extended, json)' },
  { name: 'timeout', kind: 'duration', default: '30s', help: 'Timeout for the executed command' },
  { name: 'http.config.file', kind: 'existingFile', placeholder: '<filename>', help: 'HTTP client configuration file for amtool to connect to Alertmanager.' },
  { name: 'version-check', kind: 'bool', default: 'true', help: 'Check alertmanager version. Use --no-version-check to disable.' },
  { name: 'version', kind: 'bool', help: 'Show application version.' },
];

const MATCHER_GROUPS = { name: 'matcher-groups', help: 'Query filter' };

function alertCommand(): CommandSpec {
  return {
    name: 'alert',
    help: 'Add or query alerts.',
    defaultCommand: 'query',
    commands: [
      {
        name: 'query',
        help: ALERT_QUERY_HELP,
        args: 'many',
        arg: MATCHER_GROUPS,
        flags: [
          { name: 'inhibited', short: 'i', kind: 'bool', help: 'Show inhibited alerts' },
          { name: 'silenced', short: 's', kind: 'bool', help: 'Show silenced alerts' },
          { name: 'active', short: 'a', kind: 'bool', help: 'Show active alerts' },
          { name: 'unprocessed', short: 'u', kind: 'bool', help: 'Show unprocessed alerts' },
          { name: 'receiver', short: 'r', kind: 'string', help: 'Show alerts matching receiver (Supports regex syntax)' },
        ],
      },
      {
        name: 'add',
        help: ALERT_ADD_HELP,
        args: 'many',
        arg: { name: 'labels', help: 'List of labels to be included with the alert' },
        flags: [
          { name: 'generator-url', kind: 'string', help: 'Set the URL of the source that generated the alert' },
          { name: 'start', kind: 'string', help: `Set when the alert should start. ${RFC3339_NOTE}` },
          { name: 'end', kind: 'string', help: `Set when the alert should should end. ${RFC3339_NOTE}` },
          { name: 'annotation', kind: 'strings', help: 'Set an annotation to be included with the alert' },
        ],
      },
    ],
  };
}

const SILENCE_START = `Set when the silence should start. ${RFC3339_NOTE}`;
const SILENCE_END = `Set when the silence should end (overwrites duration). ${RFC3339_NOTE}`;

function silenceCommand(): CommandSpec {
  return {
    name: 'silence',
    help: 'Add, expire or view silences. For more information and additional flags see query help',
    defaultCommand: 'query',
    commands: [
      {
        name: 'add',
        help: SILENCE_ADD_HELP,
        args: 'many',
        arg: MATCHER_GROUPS,
        flags: [
          { name: 'author', short: 'a', kind: 'string', default: username(), placeholder: 'AUTHOR', help: 'Username for CreatedBy field' },
          { name: 'require-comment', kind: 'bool', default: 'true', hidden: true },
          { name: 'duration', short: 'd', kind: 'string', default: '1h', help: 'Duration of silence' },
          { name: 'start', kind: 'string', help: SILENCE_START },
          { name: 'end', kind: 'string', help: SILENCE_END },
          { name: 'comment', short: 'c', kind: 'string', help: 'A comment to help describe the silence' },
        ],
      },
      { name: 'expire', help: 'expire an alertmanager silence', args: 'many', arg: { name: 'silence-ids', help: 'Ids of silences to expire' } },
      {
        name: 'import',
        help: SILENCE_IMPORT_HELP,
        args: 'one',
        arg: { name: 'input-file', help: 'JSON file with silences' },
        argIsExistingFile: true,
        flags: [
          { name: 'force', short: 'f', kind: 'bool', help: 'Force adding new silences even if it already exists' },
          { name: 'worker', short: 'w', kind: 'int', default: '8', help: 'Number of concurrent workers to use for import' },
        ],
      },
      {
        name: 'query',
        help: SILENCE_QUERY_HELP,
        args: 'many',
        arg: MATCHER_GROUPS,
        flags: [
          { name: 'expired', kind: 'bool', help: 'Show expired silences instead of active' },
          { name: 'quiet', short: 'q', kind: 'bool', help: 'Only show silence ids' },
          { name: 'created-by', kind: 'string', help: 'Show silences that belong to this creator' },
          { name: 'within', kind: 'duration', help: 'Show silences that will expire or have expired within a duration' },
        ],
      },
      {
        name: 'update',
        help: 'Update silences',
        args: 'many',
        arg: { name: 'update-ids', help: 'Silence IDs to update' },
        flags: [
          { name: 'quiet', short: 'q', kind: 'bool', help: 'Only show silence ids' },
          { name: 'duration', short: 'd', kind: 'string', help: 'Duration of silence' },
          { name: 'start', kind: 'string', help: SILENCE_START },
          { name: 'end', kind: 'string', help: SILENCE_END },
          { name: 'comment', short: 'c', kind: 'string', help: 'A comment to help describe the silence' },
        ],
      },
    ],
  };
}

function configCommand(): CommandSpec {
  return {
    name: 'config',
    help: CONFIG_HELP,
    defaultCommand: 'show',
    commands: [
      { name: 'show', help: CONFIG_HELP, args: 'none' },
      {
        name: 'routes',
        help: ROUTING_HELP,
        defaultCommand: 'show',
        flags: [{ name: 'config.file', kind: 'existingFile', help: 'Config file to be tested.' }],
        commands: [
          { name: 'show', help: ROUTING_HELP, args: 'none' },
          {
            name: 'test',
            help: ROUTING_TEST_HELP,
            args: 'many',
            arg: { name: 'labels', help: 'List of labels to be tested against the configured routes.' },
            flags: [
              {
                name: 'verify.receivers',
                kind: 'string',
                help: 'Checks if specified receivers matches resolved receivers. The command fails if the labelset does not route to the specified receivers.',
              },
              { name: 'tree', kind: 'bool', help: 'Prints out matching routes tree.' },
            ],
          },
        ],
      },
    ],
  };
}

const TEMPLATE_DATA_HELP = 'Full path to a file which contains the data of the alert(-s) with which the --template.text will be rendered. '
  + 'Must be in JSON. File must be formatted according to the following layout: '
  + 'https://pkg.go.dev/github.com/prometheus/alertmanager/template#Data. '
  + 'If none has been specified then a predefined, simple alert will be used for rendering.';

function templateCommand(): CommandSpec {
  return {
    name: 'template',
    help: 'Render template files.',
    commands: [{
      name: 'render',
      help: 'Render a given definition in a template file to standard output.',
      args: 'none',
      flags: [
        { name: 'template.glob', kind: 'strings', required: true, help: 'Glob of paths that will be expanded and used for rendering.' },
        { name: 'template.text', kind: 'string', required: true, help: 'The template that will be rendered.' },
        { name: 'template.type', kind: 'enum', values: ['html', 'text'], help: 'The type of the template. Can be either text (default) or html.' },
        { name: 'template.data', kind: 'file', help: TEMPLATE_DATA_HELP },
      ],
    }],
  };
}

/** The whole command line of amtool. */
export function amtoolCommandTree(): CommandSpec {
  return {
    name: 'amtool',
    help: ROOT_HELP,
    flags: GLOBAL_FLAGS,
    commands: [
      { name: 'help', help: 'Show help.', args: 'many', arg: { name: 'command', help: 'Show help on command.' } },
      alertCommand(),
      silenceCommand(),
      { name: 'check-config', help: CHECK_CONFIG_HELP, args: 'many', argIsExistingFile: true, arg: { name: 'check-files', help: 'Files to be validated' } },
      {
        name: 'cluster',
        help: 'View cluster status and peers.',
        defaultCommand: 'show',
        commands: [{ name: 'show', help: 'View cluster status and peers.', args: 'none' }],
      },
      configCommand(),
      templateCommand(),
    ],
  };
}

/** Where amtool reads its config file from, in order. */
export function configFilePaths(): string[] {
  return [join(process.env['HOME'] ?? homedir(), '.config/amtool/config.yml'), '/etc/amtool/config.yml'];
}

const LEGACY_FLAGS: Readonly<Record<string, string>> = { comment_required: 'require-comment' };

/** config.NewResolver: flag name -> default value from the first file that sets it. */
export function readConfigDefaults(files: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const f of files) {
    if (!existsSync(f)) continue;
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    const m = new Map<string, string>();
    let root;
    try {
      root = parseYamlTree(text);
    } catch (e) {
      throw new AmtoolError(`could not load config file: ${e instanceof Error ? e.message : String(e)}\n`, true);
    }
    if (root === null) continue;
    if (root.kind !== 'map') throw new AmtoolError(`could not load config file: yaml: unmarshal errors:\n  line ${root.line}: cannot unmarshal !!${root.kind} into map[string]string\n`, true);
    for (const p of root.pairs) {
      if (p.key.kind !== 'scalar' || p.value.kind !== 'scalar') {
        throw new AmtoolError(`could not load config file: yaml: unmarshal errors:\n  line ${p.value.line}: cannot unmarshal !!${p.value.kind} into string\n`, true);
      }
      m.set(p.key.value, p.value.value);
    }
    for (const [k0, v] of m) {
      let k = k0;
      const legacy = LEGACY_FLAGS[k];
      if (legacy !== undefined) {
        if (m.has(legacy)) continue;
        k = legacy;
      }
      if (!flags.has(k)) flags.set(k, v);
    }
  }
  return flags;
}
