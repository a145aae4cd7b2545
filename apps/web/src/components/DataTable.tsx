import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pagination } from './Pagination';

/** A column heading: its text, or a cell of its own (e.g. a select-all checkbox). */
export type Column = string | { key: string; heading: ReactNode; className?: string };

/** Where the table is among the pages of a list (see usePagedLoader). */
export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

interface DataTableProps {
  caption: string;
  /** The column headings, in order. */
  columns: readonly Column[];
  /** Shown instead of the table when it has no rows. */
  empty: string;
  isEmpty: boolean;
  className?: string;
  /** "12 registrations": shown above the table, with "Loading…" while a newer page loads. */
  count?: string;
  loading?: boolean;
  /** Previous / next under the table, its navigation named by `pagingLabel`. */
  paging?: Paging;
  pagingLabel?: string;
  /** The rows (`<tr>`s). */
  children: ReactNode;
}

/**
 * A list as a table: its count, captioned, its headings scoped to columns, in a focusable region that
 * scrolls sideways on a narrow screen, then its pages; a sentence instead when there is nothing to list.
 */
export function DataTable({
  caption,
  columns,
  empty,
  isEmpty,
  className,
  count,
  loading,
  paging,
  pagingLabel,
  children,
}: DataTableProps) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <>
      {count !== undefined && (
        <p className="result-count">
          {count}
          {loading && <span className="loading"> {t('loading')}</span>}
        </p>
      )}
      {isEmpty ? (
        <p className="empty">{empty}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className={className ? `data-table ${className}` : 'data-table'}>
            <caption id={captionId}>{caption}</caption>
            <thead>
              <tr>
                {columns.map((column) =>
                  typeof column === 'string' ? (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ) : (
                    <th key={column.key} scope="col" className={column.className}>
                      {column.heading}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
      {paging && <Pagination label={pagingLabel ?? caption} {...paging} />}
    </>
  );
}
