/**
 * Alertmanager's template set (template.Template upstream): the default templates (Vigil's
 * own, see default-templates.ts), then the user's template files, executed with
 * missingkey=zero; HTML bodies go through html/template's contextual escaping.
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseTemplate, type Template, type TemplateOptions } from '../../template/index.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { alertmanagerFuncMap, type AlertmanagerFuncOptions } from './funcs.js';

const OPTIONS: TemplateOptions = { missingKey: 'zero' };

/** Matches a path-segment glob (Go's filepath.Match: `*`, `?`, `[...]`, `\` escapes). */
function globSegmentRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new Error('syntax error in pattern');
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      i++;
      re += (pattern[i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

function hasMeta(s: string): boolean {
  return /[*?[\\]/.test(s);
}

/** Go's filepath.Glob: matching paths, sorted per directory; [] when none match. */
export async function glob(pattern: string): Promise<string[]> {
  if (!hasMeta(pattern)) {
    try {
      await readFile(pattern);
      return [pattern];
    } catch {
      return [];
    }
  }
  const dir = dirname(pattern);
  const dirs = hasMeta(dir) ? await glob(dir) : [dir];
  const re = globSegmentRegExp(basename(pattern));
  const out: string[] = [];
  for (const d of dirs) {
    let names: string[];
    try {
      names = await readdir(d);
    } catch {
      continue;
    }
    for (const n of names.sort()) if (re.test(n)) out.push(join(d, n));
  }
  return out;
}

/**
 * Removes `<!-- ... -->` that start outside actions from a template's text (actions inside a
 * comment go with it). HTML execution no longer needs it (the escaper drops comments as
 * html/template does); kept for callers that want a comment-free text.
 */
export function stripHTMLComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const action = text.indexOf('{{', i);
    const comment = text.indexOf('<!--', i);
    if (comment >= 0 && (action < 0 || comment < action)) {
      out += text.slice(i, comment);
      const end = text.indexOf('-->', comment + 4);
      if (end < 0) return out;
      i = end + 3;
      continue;
    }
    if (action < 0) return out + text.slice(i);
    const close = text.indexOf('}}', action + 2);
    const stop = close < 0 ? text.length : close + 2;
    out += text.slice(i, stop);
    i = stop;
  }
  return out;
}

/** A loaded template set; execute texts against it with executeTextString/executeHTMLString. */
export class AlertmanagerTemplate {
  /** The external URL templates see as .ExternalURL (set by the caller, as upstream). */
  externalURL = '';

  constructor(private readonly set: Template) {}

  /** A new set with `text` parsed over this one as template `name` (Go's Parse on a clone). */
  parse(text: string, name: string): AlertmanagerTemplate {
    const t = new AlertmanagerTemplate(this.set.parseMore(text, name));
    t.externalURL = this.externalURL;
    return t;
  }

  /** Names of every template defined (defaults and user files). */
  templateNames(): string[] {
    return this.set.templateNames();
  }

  /** Executes a named template of the set (e.g. `slack.default.title`). */
  async executeTemplate(name: string, data: unknown): Promise<string> {
    return this.set.execute(data, name);
  }

  /** Parses `text` as a template over this set and executes it ("" for empty text). */
  async executeTextString(text: string, data: unknown): Promise<string> {
    if (text === '') return '';
    return this.set.parseMore(text, '').execute(data, '');
  }

  /**
   * As executeTextString, for HTML bodies (upstream's html/template set): values are escaped
   * for the HTML context each action sits in (text, attribute, URL, ...), template.HTML and
   * template.URL values (safeHtml, safeUrl) pass where they are safe, and comments in the
   * templates' text are dropped. Throws TemplateError when the HTML cannot be escaped.
   */
  async executeHTMLString(html: string, data: unknown): Promise<string> {
    if (html === '') return '';
    return this.set.parseMore(html, '').escapeHTML('').execute(data, '');
  }
}

export interface TemplateSetOptions extends AlertmanagerFuncOptions {
  /**
   * The default template texts the set starts from; Vigil's own defaults (DEFAULT_TEMPLATES,
   * which render as Alertmanager's default.tmpl and email.tmpl) when omitted. Tests pass
   * other texts here (e.g. upstream's files, read with readDefaultTemplates).
   */
  defaults?: readonly string[];
}

/** Reads default template files (default.tmpl, email.tmpl) from a directory. */
export function readDefaultTemplates(dir: string): string[] {
  return ['default.tmpl', 'email.tmpl'].map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** The default templates parsed with Alertmanager's functions (Vigil's own unless `defaults` is given). */
export function defaultTemplate(opts: TemplateSetOptions = {}): AlertmanagerTemplate {
  const funcs = alertmanagerFuncMap(opts);
  const texts = opts.defaults ?? DEFAULT_TEMPLATES;
  let set = parseTemplate(texts[0] ?? '', '', funcs, OPTIONS);
  for (const t of texts.slice(1)) set = set.parseMore(t, '');
  return new AlertmanagerTemplate(set);
}

/**
 * Template.FromGlobs: the default templates, then every file matched by each glob in turn
 * (each file a template named by its base name). A glob that matches nothing is allowed.
 * Throws TemplateError on a parse error.
 */
export async function loadTemplates(paths: readonly string[], opts: TemplateSetOptions = {}): Promise<AlertmanagerTemplate> {
  let set = defaultTemplate(opts);
  for (const p of paths) {
    for (const file of await glob(p)) {
      const text = await readFile(file, 'utf8');
      set = set.parse(text, basename(file));
    }
  }
  return set;
}

/** Parses template texts (name -> text) over the defaults, without touching the filesystem. */
export function templatesFromTexts(texts: ReadonlyArray<readonly [string, string]>, opts: TemplateSetOptions = {}): AlertmanagerTemplate {
  let set = defaultTemplate(opts);
  for (const [name, text] of texts) set = set.parse(text, name);
  return set;
}
