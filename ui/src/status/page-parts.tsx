/** Pieces every status page uses: loading and error states, notices, cards and copy buttons. */
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBox } from '../components/error-box';
import { Icon } from './icons';
import type { ApiState } from './use-api';

/** Renders the data of an API call, or its loading state, or its error verbatim. */
export function Loaded<T>(props: { state: ApiState<T>; what: string; children: (data: T) => JSX.Element }): JSX.Element {
  const { data, error, loading } = props.state;
  return (
    <>
      {error !== null && <ErrorBox title={`Error fetching ${props.what}`} message={error} />}
      {data !== null ? props.children(data) : loading && error === null ? <div class="loading" aria-busy="true">Loading…</div> : null}
    </>
  );
}

/** An informational notice (empty results, hidden items). */
export function Notice(props: { title: string; children?: ComponentChildren; tone?: 'info' | 'warn' }): JSX.Element {
  return (
    <div class={`st-notice st-notice-${props.tone ?? 'info'}`} role="status">
      <strong>{props.title}</strong>
      {props.children !== undefined && <div>{props.children}</div>}
    </div>
  );
}

/** A titled card (the status pages' tables). */
export function Card(props: { title?: string; testid?: string; children: ComponentChildren }): JSX.Element {
  return (
    <section class="st-card" data-testid={props.testid}>
      {props.title !== undefined && <h2 class="st-card-title">{props.title}</h2>}
      {props.children}
    </section>
  );
}

/** A button that looks like a link (inline actions such as "Show empty pools"). */
export function LinkButton(props: { onClick: () => void; children: ComponentChildren }): JSX.Element {
  return (
    <button type="button" class="st-link-button" onClick={props.onClick}>
      {props.children}
    </button>
  );
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard !== undefined && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http pages have no clipboard API: copy through a selected, off-screen textarea.
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.left = '-9999px';
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  if (!ok) throw new Error('copying is not allowed here');
}

/** A copy-to-clipboard button; `compact` shows only an icon (the rule names' buttons). */
export function CopyButton(props: { text: string; label?: string; testid?: string; compact?: boolean }): JSX.Element {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = (e: Event): void => {
    e.stopPropagation();
    copyText(props.text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
    window.setTimeout(() => setState('idle'), 2000);
  };
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : (props.label ?? 'Copy');
  return (
    <button
      type="button"
      class={props.compact === true ? 'st-copy st-compact' : 'st-copy'}
      data-testid={props.testid ?? 'copy-button'}
      onClick={onClick}
      title={props.compact === true ? `${text}` : 'Copy to clipboard'}
      aria-label={text}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={props.compact === true ? 12 : 14} />
      {props.compact !== true && <span>{text}</span>}
    </button>
  );
}

/** A two-column name/value table (build info, runtime info, head stats). */
export function InfoTable(props: { rows: readonly [string, ComponentChildren][]; testid?: string }): JSX.Element {
  return (
    <table class="st-table st-info" data-testid={props.testid}>
      <tbody>
        {props.rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
