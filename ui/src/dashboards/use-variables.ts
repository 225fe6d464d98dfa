/**
 * The dashboard's template variables as state: resolves them in order (each sees the ones
 * before it), re-resolves a changed variable's dependents, and the time-dependent query
 * variables (refresh = on time range change) when the range changes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VariableModel } from './model';
import type { TimeRange } from './time-range';
import { type VariableState, dependents, initialWanted, selectCurrent, variableValues } from './variable-state.js';
import { type DatasourceInfo, variableOptions } from './variables';

async function resolve(
  models: readonly VariableModel[],
  prev: readonly VariableState[],
  refresh: (m: VariableModel) => boolean,
  wanted: (m: VariableModel, prev: VariableState | undefined) => string[],
  range: TimeRange | null,
  datasources: readonly DatasourceInfo[],
  signal: AbortSignal,
): Promise<VariableState[]> {
  const out: VariableState[] = [];
  for (const m of models) {
    const old = prev.find((s) => s.model.name === m.name);
    if (old !== undefined && !refresh(m)) {
      out.push(old);
      continue;
    }
    const vars = variableValues(out, range);
    let options = old?.options ?? [];
    let error: string | undefined;
    try {
      options = m.type === 'query' && m.refresh === 0 && m.options.length > 0
        ? m.options.filter((o) => o.value !== '$__all')
        : await variableOptions(m, vars, range, datasources, signal);
    } catch (e) {
      if (signal.aborted) throw e;
      error = e instanceof Error ? e.message : String(e);
    }
    const cur = selectCurrent(m, options, wanted(m, old));
    out.push({ model: m, options, value: cur.value, text: cur.text, ...(error !== undefined ? { error } : {}) });
  }
  return out;
}

export interface Variables {
  states: VariableState[];
  ready: boolean;
  setValue: (name: string, values: string[]) => void;
}

export function useVariables(models: readonly VariableModel[] | null, urlValues: ReadonlyMap<string, string[]>, range: TimeRange | null, datasources: readonly DatasourceInfo[] | null): Variables {
  const [states, setStates] = useState<VariableState[]>([]);
  const [ready, setReady] = useState(false);
  const statesRef = useRef(states);
  statesRef.current = states;
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const acRef = useRef<AbortController | null>(null);

  const run = (refresh: (m: VariableModel) => boolean, wanted: (m: VariableModel, prev: VariableState | undefined) => string[]): void => {
    if (models === null || datasources === null) return;
    acRef.current?.abort();
    const ac = new AbortController();
    acRef.current = ac;
    setReady(false);
    resolve(models, statesRef.current, refresh, wanted, rangeRef.current, datasources, ac.signal).then(
      (s) => {
        if (ac.signal.aborted) return;
        setStates(s);
        setReady(true);
      },
      () => undefined,
    );
  };

  // First resolution: every variable, selections from the URL or the saved model.
  useEffect(() => {
    if (models === null || datasources === null) return;
    statesRef.current = [];
    run(() => true, (m) => initialWanted(m, urlValues.get(m.name)));
    return () => acRef.current?.abort();
  }, [models, datasources]);

  // A new time range refreshes the variables that ask for it (refresh: 2) and their dependents.
  const rangeKey = range === null ? '' : `${range.raw.from}|${range.raw.to}`;
  const firstRange = useRef(true);
  useEffect(() => {
    if (firstRange.current) {
      firstRange.current = false;
      return;
    }
    if (models === null || statesRef.current.length === 0) return;
    const names = new Set<string>();
    for (const m of models) if (m.type === 'query' && m.refresh === 2) {
      names.add(m.name);
      for (const d of dependents(models, m.name)) names.add(d);
    }
    if (names.size === 0) return;
    run((m) => names.has(m.name), (m, prev) => prev?.value ?? initialWanted(m, undefined));
  }, [rangeKey]);

  const setValue = (name: string, values: string[]): void => {
    if (models === null) return;
    const deps = dependents(models, name);
    const next = statesRef.current.map((s) => {
      if (s.model.name !== name) return s;
      const cur = selectCurrent(s.model, s.options, values);
      return { ...s, value: cur.value, text: cur.text };
    });
    statesRef.current = next;
    setStates(next);
    if (deps.size > 0) run((m) => deps.has(m.name), (m, prev) => prev?.value ?? initialWanted(m, undefined));
  };

  return { states, ready: ready && models !== null, setValue };
}
