/**
 * The silence form's matchers: one row per matcher (label name, value, Regex, Negative, remove),
 * an "Add matcher" button, and a paste box that takes `{a="b", c=~"d"}`.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { type Matcher, MatcherSyntaxError, parseMatchers } from './matchers';
import './am.css';

export interface MatcherRow {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export function rowFromMatcher(m: Matcher): MatcherRow {
  return { name: m.name, value: m.value, isRegex: m.op === '=~' || m.op === '!~', isEqual: m.op === '=' || m.op === '=~' };
}

export function matcherFromRow(r: MatcherRow): Matcher {
  const op = r.isRegex ? (r.isEqual ? '=~' : '!~') : r.isEqual ? '=' : '!=';
  return { name: r.name.trim(), op, value: r.value };
}

export function emptyRow(): MatcherRow {
  return { name: '', value: '', isRegex: false, isEqual: true };
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A message per row ('' when fine). */
export function rowErrors(rows: readonly MatcherRow[]): string[] {
  return rows.map((r) => {
    const n = r.name.trim();
    if (n === '') return 'Label name is required';
    if (!LABEL_NAME.test(n)) return `Invalid label name "${n}"`;
    return '';
  });
}

export interface MatcherEditorProps {
  rows: readonly MatcherRow[];
  onChange: (rows: MatcherRow[]) => void;
  /** Show the row errors (after a submit attempt or once touched). */
  showErrors: boolean;
}

export function MatcherEditor(props: MatcherEditorProps): JSX.Element {
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const errors = rowErrors(props.rows);
  const update = (i: number, patch: Partial<MatcherRow>): void => {
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const addPasted = (): void => {
    try {
      const ms = parseMatchers(paste);
      const kept = props.rows.filter((r) => r.name.trim() !== '' || r.value !== '');
      props.onChange([...kept, ...ms.map(rowFromMatcher)]);
      setPaste('');
      setPasteError(null);
    } catch (e) {
      setPasteError(e instanceof MatcherSyntaxError ? `Invalid matchers: ${e.message}` : String(e));
    }
  };
  return (
    <fieldset class="am-matchers">
      <legend>Matchers <span class="muted">(alerts matching all of them are silenced)</span></legend>
      {props.rows.map((r, i) => (
        <div class="am-matcher-row" data-testid="silence-matcher-row" key={i}>
          <input
            type="text" class="am-m-name" aria-label="Label name" placeholder="label name" value={r.name} spellcheck={false}
            data-testid="matcher-name" onInput={(e) => update(i, { name: e.currentTarget.value })}
          />
          <span class="am-m-op mono" aria-hidden="true">{r.isRegex ? (r.isEqual ? '=~' : '!~') : r.isEqual ? '=' : '!='}</span>
          <input
            type="text" class="am-m-value" aria-label="Value" placeholder="value" value={r.value} spellcheck={false}
            data-testid="matcher-value" onInput={(e) => update(i, { value: e.currentTarget.value })}
          />
          <label class="am-check">
            <input type="checkbox" checked={r.isRegex} data-testid="matcher-regex" onChange={(e) => update(i, { isRegex: e.currentTarget.checked })} /> Regex
          </label>
          <label class="am-check">
            <input type="checkbox" checked={!r.isEqual} data-testid="matcher-negative" onChange={(e) => update(i, { isEqual: !e.currentTarget.checked })} /> Negative
          </label>
          <button type="button" class="am-icon-button" aria-label="Remove matcher" title="Remove matcher" onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}>×</button>
          {props.showErrors && errors[i] !== '' && <div class="am-field-error">{errors[i]}</div>}
        </div>
      ))}
      {props.showErrors && props.rows.length === 0 && <div class="am-field-error">At least one matcher is required</div>}
      <div class="am-matcher-tools">
        <button type="button" data-testid="add-matcher" onClick={() => props.onChange([...props.rows, emptyRow()])}>Add matcher</button>
        <input
          type="text" class="am-paste" aria-label="Paste matchers" placeholder='or paste {alertname="Foo", job=~"api.*"}' value={paste} spellcheck={false}
          onInput={(e) => { setPaste(e.currentTarget.value); setPasteError(null); }}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addPasted(); } }}
        />
        <button type="button" disabled={paste.trim() === ''} onClick={addPasted}>Add</button>
      </div>
      {pasteError !== null && <div class="am-field-error">{pasteError}</div>}
    </fieldset>
  );
}
