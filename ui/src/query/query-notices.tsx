/** A query's warnings and info notices, and its error (upstream's text, verbatim). */
import type { JSX } from 'preact';
import { ErrorBox } from '../components/error-box';
import { ApiError } from '../lib/api';

export function QueryNotices(props: { warnings: readonly string[]; infos: readonly string[] }): JSX.Element {
  return (
    <>
      {props.warnings.map((w) => (
        <div class="notice warn" role="status" data-testid="query-warning"><strong>Warning: </strong>{w}</div>
      ))}
      {props.infos.map((w) => (
        <div class="notice info" role="status" data-testid="query-info"><strong>Info: </strong>{w}</div>
      ))}
    </>
  );
}

/** The text of a failed query: the API's error as it sent it. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export function QueryError(props: { error: string }): JSX.Element {
  return (
    <div data-testid="query-error">
      <ErrorBox title="Error executing query" message={props.error} />
    </div>
  );
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}
