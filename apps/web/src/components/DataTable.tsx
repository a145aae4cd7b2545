import { useId, type ReactNode } from 'react';

interface DataTableProps {
  caption: string;
  /** The column headings, in order. */
  columns: readonly string[];
  /** Shown instead of the table when it has no rows. */
  empty: string;
  isEmpty: boolean;
  className?: string;
  /** The rows (`<tr>`s). */
  children: ReactNode;
}

/**
 * A list as a table: captioned, its headings scoped to columns, in a focusable region that scrolls
 * sideways on a narrow screen; a sentence instead when there is nothing to list.
 */
export function DataTable({ caption, columns, empty, isEmpty, className, children }: DataTableProps) {
  const captionId = useId();
  if (isEmpty) {
    return <p className="empty">{empty}</p>;
  }
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
