import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '../../api/client';
import type { BulkResult, Registration } from '../../api/types';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { LoadedList } from '../../components/LoadedList';
import { ActionStatus } from '../../components/ActionStatus';
import { nextFailure, useActionState, type Failure } from '../../hooks/useActionState';
import { useLanguage } from '../../hooks/useLanguage';
import { usePagedLoader } from '../../hooks/usePagedLoader';
import { useErrorText } from '../../i18n/errors';
import { formatNumber } from '../../i18n/format';
import type { Scope } from '../CoordinatorPage';
import { INITIAL_FILTERS, RegistrationFilters, type RegistrationFilterValues } from './RegistrationFilters';
import { RegistrationsTable } from './RegistrationsTable';
import { RejectDialog, type RejectTarget } from './RejectDialog';
import { useSelection } from './useSelection';

interface Props {
  scope: Scope;
  onDecided: () => void;
}

/** Decided meanwhile by someone else (404 / 409): nothing left to decide here. */
const isGone = (caught: unknown) => caught instanceof ApiError && (caught.status === 404 || caught.status === 409);

/** The registrations to review: filters, the list with its selection, approve and reject (one or many). */
export function RegistrationsSection({ scope, onDecided }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();

  const [filters, setFilters] = useState<RegistrationFilterValues>(INITIAL_FILTERS);
  const list = usePagedLoader(
    (page, pageSize, signal) =>
      unwrap(
        api.GET('/api/registrations', {
          params: {
            query: { status: filters.status, q: filters.q.trim(), country: filters.country, page, pageSize },
          },
          signal,
        }),
      ),
    [api, filters],
  );
  const items = list.items;
  const selection = useSelection(
    items.filter((item) => item.status === 'pending').map((item) => item.id),
    list.data,
  );
  const action = useActionState();

  const [rejecting, setRejecting] = useState<RejectTarget | null>(null);
  const [dialogFailure, setDialogFailure] = useState<Failure | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const nameOf = (userId: string) => items.find((item) => item.id === userId)?.displayName ?? userId;
  const showCountry = scope.isAdmin || scope.countries.length > 1;

  /** Ends an action: says how it went, puts focus on that message (the row may be gone), reloads. */
  const finish = (message: string) => {
    action.succeed(message);
    list.reload();
    onDecided();
  };

  const approveOne = async (registration: Registration) => {
    action.start(t('registrations.approving', { name: registration.displayName }));
    try {
      await unwrap(api.POST('/api/registrations/{userId}/approve', { params: { path: { userId: registration.id } } }));
      finish(t('registrations.approved', { name: registration.displayName }));
    } catch (caught) {
      action.fail(errorText(caught));
      if (isGone(caught)) {
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
    const ids = selection.ids;
    if (ids.length === 0) {
      return;
    }
    action.start(t('registrations.bulkApproving', { count: ids.length, number: formatNumber(ids.length, language) }));
    try {
      const result = await unwrap(api.POST('/api/registrations/bulk', { body: { action: 'approve', userIds: ids } }));
      finish(bulkSummary(result));
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  const openReject = (target: RejectTarget) => {
    setDialogFailure(null);
    returnFocus.current = null;
    setRejecting(target);
  };

  const closeReject = () => {
    setRejecting(null);
    action.stop();
  };

  const confirmReject = async (reason: string) => {
    if (!rejecting) {
      return;
    }
    setDialogFailure(null);
    const single = rejecting.ids.length === 1 && rejecting.name !== null;
    action.start(
      single
        ? t('registrations.rejecting', { name: rejecting.name })
        : t('registrations.bulkRejecting', {
            count: rejecting.ids.length,
            number: formatNumber(rejecting.ids.length, language),
          }),
    );
    try {
      let message: string;
      if (single) {
        await unwrap(
          api.POST('/api/registrations/{userId}/reject', {
            params: { path: { userId: rejecting.ids[0] } },
            body: { reason },
          }),
        );
        message = t('registrations.rejected', { name: rejecting.name });
      } else {
        const result = await unwrap(
          api.POST('/api/registrations/bulk', { body: { action: 'reject', userIds: rejecting.ids, reason } }),
        );
        message = bulkSummary(result);
      }
      returnFocus.current = action.statusRef.current;
      setRejecting(null);
      finish(message);
    } catch (caught) {
      if (isGone(caught)) {
        returnFocus.current = null;
        setRejecting(null);
        action.fail(errorText(caught));
        list.reload();
      } else {
        action.stop('');
        setDialogFailure((previous) => nextFailure(previous, errorText(caught)));
      }
    }
  };

  const selectedCount = selection.ids.length;

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('registrations.heading')}</h2>
      <RegistrationFilters
        scope={scope}
        showCountry={showCountry}
        onApply={(next) => {
          list.firstPage();
          setFilters(next);
        }}
      />

      <div className="toolbar" role="group" aria-label={t('registrations.bulkLabel')}>
        <button
          type="button"
          className="button button-primary"
          disabled={action.busy || selectedCount === 0}
          onClick={() => void approveSelected()}
        >
          {t('registrations.approveSelected', { number: formatNumber(selectedCount, language) })}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={action.busy || selectedCount === 0}
          onClick={() => openReject({ ids: selection.ids, name: null })}
        >
          {t('registrations.rejectSelected', { number: formatNumber(selectedCount, language) })}
        </button>
      </div>

      <ActionStatus state={action} />
      <LoadedList list={list}>
        {() => (
          <RegistrationsTable
            items={items}
            total={list.total}
            loading={list.loading}
            paging={list.paging}
            status={filters.status}
            showCountry={showCountry}
            busy={action.busy}
            selection={selection}
            onApprove={(registration) => void approveOne(registration)}
            onReject={(registration) => openReject({ ids: [registration.id], name: registration.displayName })}
          />
        )}
      </LoadedList>

      <RejectDialog
        target={rejecting}
        busy={action.busy}
        failure={dialogFailure}
        returnFocus={returnFocus}
        nameOf={nameOf}
        onConfirm={(reason) => void confirmReject(reason)}
        onCancel={closeReject}
      />
    </section>
  );
}
