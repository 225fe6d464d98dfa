/**
 * A page's filters kept in its URL query (?pool=...&health=up&health=down&search=...), as the
 * Prometheus UI keeps them, so that a filtered page can be shared and survives a reload.
 */
import { navigate, useRoute } from '../lib/router';

export interface UrlState {
  get(name: string): string;
  getAll(name: string): string[];
  /** Sets (or with '' / [] removes) one parameter, replacing the history entry. */
  set(name: string, value: string | readonly string[]): void;
}

export function useUrlState(): UrlState {
  const route = useRoute();
  return {
    get: (name) => route.params.get(name) ?? '',
    getAll: (name) => route.params.getAll(name),
    set: (name, value) => {
      const next = new URLSearchParams(window.location.search);
      next.delete(name);
      if (typeof value === 'string') {
        if (value !== '') next.set(name, value);
      } else {
        for (const v of value) next.append(name, v);
      }
      navigate(route.path, next, true);
    },
  };
}
