/** Loads a Prometheus API v1 endpoint for a page: its data, upstream's error text, and a reload. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, promApi } from '../lib/api';

export interface ApiState<T> {
  data: T | null;
  /** The API's error text, verbatim. */
  error: string | null;
  loading: boolean;
  reload: () => void;
}

type Params = Record<string, string | undefined>;

/** GETs `path` (e.g. /api/v1/targets) with `params`; reloads when they change. */
export function useApi<T>(path: string, params?: Params): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(params ?? {});
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    promApi<T>(path, params, { signal: ctl.signal }).then(
      (r) => {
        setData(r.data);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [path, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
