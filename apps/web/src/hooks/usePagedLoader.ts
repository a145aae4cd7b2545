import { useEffect, useState, type DependencyList } from 'react';
import type { Paging } from '../components/DataTable';
import { useLoader, type Loaded } from './useLoader';

export const PAGE_SIZE = 20;

export interface PagedLoaded<T> extends Loaded<{ items: T[]; total: number }> {
  items: T[];
  total: number;
  paging: Paging;
  /** Back to the first page (after the filters changed). */
  firstPage: () => void;
}

/**
 * A paged list from the server: `load` gets the page to fetch; when the list shrinks under the page
 * shown (its last rows decided or removed), it goes back to the new last page.
 */
export function usePagedLoader<T>(
  load: (page: number, pageSize: number, signal: AbortSignal) => Promise<{ items: T[]; total: number }>,
  deps: DependencyList,
  pageSize = PAGE_SIZE,
): PagedLoaded<T> {
  const [page, setPage] = useState(1);
  const list = useLoader((signal) => load(page, pageSize, signal), [...deps, page, pageSize]);
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  useEffect(() => {
    if (list.data && page > lastPage) {
      setPage(lastPage);
    }
  }, [list.data, page, lastPage]);
  return { ...list, items, total, paging: { page, pageSize, total, onPage: setPage }, firstPage: () => setPage(1) };
}
