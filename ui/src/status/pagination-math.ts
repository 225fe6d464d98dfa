/** Which page of rule groups to show (?page=N), clamped to the pages that exist. */

export const GROUPS_PER_PAGE = 10;

export function effectivePage(requested: string, itemCount: number, perPage = GROUPS_PER_PAGE): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(itemCount / perPage));
  const n = parseInt(requested, 10);
  return { page: Math.max(1, Math.min(Number.isFinite(n) ? n : 1, pages)), pages };
}
