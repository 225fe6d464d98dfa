/**
 * `amtool silence import [file]`: posts every silence of a JSON array (as `silence query -o
 * json` writes it) with --worker concurrent requests; an ID the server does not know is
 * retried as a new silence, --force always creates new ones. Reads stdin without a file.
 */
import { readFile } from 'node:fs/promises';
import { ApiResponseError, type AlertmanagerClient } from './api-client.js';
import { withClient, type AmtoolContext } from './context.js';
import { AmtoolError } from './errors.js';
import { flagBool, flagValue } from './flags.js';
import { decodePostableSilence, encodePostableSilence, type PostableSilence } from './models.js';

const WRAP = "couldn't unmarshal input data, is it JSON?";

function skipSpace(s: string, i: number): number {
  while (i < s.length && ' \t\r\n'.includes(s[i] as string)) i++;
  return i;
}

function invalidChar(c: string, context: string): AmtoolError {
  const shown = c === "'" ? "'\\''" : `'${c}'`;
  return new AmtoolError(`${WRAP}: invalid character ${shown} ${context}`);
}

/** The end of the JSON value starting at i (Go's scanner errors for malformed input). */
function valueEnd(s: string, start: number): number {
  let i = start;
  let depth = 0;
  do {
    i = skipSpace(s, i);
    if (i >= s.length) throw new AmtoolError(`${WRAP}: unexpected EOF`);
    const c = s[i] as string;
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      if (i >= s.length) throw new AmtoolError(`${WRAP}: unexpected EOF`);
      i++;
    } else if (c === '[' || c === '{') {
      depth++;
      i++;
    } else if (c === ']' || c === '}') {
      depth--;
      i++;
    } else if (c === ',' || c === ':') {
      i++;
    } else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(s.slice(i));
      if (m === null) throw invalidChar(c, 'looking for beginning of value');
      i += m[0].length;
    }
  } while (depth > 0);
  return i;
}

/** The decoder's first Token(): fails on empty or malformed input before amtool connects. */
function checkFirstToken(text: string): void {
  const i = skipSpace(text, 0);
  if (i >= text.length) throw new AmtoolError(`${WRAP}: EOF`);
  const first = text[i] as string;
  if (first !== '[' && first !== '{') valueEnd(text, i);
}

/** Decodes the silences of an import file the way amtool's streaming decoder reads them. */
export function parseImport(text: string): PostableSilence[] {
  checkFirstToken(text);
  let i = skipSpace(text, 0);
  const first = text[i] as string;
  if (first === '{') throw new AmtoolError(`${WRAP}: not at beginning of value`);
  if (first !== '[') return [];
  i++;
  const out: PostableSilence[] = [];
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length || text[i] === ']') return out;
    if (out.length > 0) {
      if (text[i] !== ',') throw invalidChar(text[i] as string, 'after array element');
      i++;
    }
    const end = valueEnd(text, i);
    let v: unknown;
    try {
      v = JSON.parse(text.slice(i, end));
    } catch (e) {
      throw new AmtoolError(`${WRAP}: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      out.push(decodePostableSilence(v));
    } catch (e) {
      throw new AmtoolError(`${WRAP}: ${e instanceof Error ? e.message : String(e)}`);
    }
    i = end;
  }
}

async function importOne(c: AmtoolContext, client: AlertmanagerClient, s: PostableSilence): Promise<boolean> {
  const post = async (body: PostableSilence): Promise<unknown> => client.call('postSilences', { body: encodePostableSilence(body) });
  try {
    let res: unknown;
    try {
      res = await post(s);
    } catch (e) {
      if (!(e instanceof ApiResponseError && e.status === 404)) throw e;
      res = await post({ ...s, id: '' });
    }
    const id = (res as { silenceID?: unknown } | null | undefined)?.silenceID;
    c.io.out(`${typeof id === 'string' ? id : ''}\n`);
    return true;
  } catch (e) {
    c.io.err(`Error adding silence id='${s.id}': ${e instanceof Error ? e.message : String(e)}\n`);
    return false;
  }
}

/** `amtool silence import [--force] [--worker=N] [file]`. */
export async function silenceImport(ctx: AmtoolContext): Promise<number> {
  const p = ctx.parsed;
  const file = p.args[0];
  const text = file === undefined ? await ctx.stdin() : await readFile(file, 'utf8');
  checkFirstToken(text);
  const workers = Number(flagValue(p, 'worker'));
  let failed = 0;
  let silences: PostableSilence[] = [];
  await withClient(ctx, async (client) => {
    await client.checkVersion();
    silences = parseImport(text);
    if (flagBool(p, 'force')) for (const s of silences) s.id = '';
    if (workers <= 0) return;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < silences.length) {
        const s = silences[next++] as PostableSilence;
        if (!(await importOne(ctx, client, s))) failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, Math.max(silences.length, 1)) }, worker));
  });
  if (failed > 0) throw new AmtoolError(`couldn't import ${failed} out of ${silences.length} silences`);
  return 0;
}
