/** Loads a page's module on first use (code splitting: CodeMirror and the dashboards load only where needed). */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox } from './error-box';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let cached: ComponentType<P> | null = null;
  return function LazyPage(props: P): JSX.Element {
    const [C, setC] = useState<ComponentType<P> | null>(() => cached);
    const [err, setErr] = useState<string | null>(null);
    useEffect(() => {
      if (C !== null) return;
      load().then(
        (c) => {
          cached = c;
          setC(() => c);
        },
        (e: unknown) => setErr(e instanceof Error ? e.message : String(e)),
      );
    }, []);
    if (err !== null) return <ErrorBox title="This page failed to load" message={err} />;
    if (C === null) return <div class="loading" aria-busy="true">Loading…</div>;
    return <C {...props} />;
  };
}
