import { useTranslation } from 'react-i18next';
import { useLanguage } from '../hooks/useLanguage';
import { formatNumber } from '../i18n/format';

interface PaginationProps {
  /** Names the navigation landmark, e.g. "Pages of registrations". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/**
 * Previous / next between pages of a list. The buttons stay focusable at either end (aria-disabled),
 * so focus is never lost when the last page is reached.
 */
export function Pagination({ label, page, pageSize, total, onPage }: PaginationProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) {
    return null;
  }
  const first = page <= 1;
  const last = page >= pages;
  return (
    <nav className="pagination" aria-label={label}>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-disabled={first || undefined}
        onClick={() => !first && onPage(page - 1)}
      >
        {t('pagination.previous')}
      </button>
      <p className="pagination-position">
        {t('pagination.position', { page: formatNumber(page, language), pages: formatNumber(pages, language) })}
      </p>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-disabled={last || undefined}
        onClick={() => !last && onPage(page + 1)}
      >
        {t('pagination.next')}
      </button>
    </nav>
  );
}
