/** An error as the API gave it (its text shown verbatim, escaped as text). */
import type { JSX } from 'preact';

export function ErrorBox(props: { title?: string; message: string }): JSX.Element {
  return (
    <div class="error-box" role="alert">
      {props.title !== undefined && <strong>{props.title}: </strong>}
      <span class="error-text">{props.message}</span>
    </div>
  );
}
