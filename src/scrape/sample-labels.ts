/**
 * Labels of scraped samples: target labels attached (honor_labels decides who wins a conflict;
 * the losers become exported_<name>), metric_relabel_configs applied, then the checks a scrape
 * fails on (missing name, invalid names, duplicate names, label limits) with upstream's texts.
 */
import type { Labels } from '../model/labels/index.js';
import { goQuote, utf8Length } from '../model/strconv/index.js';
import { LabelsBuilder, processBuilder, type RelabelConfig } from '../model/relabel/index.js';

export interface LabelLimits {
  labelLimit: number;
  labelNameLengthLimit: number;
  labelValueLengthLimit: number;
}

/** A sample whose labels fail the scrape. */
export class SampleLabelsError extends Error {
  override name = 'SampleLabelsError';
}

const builder = new LabelsBuilder();

/** Final labels of a scraped series, or null when metric relabeling dropped it. */
export function mutateSampleLabels(lset: Labels, target: Labels, honor: boolean, mrc: readonly RelabelConfig[]): Labels | null {
  const lb = builder;
  lb.reset(lset);
  const tp = target.pairs;
  if (honor) {
    for (let i = 0; i < tp.length; i += 2) {
      if (!lset.has(tp[i] as string)) lb.set(tp[i] as string, tp[i + 1] as string);
    }
  } else {
    let conflicts: [string, string][] | null = null;
    for (let i = 0; i < tp.length; i += 2) {
      const name = tp[i] as string;
      const existing = lset.get(name);
      if (existing !== '') (conflicts ??= []).push([name, existing]);
      lb.set(name, tp[i + 1] as string);
    }
    if (conflicts !== null) {
      conflicts.sort((a, b) => a[0].length - b[0].length);
      for (const [name, value] of conflicts) {
        let n = name;
        for (;;) {
          n = 'exported_' + n;
          if (lb.get(n) === '') {
            lb.set(n, value);
            break;
          }
        }
      }
    }
  }
  const keep = mrc.length === 0 || processBuilder(lb, mrc);
  const out = keep ? lb.labels() : null;
  lb.reset(lset);
  return out;
}

/** Labels of a synthetic series: target labels win, exposed ones move to exported_<name>. */
export function mutateReportSampleLabels(lset: Labels, target: Labels): Labels {
  const lb = new LabelsBuilder();
  lb.reset(lset);
  target.forEach((n, v) => {
    lb.set('exported_' + n, lset.get(n));
    lb.set(n, v);
  });
  return lb.labels();
}

/** Throws `label name "x" is not unique: invalid sample` for a repeated name (as the TSDB does). */
export function checkDuplicateNames(lset: Labels): void {
  const p = lset.pairs;
  for (let i = 2; i < p.length; i += 2) {
    if (p[i] === p[i - 2]) throw new SampleLabelsError(`label name ${goQuote(p[i] as string)} is not unique: invalid sample`);
  }
}

const LEGACY_METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/** labels.IsValid under a name validation scheme. */
export function labelsValid(lset: Labels, scheme: 'utf8' | 'legacy'): boolean {
  const p = lset.pairs;
  for (let i = 0; i < p.length; i += 2) {
    const n = p[i] as string;
    const v = p[i + 1] as string;
    if (n === '__name__') {
      if (scheme === 'legacy' ? !LEGACY_METRIC.test(v) : v === '' || !wellFormed(v)) return false;
    }
    if (scheme === 'legacy' ? !LEGACY_LABEL.test(n) : n === '' || !wellFormed(n)) return false;
    if (!wellFormed(v)) return false;
  }
  return true;
}

/** The first n runes of s (Go's %.ns). */
function runes(s: string, n: number): string {
  const a = Array.from(s);
  return a.length <= n ? s : a.slice(0, n).join('');
}

/** A sample's labels exceed label_limit, label_name_length_limit or label_value_length_limit. */
export class LabelLimitError extends SampleLabelsError {
  override name = 'LabelLimitError';
}

/** verifyLabelLimits: throws with upstream's message when a limit is exceeded. */
export function verifyLabelLimits(lset: Labels, l: LabelLimits): void {
  const met = lset.get('__name__');
  if (l.labelLimit > 0 && lset.length > l.labelLimit) {
    throw new LabelLimitError(`label_limit exceeded (metric: ${runes(met, 50)}, number of labels: ${lset.length}, limit: ${l.labelLimit})`);
  }
  if (l.labelNameLengthLimit === 0 && l.labelValueLengthLimit === 0) return;
  const p = lset.pairs;
  for (let i = 0; i < p.length; i += 2) {
    const name = p[i] as string;
    const value = p[i + 1] as string;
    if (l.labelNameLengthLimit > 0) {
      const len = utf8Length(name);
      if (len > l.labelNameLengthLimit) {
        throw new LabelLimitError(
          `label_name_length_limit exceeded (metric: ${runes(met, 50)}, label name: ${runes(name, 50)}, length: ${len}, limit: ${l.labelNameLengthLimit})`,
        );
      }
    }
    if (l.labelValueLengthLimit > 0) {
      const len = utf8Length(value);
      if (len > l.labelValueLengthLimit) {
        throw new LabelLimitError(
          `label_value_length_limit exceeded (metric: ${runes(met, 50)}, label name: ${runes(name, 50)}, value: ${goQuote(runes(value, 50))}, length: ${len}, limit: ${l.labelValueLengthLimit})`,
        );
      }
    }
  }
}
