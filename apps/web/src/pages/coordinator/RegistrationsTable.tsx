import { useTranslation } from 'react-i18next';
import type { AccountStatus, Registration } from '../../api/types';
import { DataTable, type Paging } from '../../components/DataTable';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { Selection } from './useSelection';

interface Props {
  items: Registration[];
  total: number;
  loading: boolean;
  paging: Paging;
  status: AccountStatus;
  showCountry: boolean;
  busy: boolean;
  selection: Selection;
  onApprove: (registration: Registration) => void;
  onReject: (registration: Registration) => void;
}

/** One page of registrations, each pending one with its checkbox, approve and reject buttons. */
export function RegistrationsTable(props: Props) {
  const { items, total, loading, paging, status, showCountry, busy, selection, onApprove, onReject } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const countries = useCountries();
  const statusLabel = (value: AccountStatus) => t(`registrations.statuses.${value}`);
  const anyPending = items.some((item) => item.status === 'pending');
  return (
    <DataTable
      caption={t('registrations.caption', { status: statusLabel(status) })}
      columns={[
        {
          key: 'select',
          className: 'select-cell',
          heading: (
            <input
              ref={selection.selectAllRef}
              type="checkbox"
              aria-label={t('registrations.selectAll')}
              checked={selection.allSelected}
              disabled={!anyPending}
              onChange={(event) => selection.toggleAll(event.target.checked)}
            />
          ),
        },
        t('registrations.columns.person'),
        ...(showCountry ? [t('registrations.columns.country')] : []),
        t('registrations.columns.administration'),
        t('registrations.columns.registered'),
        t('registrations.columns.status'),
        t('registrations.columns.actions'),
      ]}
      empty={t('registrations.empty')}
      isEmpty={items.length === 0}
      count={t('registrations.count', { number: formatNumber(total, language) })}
      loading={loading}
      paging={paging}
      pagingLabel={t('registrations.pagination')}
    >
      {items.map((item) => {
        const pending = item.status === 'pending';
        return (
          <tr key={item.id}>
            <td className="select-cell">
              {pending && (
                <input
                  type="checkbox"
                  aria-label={t('registrations.select', { name: item.displayName, email: item.email })}
                  checked={selection.selected.has(item.id)}
                  onChange={(event) => selection.toggle(item.id, event.target.checked)}
                />
              )}
            </td>
            <th scope="row" className="person">
              <span className="person-name">{item.displayName}</span>
              <span className="person-email">{item.email}</span>
            </th>
            {showCountry && <td>{countries.nameOf(item.country)}</td>}
            <td>
              {item.administration}
              {item.jobTitle && <span className="person-email">{item.jobTitle}</span>}
            </td>
            <td>{formatDateTime(item.registeredAt, language)}</td>
            <td>{statusLabel(item.status)}</td>
            <td className="actions-cell">
              {pending && (
                <>
                  <button
                    type="button"
                    className="button button-primary button-small"
                    disabled={busy}
                    aria-label={t('registrations.approveOne', { name: item.displayName })}
                    onClick={() => onApprove(item)}
                  >
                    {t('registrations.approve')}
                  </button>
                  <button
                    type="button"
                    className="button button-danger button-small"
                    disabled={busy}
                    aria-label={t('registrations.rejectOne', { name: item.displayName })}
                    onClick={() => onReject(item)}
                  >
                    {t('registrations.reject')}
                  </button>
                </>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
