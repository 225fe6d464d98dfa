/**
 * amtool's command line as kingpin v2 parses it: a command tree with default subcommands,
 * flags anywhere after the command that declares them (`--f=v`, `--f v`, `-fv`, `-f v`,
 * clustered short booleans, `--no-f`), `--` ending flags, values checked as they are set,
 * required flags, defaults (overridable from amtool's config file), and kingpin's error texts.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseGoDuration } from '../../alertmanager/config/index.js';
import { parseAmURL } from './api-client.js';
import { AmtoolError } from './errors.js';

export type FlagKind = 'bool' | 'string' | 'strings' | 'enum' | 'duration' | 'int' | 'url' | 'existingFile' | 'file';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  default?: string;
  values?: readonly string[];
  required?: boolean;
  /** Usage text (--help). */
  help?: string;
  /** Shown as the value in --help instead of the default or the upper-cased name. */
  placeholder?: string;
  hidden?: boolean;
}

export interface CommandSpec {
  name: string;
  help?: string;
  /** The name and usage text of the positional argument(s). */
  arg?: { name: string; help: string };
  flags?: readonly FlagSpec[];
  commands?: readonly CommandSpec[];
  /** The subcommand chosen when none is named. */
  defaultCommand?: string;
  /** Positional arguments: any number, at most one, or none. */
  args?: 'many' | 'one' | 'none';
  /** Each argument is a file that must exist (kingpin's ExistingFile(s)). */
  argIsExistingFile?: boolean;
}

export interface ParsedArgs {
  /** The selected command path, e.g. ['silence', 'query']. */
  path: string[];
  /** Flag values as set, defaults applied (a bool is 'true' or 'false'). */
  values: Map<string, string[]>;
  args: string[];
  /** --help, --help-long, --help-man or the help command. */
  help: boolean;
  /** The commands whose usage to show (the root first). */
  helpChain: CommandSpec[];
  version: boolean;
}

class ParseState {
  readonly chain: CommandSpec[];
  readonly set = new Set<string>();
  readonly values = new Map<string, string[]>();
  readonly args: string[] = [];
  help = false;
  version = false;

  constructor(root: CommandSpec) {
    this.chain = [root];
  }

  get current(): CommandSpec {
    return this.chain[this.chain.length - 1] as CommandSpec;
  }

  lookupLong(name: string): FlagSpec | undefined {
    return this.lookup((f) => f.name === name);
  }

  lookupShort(s: string): FlagSpec | undefined {
    return this.lookup((f) => f.short === s);
  }

  /**
   * A flag of the selected commands or, as kingpin, of the default subcommands below them
   * (which are then selected: `amtool alert -i` is `amtool alert query -i`).
   */
  private lookup(match: (f: FlagSpec) => boolean): FlagSpec | undefined {
    for (const c of this.chain) for (const f of c.flags ?? []) if (match(f)) return f;
    const defaults: CommandSpec[] = [];
    for (let cur = this.current; ;) {
      const def = cur.commands?.find((c) => c.name === cur.defaultCommand);
      if (def === undefined) return undefined;
      defaults.push(def);
      const f = (def.flags ?? []).find(match);
      if (f !== undefined) {
        this.chain.push(...defaults);
        return f;
      }
      cur = def;
    }
  }
}

/** Checks a flag value as kingpin's value types do; returns it normalised. */
export function checkValue(f: FlagSpec, v: string): string {
  switch (f.kind) {
    case 'enum':
      if (!(f.values ?? []).includes(v)) throw new AmtoolError(`enum value must be one of ${(f.values ?? []).join(',')}, got '${v}'`);
      return v;
    case 'duration':
      parseGoDuration(v);
      return v;
    case 'int':
      if (!/^[+-]?\d+$/.test(v.trim())) throw new AmtoolError(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
      return v;
    case 'bool':
      if (!['true', 'false', '1', '0', 't', 'f', 'T', 'F', 'TRUE', 'FALSE', 'True', 'False'].includes(v)) {
        throw new AmtoolError(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
      }
      return ['true', '1', 't', 'T', 'TRUE', 'True'].includes(v) ? 'true' : 'false';
    case 'url':
      parseAmURL(v);
      return v;
    case 'existingFile':
      checkExistingFile(v);
      return v;
    case 'file':
      if (!existsSync(v)) throw new AmtoolError(`open ${v}: no such file or directory`);
      return v;
    default:
      return v;
  }
}

/** kingpin's ExistingFile check. */
export function checkExistingFile(path: string): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new AmtoolError(`path '${path}' does not exist`);
  }
  if (st.isDirectory()) throw new AmtoolError(`'${basename(path)}' is a directory`);
}

function setFlag(st: ParseState, f: FlagSpec, value: string): void {
  if (f.name === 'help' || f.name === 'help-long' || f.name === 'help-man') {
    st.help = true;
    return;
  }
  if (f.name === 'version') {
    st.version = true;
    return;
  }
  const v = checkValue(f, value);
  if (f.kind === 'strings') {
    st.values.set(f.name, [...(st.set.has(f.name) ? st.values.get(f.name) ?? [] : []), v]);
  } else {
    if (st.set.has(f.name) && f.kind !== 'bool') throw new AmtoolError(`flag '${f.name}' cannot be repeated`);
    st.values.set(f.name, [v]);
  }
  st.set.add(f.name);
}

/** Handles one `--long[=v]` token; returns how many extra tokens it consumed, or a positional to push. */
function longFlag(st: ParseState, tok: string, next: string | undefined): { used: number; positional?: string } {
  const eq = tok.indexOf('=');
  let name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
  const inline = eq < 0 ? undefined : tok.slice(eq + 1);
  let f = st.lookupLong(name);
  let negate = false;
  if (f === undefined && name.startsWith('no-')) {
    const g = st.lookupLong(name.slice(3));
    if (g !== undefined && g.kind === 'bool') [f, negate, name] = [g, true, name.slice(3)];
  }
  if (f === undefined) throw new AmtoolError(`unknown long flag '--${name}'`);
  if (f.kind === 'bool') {
    setFlag(st, f, negate ? 'false' : 'true');
    return inline === undefined ? { used: 0 } : { used: 0, positional: inline };
  }
  if (inline !== undefined) {
    setFlag(st, f, inline);
    return { used: 0 };
  }
  if (next === undefined) throw new AmtoolError(`expected argument for flag '--${name}'`);
  setFlag(st, f, next);
  return { used: 1 };
}

/** Handles one `-abc` token of short flags. */
function shortFlags(st: ParseState, tok: string, next: string | undefined): number {
  let rest = tok.slice(1);
  while (rest !== '') {
    const s = rest[0] as string;
    rest = rest.slice(1);
    const f = st.lookupShort(s);
    if (f === undefined) throw new AmtoolError(`unknown short flag '-${s}'`);
    if (f.kind === 'bool') {
      setFlag(st, f, 'true');
      continue;
    }
    if (rest !== '') {
      setFlag(st, f, rest);
      return 0;
    }
    if (next === undefined) throw new AmtoolError(`expected argument for flag '-${s}'`);
    setFlag(st, f, next);
    return 1;
  }
  return 0;
}

function positional(st: ParseState, tok: string): void {
  const cur = st.current;
  if (cur.commands !== undefined && cur.commands.length > 0) {
    const sub = cur.commands.find((c) => c.name === tok);
    if (sub !== undefined) {
      st.chain.push(sub);
      return;
    }
    const def = cur.commands.find((c) => c.name === cur.defaultCommand);
    if (def === undefined) throw new AmtoolError(`expected command but got ${JSON.stringify(tok)}`);
    st.chain.push(def);
    positional(st, tok);
    return;
  }
  if (cur.args === undefined || cur.args === 'none' || (cur.args === 'one' && st.args.length >= 1)) {
    throw new AmtoolError(`unexpected ${tok}`);
  }
  if (cur.argIsExistingFile === true) checkExistingFile(tok);
  st.args.push(tok);
}

/** Selects default subcommands at the end of the arguments. */
function finishCommand(st: ParseState): void {
  for (;;) {
    const cur = st.current;
    if (cur.commands === undefined || cur.commands.length === 0) return;
    const def = cur.commands.find((c) => c.name === cur.defaultCommand);
    if (def === undefined) {
      if (st.chain.length === 1) {
        st.help = true;
        return;
      }
      if (st.help) return;
      throw new AmtoolError(`must select a subcommand of '${st.chain.slice(1).map((c) => c.name).join(' ')}'`);
    }
    st.chain.push(def);
  }
}

/**
 * Parses args against the command tree. `defaults` (flag name -> value, from amtool's config
 * file) replace the declared defaults of the flags of the selected commands.
 */
export function parseArgs(root: CommandSpec, argv: readonly string[], defaults: ReadonlyMap<string, string>): ParsedArgs {
  const st = new ParseState(root);
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i] as string;
    if (onlyPositional || tok === '-' || !tok.startsWith('-')) {
      if (!onlyPositional && st.chain.length === 1 && tok === 'help') {
        return { path: [], values: st.values, args: [], help: true, helpChain: helpCommandChain(root, argv.slice(i + 1)), version: false };
      }
      positional(st, tok);
    } else if (tok === '--') {
      onlyPositional = true;
    } else if (tok.startsWith('--')) {
      const r = longFlag(st, tok, argv[i + 1]);
      i += r.used;
      if (r.positional !== undefined) positional(st, r.positional);
    } else {
      i += shortFlags(st, tok, argv[i + 1]);
    }
    if (st.help || st.version) break;
  }
  const helpChain = [...st.chain];
  if (!st.help && !st.version) finishCommand(st);
  const result: ParsedArgs = {
    path: st.chain.slice(1).map((c) => c.name), values: st.values, args: st.args, help: st.help, helpChain, version: st.version,
  };
  if (st.help || st.version) return result;
  applyDefaults(st, defaults);
  return result;
}

/** `amtool help [command...]`: the commands named (their flags are not parsed). */
function helpCommandChain(root: CommandSpec, words: readonly string[]): CommandSpec[] {
  const chain = [root];
  for (const w of words) {
    if (w.startsWith('-')) continue;
    const cur = chain[chain.length - 1] as CommandSpec;
    if ((cur.commands ?? []).length === 0) break;
    const next = cur.commands?.find((c) => c.name === w);
    if (next === undefined) throw new AmtoolError(`expected command but got ${JSON.stringify(w)}`, true);
    chain.push(next);
  }
  return chain;
}

function applyDefaults(st: ParseState, defaults: ReadonlyMap<string, string>): void {
  for (const c of st.chain) {
    for (const f of c.flags ?? []) {
      if (st.set.has(f.name)) continue;
      const d = defaults.get(f.name) ?? f.default;
      if (d !== undefined) {
        st.values.set(f.name, [checkValue(f, d)]);
        continue;
      }
      if (f.required === true) throw new AmtoolError(`required flag --${f.name} not provided`);
    }
  }
}

/** The last value of a flag ('' when unset). */
export function flagValue(p: ParsedArgs, name: string): string {
  return p.values.get(name)?.at(-1) ?? '';
}

export function flagBool(p: ParsedArgs, name: string): boolean {
  return flagValue(p, name) === 'true';
}

export function flagList(p: ParsedArgs, name: string): string[] {
  return p.values.get(name) ?? [];
}
