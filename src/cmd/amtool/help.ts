/**
 * amtool's usage text, rendered as kingpin v2's compact usage template does (the context's
 * flags and args in two columns, the command list with defaults starred, help texts laid out
 * by go/doc at 80 columns), and its version text.
 */
import { AMTOOL_VERSION } from './api-client.js';
import { docToText } from './doc-text.js';
import type { CommandSpec, FlagSpec } from './flags.js';

const WIDTH = 80;

function placeholder(f: FlagSpec): string {
  if (f.placeholder !== undefined) return f.placeholder;
  if (f.default !== undefined && f.default !== '') return f.kind === 'string' ? JSON.stringify(f.default) : f.default;
  return f.name.toUpperCase();
}

/** kingpin's FlagSummary: required flags, then [<flags>] when there are others. */
function flagSummary(flags: readonly FlagSpec[]): string {
  const out: string[] = [];
  let count = 0;
  for (const f of flags) {
    if (f.name !== 'help') count++;
    if (f.required === true) out.push(f.kind === 'bool' ? `--[no-]${f.name}` : `--${f.name}=${placeholder(f)}`);
  }
  if (count !== out.length) out.push('[<flags>]');
  return out.join(' ');
}

function formatCommand(c: CommandSpec): string {
  let s = '';
  const summary = flagSummary(c.flags ?? []);
  if (summary !== '') s += ` ${summary}`;
  if (c.arg !== undefined) s += ` [<${c.arg.name}>${c.args === 'many' ? '...' : ''}]`;
  return s;
}

function commandList(cmds: readonly CommandSpec[], depth: number, parent: CommandSpec): string {
  let s = '';
  for (const c of cmds) {
    s += `${' '.repeat(depth * 2)}${c.name}${parent.defaultCommand === c.name ? '*' : ''}${formatCommand(c)}\n`;
    s += commandList(c.commands ?? [], depth + 1, c);
  }
  return s;
}

/** kingpin's formatTwoColumns with indent 2 and padding 2. */
function twoColumns(rows: ReadonlyArray<readonly [string, string]>): string {
  let w = 0;
  for (const [left] of rows) if (left.length > w && left.length < 30) w = left.length;
  let s = '';
  for (const [left, help] of rows) {
    const lines = docToText(help, '', '  ', WIDTH - w - 4).replace(/\n+$/, '').split('\n');
    s += `  ${left.padEnd(w)}  `;
    if (left.length >= 30) s += `\n  ${' '.repeat(w + 2)}`;
    s += `${lines[0] ?? ''}\n`;
    for (const l of lines.slice(1)) s += `  ${' '.repeat(w + 2)}${l}\n`;
  }
  return s;
}

function flagRows(flags: readonly FlagSpec[]): Array<[string, string]> {
  const visible = flags.filter((f) => f.hidden !== true);
  const haveShort = visible.some((f) => f.short !== undefined);
  return visible.map((f) => {
    let left = f.short !== undefined ? `-${f.short}, --${f.name}` : haveShort ? `    --${f.name}` : `--${f.name}`;
    if (f.kind !== 'bool') left += `=${placeholder(f)}`;
    if (f.kind === 'strings') left += ' ...';
    return [left, f.help ?? ''];
  });
}

/** The usage of the command chain (the root alone for `amtool --help`). */
export function usage(chain: readonly CommandSpec[]): string {
  const root = chain[0] as CommandSpec;
  const selected = chain[chain.length - 1] as CommandSpec;
  const name = chain.slice(1).map((c) => c.name).join(' ');
  let s = `usage: ${root.name}${name === '' ? '' : ` ${name}`}${formatCommand(selected)}`;
  if ((selected.commands ?? []).length > 0) s += ' <command> [<args> ...]';
  s += '\n';
  if (selected.help !== undefined && selected.help !== '') s += `\n${docToText(selected.help, '', '  ', WIDTH)}`;
  s += '\n';
  const flags = chain.flatMap((c) => c.flags ?? []);
  if (flags.length > 0) s += `Flags:\n${twoColumns(flagRows(flags))}\n`;
  if (selected.arg !== undefined) s += `Args:\n${twoColumns([[`[<${selected.arg.name}>]`, selected.arg.help]])}\n`;
  if (chain.length > 1 && (selected.commands ?? []).length > 0) {
    s += `Commands:\n  ${name}\n${commandList(selected.commands ?? [], chain.length, selected)}\n`;
  } else if (chain.length === 1) {
    s += `Commands:\n${commandList(root.commands ?? [], 1, root)}\n`;
  }
  return s;
}

/** `amtool --version`. */
export function amtoolVersion(): string {
  return `amtool, version ${AMTOOL_VERSION} (branch: vigil, revision: vigil)\n`
    + '  build user:       vigil\n'
    + '  build date:       \n'
    + `  go version:       node${process.versions.node}\n`
    + `  platform:         ${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}\n`;
}
