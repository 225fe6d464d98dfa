/**
 * The matcher filter box: matchers as removable chips, a text input that takes
 * `{a="b", c=~"d"}` or `a=b` (Enter or the + button adds), Backspace in an empty input removes
 * the last chip. A syntax error is shown under the box.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatMatcher, type Matcher, MatcherSyntaxError, parseMatchers, sameMatcher } from './matchers';
import './am.css';

export interface FilterBarProps {
  matchers: readonly Matcher[];
  onChange: (matchers: Matcher[]) => void;
  placeholder?: string;
}

export function FilterBar(props: FilterBarProps): JSX.Element {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = (): void => {
    if (text.trim() === '') return;
    try {
      const parsed = parseMatchers(text);
      const next = [...props.matchers];
      for (const m of parsed) if (!next.some((x) => sameMatcher(x, m))) next.push(m);
      setText('');
      setError(null);
      props.onChange(next);
    } catch (e) {
      setError(e instanceof MatcherSyntaxError ? `Invalid matcher: ${e.message}` : String(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && text === '' && props.matchers.length > 0) {
      const last = props.matchers[props.matchers.length - 1];
      props.onChange(props.matchers.slice(0, -1));
      if (last !== undefined) setText(formatMatcher(last));
    }
  };

  return (
    <div class="am-filter">
      <div class={error === null ? 'am-filter-box' : 'am-filter-box invalid'}>
        {props.matchers.map((m, i) => (
          <span class="am-chip" data-testid="filter-chip" key={`${i}:${formatMatcher(m)}`}>
            <span class="am-chip-text">{formatMatcher(m)}</span>
            <button
              type="button"
              class="am-chip-remove"
              aria-label={`Remove ${formatMatcher(m)}`}
              title="Remove this matcher"
              onClick={() => props.onChange(props.matchers.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          type="text"
          class="am-filter-input"
          data-testid="filter-input"
          aria-label="Filter"
          placeholder={props.placeholder ?? 'Filter alerts, e.g. alertname="Watchdog" or {job=~"api.*"}'}
          value={text}
          spellcheck={false}
          autocomplete="off"
          onInput={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" class="am-filter-add" onClick={add} disabled={text.trim() === ''} title="Add the matchers">
          +
        </button>
      </div>
      {error !== null && <div class="am-field-error" role="alert">{error}</div>}
    </div>
  );
}
