import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_STATUSES, type AccountStatus, type BulkResult, type Registration } from '../../api/types';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { Scope } from '../CoordinatorPage';

const PAGE_SIZE = 20;
const REASON_MAX = 1000;

interface Filters {
  q: string;
  status: AccountStatus;
  country: string;
}

/** Who a rejection is about: one row, or the selected ones. */
interface RejectTarget {
  ids: string[];
  /** The person's name when there is one only. */
  name: string | null;
}

interface Props {
  scope: Scope;
  onDecided: () => void;
}

export function RegistrationsSection({ scope, onDecided }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();

  const [draft, setDraft] = useState<Filters>({ q: '', status: 'pending', country: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const list = useLoader(
    (signal) =>
      unwrap(
        api.GET('/api/registrations', {
          params: {
            query: {
              status: filters.status,
              q: filters.q.trim(),
              country: filters.country,
              page,
              pageSize: PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    [api, filters, page],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  // Deciding the last registrations of the last page leaves it empty: go back to the new last page.
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  useEffect(() => {
    if (list.data && page > lastPage) {
      setPage(lastPage);
    }
  }, [list.data, page, lastPage]);

  const [selected, setSelected] = useState<Set<string>>(new Set());
  // A new list (page, filter, after a decision) starts with nothing selected.
  useEffect(() => setSelected(new Set()), [list.data]);

  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const fail = (message: string) => setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));

  const [rejecting, setRejecting] = useState<RejectTarget | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [dialogFailure, setDialogFailure] = useState<{ message: string; attempt: number } | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const pendingItems = items.filter((item) => item.status === 'pending');
  const allSelected = pendingItems.length > 0 && pendingItems.every((item) => selected.has(item.id));
  const someSelected = pendingItems.some((item) => selected.has(item.id));
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) {
      selectAllRef.current.indeterminate = someSelected && !allSelected;
    }
  }, [someSelected, allSelected]);

  const nameOf = (userId: string) => items.find((item) => item.id === userId)?.displayName ?? userId;
  const showCountry = scope.isAdmin || scope.countries.length > 1;

  /** Ends an action: says how it went, puts focus on that message (the row may be gone), reloads. */
  const finish = (message: string) => {
    setBusy(false);
    setStatus(message);
    list.reload();
    onDecided();
    // After the dialog (if any) has closed: the page behind a modal dialog cannot take focus.
    window.setTimeout(() => statusRef.current?.focus(), 0);
  };

  const approveOne = async (registration: Registration) => {
    setBusy(true);
    setFailure(null);
    setStatus(t('registrations.approving', { name: registration.displayName }));
    try {
      await unwrap(api.POST('/api/registrations/{userId}/approve', { params: { path: { userId: registration.id } } }));
      finish(t('registrations.approved', { name: registration.displayName }));
    } catch (caught) {
      setBusy(false);
      setStatus('');
      fail(errorText(caught));
      if (caught instanceof ApiError && (caught.status === 404 || caught.status === 409)) {
        list.reload();
      }
    }
  };

  const bulkSummary = (result: BulkResult) => {
    const count = (outcome: string) => result.results.filter((entry) => entry.outcome === outcome).length;
    return t('registrations.bulkDone', {
      approved: formatNumber(count('approved'), language),
      rejected: formatNumber(count('rejected'), language),
      notPending: formatNumber(count('not_pending'), language),
      notFound: formatNumber(count('not_found'), language),
    });
  };

  const approveSelected = async () => {
    const ids = [...selected];
    if (ids.length === 0) {
      return;
    }
    setBusy(true);
    setFailure(null);
    setStatus(t('registrations.bulkApproving', { number: formatNumber(ids.length, language) }));
    try {
      const result = await unwrap(api.POST('/api/registrations/bulk', { body: { action: 'approve', userIds: ids } }));
      finish(bulkSummary(result));
    } catch (caught) {
      setBusy(false);
      setStatus('');
      fail(errorText(caught));
    }
  };

  const openReject = (target: RejectTarget) => {
    setReason('');
    setReasonError(null);
    setDialogFailure(null);
    returnFocus.current = null;
    setRejecting(target);
  };

  const closeReject = () => {
    setRejecting(null);
    setBusy(false);
  };

  const confirmReject = async () => {
    if (!rejecting || busy) {
      return;
    }
    const text = reason.trim();
    if (!text) {
      setReasonError(t('registrations.reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    setDialogFailure(null);
    setBusy(true);
    const single = rejecting.ids.length === 1 && rejecting.name !== null;
    setStatus(
      single
        ? t('registrations.rejecting', { name: rejecting.name })
        : t('registrations.bulkRejecting', { number: formatNumber(rejecting.ids.length, language) }),
    );
    try {
      let message: string;
      if (single) {
        await unwrap(
          api.POST('/api/registrations/{userId}/reject', {
            params: { path: { userId: rejecting.ids[0] } },
            body: { reason: text },
          }),
        );
        message = t('registrations.rejected', { name: rejecting.name });
      } else {
        const result = await unwrap(
          api.POST('/api/registrations/bulk', { body: { action: 'reject', userIds: rejecting.ids, reason: text } }),
        );
        message = bulkSummary(result);
      }
      returnFocus.current = statusRef.current;
      setRejecting(null);
      finish(message);
    } catch (caught) {
      setBusy(false);
      setStatus('');
      if (caught instanceof ApiError && (caught.status === 404 || caught.status === 409)) {
        // Decided meanwhile by someone else: nothing left to reject here.
        returnFocus.current = null;
        setRejecting(null);
        fail(errorText(caught));
        list.reload();
      } else {
        setDialogFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
      }
    }
  };

  const toggle = (userId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) {
        next.add(userId);
      } else {
        next.delete(userId);
      }
      return next;
    });

  const statusLabel = (value: AccountStatus) => t(`registrations.statuses.${value}`);
  const captionId = `${id}-caption`;
  const selectedCount = [...selected].length;

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('registrations.heading')}</h2>
      <form
        className="filters"
        role="search"
        aria-label={t('registrations.filtersLabel')}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          setPage(1);
          setFilters({ ...draft });
        }}
      >
        <Field id={`${id}-q`} label={t('registrations.search')} help={t('registrations.searchHelp')}>
          {(control) => (
            <input
              {...control}
              type="search"
              value={draft.q}
              onChange={(event) => setDraft((current) => ({ ...current, q: event.target.value }))}
            />
          )}
        </Field>
        <Field id={`${id}-status`} label={t('registrations.status')}>
          {(control) => (
            <select
              {...control}
              value={draft.status}
              onChange={(event) => setDraft((current) => ({ ...current, status: event.target.value as AccountStatus }))}
            >
              {ACCOUNT_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {statusLabel(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {showCountry && (
          <Field id={`${id}-country`} label={t('registrations.country')}>
            {(control) => (
              <select
                {...control}
                value={draft.country}
                onChange={(event) => setDraft((current) => ({ ...current, country: event.target.value }))}
              >
                <option value="">
                  {scope.isAdmin ? t('registrations.allCountries') : t('registrations.allMyCountries')}
                </option>
                {scope.countries.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="filters-submit">
          <button type="submit" className="button button-secondary">
            {t('registrations.applyFilters')}
          </button>
        </div>
      </form>

      <div className="toolbar" role="group" aria-label={t('registrations.bulkLabel')}>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || selectedCount === 0}
          onClick={() => void approveSelected()}
        >
          {t('registrations.approveSelected', { number: formatNumber(selectedCount, language) })}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy || selectedCount === 0}
          onClick={() => openReject({ ids: [...selected], name: null })}
        >
          {t('registrations.rejectSelected', { number: formatNumber(selectedCount, language) })}
        </button>
      </div>

      <p ref={statusRef} className="status-text" role="status" tabIndex={-1}>
        {status}
      </p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}

      {list.data && (
        <>
          <p className="result-count">
            {t('registrations.count', { number: formatNumber(total, language) })}
            {list.loading && <span className="loading"> {t('loading')}</span>}
          </p>
          {items.length === 0 ? (
            <p className="empty">{t('registrations.empty')}</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="data-table">
                <caption id={captionId}>{t('registrations.caption', { status: statusLabel(filters.status) })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="select-cell">
                      <input
                        ref={selectAllRef}
                        type="checkbox"
                        aria-label={t('registrations.selectAll')}
                        checked={allSelected}
                        disabled={pendingItems.length === 0}
                        onChange={(event) =>
                          setSelected(event.target.checked ? new Set(pendingItems.map((item) => item.id)) : new Set())
                        }
                      />
                    </th>
                    <th scope="col">{t('registrations.columns.person')}</th>
                    {showCountry && <th scope="col">{t('registrations.columns.country')}</th>}
                    <th scope="col">{t('registrations.columns.administration')}</th>
                    <th scope="col">{t('registrations.columns.registered')}</th>
                    <th scope="col">{t('registrations.columns.status')}</th>
                    <th scope="col">{t('registrations.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => {
                    const pending = item.status === 'pending';
                    return (
                      <tr key={item.id}>
                        <td className="select-cell">
                          {pending && (
                            <input
                              type="checkbox"
                              aria-label={t('registrations.select', { name: item.displayName, email: item.email })}
                              checked={selected.has(item.id)}
                              onChange={(event) => toggle(item.id, event.target.checked)}
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
                                onClick={() => void approveOne(item)}
                              >
                                {t('registrations.approve')}
                              </button>
                              <button
                                type="button"
                                className="button button-danger button-small"
                                disabled={busy}
                                aria-label={t('registrations.rejectOne', { name: item.displayName })}
                                onClick={() => openReject({ ids: [item.id], name: item.displayName })}
                              >
                                {t('registrations.reject')}
                              </button>
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            label={t('registrations.pagination')}
            page={page}
            pageSize={PAGE_SIZE}
            total={total}
            onPage={setPage}
          />
        </>
      )}
      {!list.data && list.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}

      <Dialog
        open={rejecting !== null}
        title={
          rejecting?.name && rejecting.ids.length === 1
            ? t('registrations.rejectDialogOne', { name: rejecting.name })
            : t('registrations.rejectDialogMany', { number: formatNumber(rejecting?.ids.length ?? 0, language) })
        }
        onDismiss={closeReject}
        initialFocus={reasonRef}
        returnFocus={returnFocus}
        describedBy={`${id}-reject-intro`}
      >
        <form
          className="form"
          noValidate
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            void confirmReject();
          }}
        >
          <p id={`${id}-reject-intro`}>
            {rejecting && rejecting.ids.length > 1
              ? t('registrations.rejectIntroMany', {
                  names: rejecting.ids.map(nameOf).join(', '),
                })
              : t('registrations.rejectIntroOne')}
          </p>
          {dialogFailure && <Alert key={dialogFailure.attempt}>{dialogFailure.message}</Alert>}
          <Field
            id={`${id}-reason`}
            label={t('registrations.reason')}
            help={t('registrations.reasonHelp', { max: formatNumber(REASON_MAX, language) })}
            error={reasonError}
          >
            {(control) => (
              <textarea
                {...control}
                ref={reasonRef}
                rows={4}
                maxLength={REASON_MAX}
                required
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <p className="status-text" role="status">
            {busy && rejecting ? t('registrations.rejectingNow') : ''}
          </p>
          <div className="dialog-actions">
            <button type="submit" className="button button-danger" disabled={busy}>
              {t('registrations.confirmReject')}
            </button>
            <button type="button" className="button button-secondary" onClick={closeReject}>
              {t('dialog.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
