/** The template variable controls above the panels: a select (multi-value with checkboxes) or a text box per variable. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ALL_VALUE } from './interpolate';
import { type VariableState, isAllSelected } from './variable-state.js';

function MultiSelect(props: { state: VariableState; onChange: (values: string[]) => void }): JSX.Element {
  const { state } = props;
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent): void => {
      if (ref.current !== null && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const options = state.model.includeAll ? [{ text: 'All', value: ALL_VALUE }, ...state.options] : state.options;
  const selected = new Set(state.value);
  const toggle = (v: string): void => {
    if (v === ALL_VALUE) return props.onChange([ALL_VALUE]);
    const next = new Set([...selected].filter((x) => x !== ALL_VALUE));
    if (next.has(v)) next.delete(v);
    else next.add(v);
    props.onChange(next.size === 0 ? (state.model.includeAll ? [ALL_VALUE] : []) : [...next]);
  };
  const label = isAllSelected(state) ? 'All' : state.text.filter((t) => t !== '').join(' + ') || 'None';
  return (
    <div class="var-multi" ref={ref}>
      <button type="button" class="var-multi-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>{label} ▾</button>
      {open && (
        <ul class="var-multi-menu" role="listbox" aria-multiselectable="true">
          {options.map((o) => (
            <li>
              <label><input type="checkbox" checked={selected.has(o.value)} onChange={() => toggle(o.value)} /> {o.text}</label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TextBox(props: { state: VariableState; onChange: (values: string[]) => void }): JSX.Element {
  const [text, setText] = useState(props.state.value[0] ?? '');
  useEffect(() => setText(props.state.value[0] ?? ''), [props.state.value[0]]);
  return (
    <input class="var-textbox" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)}
      onBlur={() => props.onChange([text])} onKeyDown={(e) => { if (e.key === 'Enter') props.onChange([text]); }} />
  );
}

export function VariableBar(props: { states: VariableState[]; onChange: (name: string, values: string[]) => void }): JSX.Element | null {
  const visible = props.states.filter((s) => s.model.hide !== 2 && s.model.type !== 'constant');
  if (visible.length === 0) return null;
  return (
    <div class="var-bar" data-testid="variables">
      {visible.map((s) => {
        const change = (values: string[]): void => props.onChange(s.model.name, values);
        const options = s.model.includeAll ? [{ text: 'All', value: ALL_VALUE }, ...s.options] : s.options;
        return (
          <div class="var-item" data-testid={`var-${s.model.name}`}>
            {s.model.hide !== 1 && <label class="var-label">{s.model.label !== '' ? s.model.label : s.model.name}</label>}
            {s.model.type === 'textbox' ? <TextBox state={s} onChange={change} />
              : s.model.multi ? <MultiSelect state={s} onChange={change} />
              : (
                <select aria-label={s.model.label || s.model.name} value={s.value[0] ?? ''} onChange={(e) => change([(e.target as HTMLSelectElement).value])}>
                  {options.length === 0 && <option value="">None</option>}
                  {options.map((o) => <option value={o.value}>{o.text}</option>)}
                </select>
              )}
            {s.error !== undefined && <span class="var-error error-text" title={s.error}>⚠ {s.error}</span>}
          </div>
        );
      })}
    </div>
  );
}
