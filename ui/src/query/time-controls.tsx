/**
 * The Query page's time controls: graph range, end (or evaluation) time, resolution, and the
 * lines/stacked switch. Times are typed and shown in UTC, as the Prometheus UI does by default.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { effectiveStep, formatDuration, formatTime, parseDuration, parseTime } from './url-state';
import type { DisplayMode, Resolution } from './url-state';

const RANGE_STEPS = ['1s', '10s', '1m', '5m', '15m', '30m', '1h', '2h', '6h', '12h', '1d', '2d', '1w', '2w', '4w', '8w', '1y']
  .map((s) => parseDuration(s) ?? 1000);

/** A text input that commits on Enter or blur and goes back to the current value when the text is invalid. */
function CommitInput(props: {
  value: string;
  placeholder?: string;
  label: string;
  testId: string;
  class?: string;
  onCommit: (text: string) => boolean;
}): JSX.Element {
  const [text, setText] = useState(props.value);
  const [bad, setBad] = useState(false);
  useEffect(() => { setText(props.value); setBad(false); }, [props.value]);
  const commit = (): void => {
    if (text === props.value) return;
    const ok = props.onCommit(text);
    setBad(!ok);
    if (!ok) setText(props.value);
  };
  return (
    <input
      type="text"
      class={`${props.class ?? ''}${bad ? ' invalid' : ''}`}
      value={text}
      placeholder={props.placeholder}
      aria-label={props.label}
      title={props.label}
      data-testid={props.testId}
      onInput={(e) => setText((e.target as HTMLInputElement).value)}
      onBlur={commit}
      onKeyDown={(e) => { if (e.key === 'Enter') commit(); }}
    />
  );
}

export function RangeInput(props: { range: number; onChange: (ms: number) => void }): JSX.Element {
  const down = (): void => {
    const smaller = [...RANGE_STEPS].reverse().find((r) => r < props.range);
    if (smaller !== undefined) props.onChange(smaller);
  };
  const up = (): void => {
    const bigger = RANGE_STEPS.find((r) => r > props.range);
    if (bigger !== undefined) props.onChange(bigger);
  };
  return (
    <div class="input-group" role="group" aria-label="Range">
      <button type="button" title="Decrease range" aria-label="Decrease range" onClick={down}>−</button>
      <CommitInput
        class="range-input" label="Range" testId="range-input" value={formatDuration(props.range)}
        onCommit={(t) => {
          const ms = parseDuration(t);
          if (ms === null || ms <= 0) return false;
          props.onChange(ms);
          return true;
        }}
      />
      <button type="button" title="Increase range" aria-label="Increase range" onClick={up}>+</button>
    </div>
  );
}

export function EndTimeInput(props: { time: number | null; range: number; label: string; onChange: (t: number | null) => void }): JSX.Element {
  const base = (): number => props.time ?? Date.now();
  return (
    <div class="input-group" role="group" aria-label={props.label}>
      <button type="button" title="Decrease time" aria-label="Decrease time" onClick={() => props.onChange(Math.round(base() - props.range / 2))}>‹</button>
      <CommitInput
        class="time-input" label={`${props.label} (UTC)`} testId="end-time-input" placeholder={props.label}
        value={props.time === null ? '' : formatTime(props.time)}
        onCommit={(t) => {
          if (t.trim() === '') {
            props.onChange(null);
            return true;
          }
          const ms = parseTime(t);
          if (ms === null) return false;
          props.onChange(ms);
          return true;
        }}
      />
      {props.time !== null && (
        <button type="button" title="Reset to now" aria-label="Reset to now" onClick={() => props.onChange(null)}>×</button>
      )}
      <button type="button" title="Increase time" aria-label="Increase time" onClick={() => props.onChange(Math.round(base() + props.range / 2))}>›</button>
    </div>
  );
}

const FIXED_STEPS = ['10s', '30s', '1m', '5m', '15m', '1h'];

/** The fixed steps offered, with the current one added when a link asked for another (e.g. 1s). */
function fixedSteps(r: Resolution): string[] {
  if (r.type !== 'fixed') return FIXED_STEPS;
  const cur = formatDuration(r.step);
  return FIXED_STEPS.includes(cur) ? FIXED_STEPS : [cur, ...FIXED_STEPS];
}

function resolutionKey(r: Resolution): string {
  if (r.type === 'auto') return `auto:${r.density}`;
  if (r.type === 'fixed') return `fixed:${formatDuration(r.step)}`;
  return 'custom';
}

export function ResolutionInput(props: { resolution: Resolution; range: number; onChange: (r: Resolution) => void }): JSX.Element {
  const r = props.resolution;
  const onSelect = (key: string): void => {
    const [type = '', arg = ''] = key.split(':');
    if (type === 'auto' && (arg === 'low' || arg === 'medium' || arg === 'high')) props.onChange({ type: 'auto', density: arg });
    else if (type === 'fixed') props.onChange({ type: 'fixed', step: parseDuration(arg) ?? 60000 });
    else props.onChange({ type: 'custom', step: effectiveStep(r, props.range) });
  };
  return (
    <div class="input-group">
      <select
        aria-label="Resolution" title="Resolution" data-testid="resolution-select"
        value={resolutionKey(r)} onChange={(e) => onSelect((e.target as HTMLSelectElement).value)}
      >
        <optgroup label="Automatic resolution">
          <option value="auto:low">Low res.</option>
          <option value="auto:medium">Medium res.</option>
          <option value="auto:high">High res.</option>
        </optgroup>
        <optgroup label="Fixed resolution">
          {fixedSteps(r).map((s) => <option value={`fixed:${s}`}>{s}</option>)}
        </optgroup>
        <optgroup label="Custom resolution">
          <option value="custom">Enter value...</option>
        </optgroup>
      </select>
      {r.type === 'custom' && (
        <CommitInput
          class="step-input" label="Resolution step" testId="step-input" value={formatDuration(r.step)}
          onCommit={(t) => {
            const ms = parseDuration(t);
            if (ms === null || ms <= 0) return false;
            props.onChange({ type: 'custom', step: ms });
            return true;
          }}
        />
      )}
    </div>
  );
}

export function DisplayModeInput(props: { mode: DisplayMode; onChange: (m: DisplayMode) => void }): JSX.Element {
  return (
    <div class="segmented" role="group" aria-label="Display mode">
      {(['lines', 'stacked'] as const).map((m) => (
        <button
          type="button" class={props.mode === m ? 'active' : ''} aria-pressed={props.mode === m}
          data-testid={`display-${m}`} onClick={() => props.onChange(m)}
        >
          {m === 'lines' ? 'Unstacked' : 'Stacked'}
        </button>
      ))}
    </div>
  );
}
