/**
 * `amtool template render --template.glob=... --template.text=... [--template.type=html]
 * [--template.data=file.json]`: renders a text over Alertmanager's default templates and the
 * given files, with amtool's example data unless a data file is given.
 */
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_TEMPLATES, KV, loadTemplates, TemplateAlert, TemplateData, templateDataFromJSON,
} from '../../alertmanager/template/index.js';
import { GoTime } from '../../template/index.js';
import type { AmtoolContext } from './context.js';
import { AmtoolError } from './errors.js';
import { flagList, flagValue } from './flags.js';
import { parseGoJSON } from './json-syntax.js';

/** The default template texts the set starts from: Vigil's own (as Alertmanager's embedded ones). */
export function defaultTemplateTexts(): string[] {
  return [...DEFAULT_TEMPLATES];
}

/** amtool's built-in example data (cli/template_render.go), its times relative to now. */
export function amtoolDefaultData(nowMs: number = Date.now()): TemplateData {
  const now = BigInt(Math.round(nowMs)) * 1_000_000n;
  const minute = 60_000_000_000n;
  const common = { commonlabelkey1: 'commonlabelvalue1', commonlabelkey2: 'commonlabelvalue2' };
  const commonAnn = { commonannotationkey1: 'commonannotationvalue1', commonannotationkey2: 'commonannotationvalue2' };
  const alert = (labels: Record<string, string>, annotations: Record<string, string>, ago: bigint, fp: string): TemplateAlert =>
    new TemplateAlert('alertstatus', KV.from(labels), KV.from(annotations), new GoTime(now - ago * minute, false),
      new GoTime(now, false), 'https://generatorurl.com', fp);
  return new TemplateData('receiver', 'alertstatus', [
    alert({ label1: 'value1', label2: 'value2', instance: 'foo.bar:1234', ...common },
      { annotation1: 'value1', annotation2: 'value2', ...commonAnn }, 5n, 'fingerprint1'),
    alert({ foo: 'bar', baz: 'qux', ...common }, { aaa: 'bbb', ccc: 'ddd', ...commonAnn }, 10n, 'fingerprint2'),
  ], KV.from({ grouplabelkey1: 'grouplabelvalue1', grouplabelkey2: 'grouplabelvalue2' }), KV.from(common),
  KV.from(commonAnn), 'https://example.com');
}

async function templateData(file: string): Promise<TemplateData> {
  if (file === '') return amtoolDefaultData();
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = parseGoJSON(text);
  } catch (e) {
    throw new AmtoolError(e instanceof Error ? e.message : String(e));
  }
  return templateDataFromJSON(json);
}

/** `amtool template render`. */
export async function templateRender(ctx: AmtoolContext): Promise<number> {
  const p = ctx.parsed;
  const tmpl = await loadTemplates(flagList(p, 'template.glob'), { defaults: defaultTemplateTexts() });
  const data = await templateData(flagValue(p, 'template.data'));
  const text = flagValue(p, 'template.text');
  const out = flagValue(p, 'template.type') === 'html' ? await tmpl.executeHTMLString(text, data) : await tmpl.executeTextString(text, data);
  ctx.io.out(out);
  return 0;
}
