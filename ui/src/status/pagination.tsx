/** Paging of long rule-group lists (?page=N in the URL, as upstream's rules and alerts pages). */
import type { JSX } from 'preact';

export function Pagination(props: { page: number; pages: number; onChange: (page: number) => void }): JSX.Element | null {
  if (props.pages <= 1) return null;
  const nums = Array.from({ length: props.pages }, (_, i) => i + 1);
  return (
    <nav class="st-pagination" aria-label="Pages" data-testid="pagination">
      <button type="button" disabled={props.page <= 1} onClick={() => props.onChange(props.page - 1)} aria-label="Previous page">‹</button>
      {nums.map((n) => (
        <button type="button" key={n} aria-current={n === props.page ? 'page' : undefined} onClick={() => props.onChange(n)}>{n}</button>
      ))}
      <button type="button" disabled={props.page >= props.pages} onClick={() => props.onChange(props.page + 1)} aria-label="Next page">›</button>
    </nav>
  );
}
