/** A page that is not built yet. */
import type { JSX } from 'preact';

export function Placeholder(props: { title: string }): JSX.Element {
  return (
    <section class="page">
      <h1>{props.title}</h1>
      <p class="muted">This page is not available yet.</p>
    </section>
  );
}
