/** The Table tab: an instant query at the evaluation time (now unless set). */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DataTable } from './data-table';
import { instantQuery } from './query-api';
import type { QueryAnswer, QueryData } from './query-api';
import { errorText, isAbort, QueryError, QueryNotices } from './query-notices';
import { EndTimeInput } from './time-controls';

export interface TableTabProps {
  expr: string;
  endTime: number | null;
  range: number;
  /** Changes when the user executes the same expression again. */
  retrigger: number;
  onEndTime: (t: number | null) => void;
}

interface TableState {
  loading: boolean;
  answer: QueryAnswer<QueryData> | null;
  error: string | null;
}

export function TableTab(props: TableTabProps): JSX.Element {
  const [st, setSt] = useState<TableState>({ loading: false, answer: null, error: null });
  useEffect(() => {
    if (props.expr.trim() === '') {
      setSt({ loading: false, answer: null, error: null });
      return;
    }
    const ac = new AbortController();
    setSt((s) => ({ ...s, loading: true }));
    instantQuery(props.expr, props.endTime ?? Date.now(), ac.signal).then(
      (answer) => setSt({ loading: false, answer, error: null }),
      (e: unknown) => { if (!isAbort(e)) setSt({ loading: false, answer: null, error: errorText(e) }); },
    );
    return () => ac.abort();
  }, [props.expr, props.endTime, props.retrigger]);

  const a = st.answer;
  const count = a === null ? 0 : a.data.resultType === 'vector' || a.data.resultType === 'matrix' ? a.data.result.length : 1;
  return (
    <div class="tab-body">
      <div class="controls">
        <EndTimeInput time={props.endTime} range={props.range} label="Evaluation time" onChange={props.onEndTime} />
        {a !== null && !st.loading && (
          <span class="muted stats" data-testid="query-stats">
            Load time: {Math.round(a.elapsed)}ms · Result series: {count}
          </span>
        )}
      </div>
      {st.loading && <div class="loading-bar" data-testid="query-loading" aria-busy="true">Loading…</div>}
      {st.error !== null && <QueryError error={st.error} />}
      {st.error === null && a === null && !st.loading && <div class="muted empty">No data queried yet</div>}
      {a !== null && (
        <div class={st.loading ? 'stale' : ''}>
          <QueryNotices warnings={a.warnings} infos={a.infos} />
          {count === 0 && (a.data.resultType === 'vector' || a.data.resultType === 'matrix') && (
            <div class="notice info" data-testid="query-empty">Empty query result: this query returned no data.</div>
          )}
          {count > 0 && <DataTable data={a.data} />}
        </div>
      )}
    </div>
  );
}
