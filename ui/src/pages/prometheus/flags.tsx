/** Command-line flags (/api/v1/status/flags): a sortable table with a filter by name or value. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { SearchInput } from '../../status/filters';
import { Card, Loaded } from '../../status/page-parts';
import { matchesSearch } from '../../status/text-search';
import { useApi } from '../../status/use-api';
import { StatusNav } from '../../status/status-nav';
import '../../status/status.css';

type SortKey = 'flag' | 'value';

function FlagsTable(props: { flags: Record<string, string> }): JSX.Element {
  const [search, setSearch] = useState('');
  const [sortBy, setSortBy] = useState<SortKey | null>(null);
  const [reversed, setReversed] = useState(false);
  let rows = Object.entries(props.flags)
    .map(([flag, value]) => ({ flag, value: String(value) }))
    .filter((r) => matchesSearch(search, [r.flag, `--${r.flag}`, r.value]));
  if (sortBy !== null) {
    rows = [...rows].sort((a, b) => a[sortBy].localeCompare(b[sortBy]) * (reversed ? -1 : 1));
  }
  const sortOn = (k: SortKey): void => {
    setReversed(k === sortBy ? !reversed : false);
    setSortBy(k);
  };
  const arrow = (k: SortKey): string => (sortBy !== k ? ' ↕' : reversed ? ' ↑' : ' ↓');
  return (
    <>
      <div class="st-toolbar" style={{ marginBottom: '8px' }}>
        <SearchInput value={search} onInput={setSearch} placeholder="Filter by flag name or value" autoFocus />
      </div>
      <table class="st-table st-flags" data-testid="flags-table">
        <thead>
          <tr>
            <th aria-sort={sortBy === 'flag' ? (reversed ? 'descending' : 'ascending') : undefined}>
              <button type="button" class="st-sort" onClick={() => sortOn('flag')}>Flag{arrow('flag')}</button>
            </th>
            <th aria-sort={sortBy === 'value' ? (reversed ? 'descending' : 'ascending') : undefined}>
              <button type="button" class="st-sort" onClick={() => sortOn('value')}>Value{arrow('value')}</button>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr><td colSpan={2} class="muted">Nothing found</td></tr>
          ) : (
            rows.map((r) => (
              <tr key={r.flag} data-testid="flag-row">
                <td data-label="Flag"><code>--{r.flag}</code></td>
                <td data-label="Value" style={{ wordBreak: 'break-all' }}><code>{r.value}</code></td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}

export function FlagsPage(): JSX.Element {
  const flags = useApi<Record<string, string>>('/api/v1/status/flags');
  return (
    <section class="page st-page" data-testid="flags-page">
      <StatusNav current="/flags" />
      <h1>Command-line flags</h1>
      <Card>
        <Loaded state={flags} what="flags">{(d) => <FlagsTable flags={d} />}</Loaded>
      </Card>
    </section>
  );
}
