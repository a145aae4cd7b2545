import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, unwrapWithResponse } from '../../api/client';
import type { Schemas } from '../../api/client';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { ActionStatus } from '../../components/ActionStatus';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { LoadedList } from '../../components/LoadedList';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useActionState } from '../../hooks/useActionState';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { saveBlob } from '../../api/download';

type AuditAction = Schemas['AuditEntryView']['action'];

/** Every action code, in the order people look for them (checked against the generated type). */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'registration.approve',
  'registration.reject',
  'country.auto-approve-domains.set',
  'coordinator.appoint',
  'coordinator.end',
  'user.suspend',
  'user.reinstate',
  'user.end-sessions',
  'user.resend-verification',
  'user.left-service',
  'user.erase',
  'rtc.create',
  'rtc.update',
  'rtc-staff.appoint',
  'rtc-staff.end',
  'course.create',
  'course.update',
  'course.publish',
  'course.archive',
  'import.package',
  'import.licence',
  'import.translation',
  'licence.grant',
  'licence.revise',
  'licence.end',
  'group.create',
  'certificate.revoke',
  'certificate.reissue',
  'system.echo-job',
  'export.decisions',
  'export.learners',
  'export.licence-bundle',
  'export.xliff',
  'export.audit',
];

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Underscored<S extends string> = S extends `${infer A}.${infer B}`
  ? Underscored<`${A}_${B}`>
  : S extends `${infer A}-${infer B}`
    ? Underscored<`${A}_${B}`>
    : S;

/**
 * i18next reads dots as nesting: the codes' dots (and dashes) become underscores in the keys. The
 * type checks that every code has its key in the messages.
 */
const actionKey = (action: AuditAction) =>
  `audit.actions.${action.replace(/[.-]/g, '_')}` as `audit.actions.${Underscored<AuditAction>}`;

/** The filters as the API takes them: days (UTC) from the first to the last, both included. */
function queryOf(filters: ReturnType<typeof useUrlFilters>) {
  const from = filters.text('from');
  const to = filters.text('to');
  const action = filters.oneOf('action', AUDIT_ACTIONS);
  return {
    actorId: filters.text('actorId') || undefined,
    targetId: filters.text('targetId') || undefined,
    action: action || undefined,
    from: DAY.test(from) ? `${from}T00:00:00.000Z` : undefined,
    to: DAY.test(to) ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
  };
}

function Audit() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user, api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const filters = useUrlFilters();
  const query = queryOf(filters);
  const key = JSON.stringify(query);
  const list = useLoader(
    (signal) =>
      unwrap(
        api.GET('/api/admin/audit', {
          params: { query: { ...query, page: filters.page, pageSize: PAGE_SIZE } },
          signal,
        }),
      ),
    [api, key, filters.page],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const action = useActionState();

  const exportCsv = async () => {
    action.start(t('audit.exporting'));
    try {
      // The bearer header is needed, so a plain link cannot do: fetch, then hand the browser a Blob URL.
      const { data: blob } = await unwrapWithResponse(
        api.GET('/api/admin/audit/export.csv', {
          params: { query },
          headers: { Accept: 'text/csv' },
          parseAs: 'blob',
        }),
      );
      saveBlob(blob, 'audit.csv');
      action.stop(t('audit.exported'));
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    filters.update({
      actorId: text('actorId'),
      targetId: text('targetId'),
      action: text('action'),
      from: text('from'),
      to: text('to'),
    });
  };

  return (
    <Page title={t('audit.title')} heading={t('audit.heading')} className="wide">
      <p className="lead">{hasRole(user, 'admin') ? t('audit.leadAdmin') : t('audit.leadCoordinator')}</p>
      <form key={key} className="filters" role="search" aria-label={t('audit.filtersLabel')} onSubmit={onSubmit}>
        <Field id={`${id}-action`} label={t('audit.action')}>
          {(control) => (
            <select {...control} name="action" defaultValue={query.action ?? ''}>
              <option value="">{t('audit.allActions')}</option>
              {AUDIT_ACTIONS.map((code) => (
                <option key={code} value={code}>
                  {t(actionKey(code))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-actor`} label={t('audit.actorId')} help={t('audit.idHelp')}>
          {(control) => <input {...control} name="actorId" defaultValue={query.actorId ?? ''} maxLength={64} />}
        </Field>
        <Field id={`${id}-target`} label={t('audit.targetId')} help={t('audit.idHelp')}>
          {(control) => <input {...control} name="targetId" defaultValue={query.targetId ?? ''} maxLength={64} />}
        </Field>
        <Field id={`${id}-from`} label={t('audit.from')}>
          {(control) => <input {...control} type="date" name="from" defaultValue={filters.text('from')} />}
        </Field>
        <Field id={`${id}-to`} label={t('audit.to')}>
          {(control) => <input {...control} type="date" name="to" defaultValue={filters.text('to')} />}
        </Field>
        <div className="filters-submit">
          <button type="submit" className="button button-primary">
            {t('audit.apply')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={action.busy}
            onClick={() => void exportCsv()}
          >
            {action.busy ? t('audit.exporting') : t('audit.export')}
          </button>
        </div>
      </form>
      <ActionStatus state={action} />
      <LoadedList list={list}>
        {() => (
          <DataTable
            caption={t('audit.caption')}
            columns={[
              t('audit.columns.when'),
              t('audit.action'),
              t('audit.columns.actor'),
              t('audit.columns.target'),
              t('audit.columns.address'),
            ]}
            empty={t('audit.empty')}
            isEmpty={items.length === 0}
            count={t('audit.count', { number: formatNumber(total, language) })}
            loading={list.loading}
            paging={{ page: filters.page, pageSize: PAGE_SIZE, total, onPage: filters.setPage }}
            pagingLabel={t('audit.pagination')}
          >
            {items.map((entry) => (
              <tr key={entry.seq}>
                <td>{formatDateTime(entry.occurredAt, language)}</td>
                <th scope="row">
                  {t(actionKey(entry.action))}
                  {entry.details && (
                    <span className="person-email">
                      {Object.entries(entry.details)
                        .map(([name, value]) => `${name}: ${String(value)}`)
                        .join(' · ')}
                    </span>
                  )}
                </th>
                <td>
                  <code>{entry.actorId ?? t('audit.system')}</code>
                  {entry.actorCountry && ` (${entry.actorCountry})`}
                </td>
                <td>
                  {entry.targetType} <code>{entry.targetId}</code>
                  {entry.targetCountry && ` (${entry.targetCountry})`}
                </td>
                <td>{entry.ip ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
    </Page>
  );
}

export default function AuditPage() {
  return (
    <RequireAuth roles={['admin', 'coordinator']}>
      <Audit />
    </RequireAuth>
  );
}
