import { useId, useRef, useState } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { LoadedList } from '../../components/LoadedList';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { formatNumber } from '../../i18n/format';
import { downloadAnswer } from '../groups/files';
import { useImportErrorText } from '../imports/errors';
import { formatDay } from '../../i18n/format';
import { todayUtc } from '../imports/dates';
import { licenceCourseTitle, type Licence, type LicenceRecord } from '../imports/types';
import { ConfirmDialog, nextFailure, type Failure } from '../../components/ConfirmDialog';
import { useLicenceErrorText } from './errors';
import { LicenceForm } from './LicenceForm';

type LicenceStatus = 'active' | 'upcoming' | 'expired';

function statusOf(licence: Licence, today: string): LicenceStatus {
  if (licence.validUntil < today) {
    return 'expired';
  }
  return licence.validFrom > today ? 'upcoming' : 'active';
}

function Licences() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const countries = useCountries();
  const errorText = useLicenceErrorText(useImportErrorText());
  const id = useId();
  const list = useLoader((signal) => unwrap(api.GET('/api/licences', { signal })), [api]);
  const licences = list.data ?? [];
  const [created, setCreated] = useState('');
  const createdRef = useRef<HTMLParagraphElement>(null);
  const [editing, setEditing] = useState<Licence | null>(null);
  const formHeadingRef = useRef<HTMLHeadingElement>(null);
  const [ending, setEnding] = useState<Licence | null>(null);
  const [endBusy, setEndBusy] = useState(false);
  const [endFailure, setEndFailure] = useState<Failure | null>(null);
  /** Set only once ending succeeded: focus then goes to the result, else back to the button. */
  const endedFocus = useRef<HTMLElement | null>(null);
  const licenseeOf = (licence: LicenceRecord) =>
    `${licence.licenseeAdministration} (${countries.nameOf(licence.licenseeCountry)})`;
  const announce = (message: string) => {
    setCreated(message);
    list.reload();
    window.setTimeout(() => createdRef.current?.focus(), 0);
  };

  const startEdit = (licence: Licence) => {
    setEditing(licence);
    window.setTimeout(() => formHeadingRef.current?.focus(), 0);
  };

  const endEarly = async () => {
    if (!ending) {
      return;
    }
    setEndBusy(true);
    try {
      const ended = await unwrap(
        api.POST('/api/licences/{id}/end', {
          params: { path: { id: ending.id } },
          body: { revision: ending.revision },
        }),
      );
      endedFocus.current = createdRef.current;
      setEnding(null);
      setEndFailure(null);
      if (editing?.id === ended.id) {
        setEditing(null);
      }
      announce(t('licences.endedMessage', { licensee: licenseeOf(ended), revision: ended.revision }));
    } catch (caught) {
      setEndFailure((previous) => nextFailure(previous, errorText(caught)));
    } finally {
      setEndBusy(false);
    }
  };
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadFailure, setDownloadFailure] = useState<Failure | null>(null);
  const today = todayUtc();

  const download = async (licence: Licence) => {
    setDownloading(licence.id);
    setDownloadFailure(null);
    try {
      await downloadAnswer(
        unwrap(
          api.GET('/api/licences/{id}/bundle', {
            params: { path: { id: licence.id } },
            headers: { Accept: 'application/zip' },
            parseAs: 'blob',
          }),
        ),
        `licence-${licence.licenseeCountry.toLowerCase()}-${licence.id.slice(0, 8)}-r${licence.revision}.zip`,
      );
    } catch (caught) {
      setDownloadFailure((previous) => nextFailure(previous, errorText(caught)));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Page title={t('licences.title')} heading={t('licences.heading')} className="wide">
      <p className="lead">{t('licences.intro')}</p>

      <section className="section" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('licences.listHeading')}</h2>
        <p ref={createdRef} className="status-text" role="status" tabIndex={-1}>
          {created}
        </p>
        {downloadFailure && <Alert key={downloadFailure.attempt}>{downloadFailure.message}</Alert>}
        <LoadedList list={list} errorText={errorText}>
          {() => (
            <DataTable
              caption={t('licences.caption')}
              columns={[
                t('licences.columns.licensee'),
                t('licences.columns.courses'),
                t('licences.columns.languages'),
                t('licences.columns.validity'),
                t('licences.columns.seatCap'),
                t('licences.columns.translation'),
                t('licences.columns.status'),
                t('licences.columns.revision'),
                t('licences.columns.actions'),
              ]}
              empty={t('licences.empty')}
              isEmpty={licences.length === 0}
              className="licence-table"
            >
              {licences.map((licence) => {
                const status = statusOf(licence, today);
                const licensee = licenseeOf(licence);
                return (
                  <tr key={licence.id}>
                    <th scope="row">
                      {licence.licenseeAdministration}
                      <span className="cell-detail">{countries.nameOf(licence.licenseeCountry)}</span>
                    </th>
                    <td>
                      <ul className="plain-list">
                        {licence.courses.map((course) => (
                          <li key={course.id}>
                            <Link to={`/courses/${encodeURIComponent(course.id)}`}>
                              {licenceCourseTitle(course.titles, language) || course.id}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{licence.languages.map((code) => t(`courseLanguages.${code}`)).join(', ')}</td>
                    <td>
                      {t('licences.validity', {
                        from: formatDay(licence.validFrom, language),
                        until: formatDay(licence.validUntil, language),
                      })}
                    </td>
                    <td>{licence.seatCap === null ? t('licences.noCap') : formatNumber(licence.seatCap, language)}</td>
                    <td>{licence.translationAllowed ? t('licences.yes') : t('licences.no')}</td>
                    <td>
                      <span className={`badge badge-licence-${status}`}>{t(`licences.statuses.${status}`)}</span>
                    </td>
                    <td>
                      <span>{t('licences.revision', { revision: licence.revision })}</span>
                      {licence.lastChange && (
                        <span className="cell-detail">
                          {t(`licences.changeKinds.${licence.lastChange.kind}`, {
                            date: formatDay(licence.lastChange.changedAt, language),
                          })}
                        </span>
                      )}
                    </td>
                    <td className="actions-cell">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        disabled={downloading !== null}
                        aria-label={t('licences.downloadFor', { licensee })}
                        onClick={() => void download(licence)}
                      >
                        {downloading === licence.id ? t('licences.downloading') : t('licences.download')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={t('licences.editFor', { licensee })}
                        onClick={() => startEdit(licence)}
                      >
                        {t('licences.edit')}
                      </button>
                      {status !== 'expired' && (
                        <button
                          type="button"
                          className="button button-danger button-small"
                          aria-label={t('licences.endFor', { licensee })}
                          onClick={() => {
                            endedFocus.current = null;
                            setEndFailure(null);
                            setEnding(licence);
                          }}
                        >
                          {t('licences.end')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </LoadedList>
      </section>

      <section className="section" aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`} ref={formHeadingRef} tabIndex={-1}>
          {editing
            ? t('licences.editHeading', { licensee: licenseeOf(editing), revision: editing.revision })
            : t('licences.newHeading')}
        </h2>
        <LicenceForm
          key={editing ? `${editing.id}-${editing.revision}` : 'new'}
          licence={editing ?? undefined}
          onCancel={() => {
            setEditing(null);
            window.setTimeout(() => formHeadingRef.current?.focus(), 0);
          }}
          onDone={(licence) => {
            if (editing) {
              setEditing(null);
              announce(t('licences.saved', { licensee: licenseeOf(licence), revision: licence.revision }));
            } else {
              announce(t('licences.created', { licensee: licenseeOf(licence) }));
            }
          }}
        />
      </section>

      <ConfirmDialog
        open={ending !== null}
        title={t('licences.endTitle')}
        body={ending ? t('licences.endBody', { licensee: licenseeOf(ending) }) : ''}
        confirmLabel={endBusy ? t('licences.ending') : t('licences.endConfirm')}
        busy={endBusy}
        failure={endFailure}
        returnFocus={endedFocus}
        onConfirm={() => void endEarly()}
        onCancel={() => setEnding(null)}
      />
    </Page>
  );
}

export default function LicencesPage() {
  return (
    <RequireAuth roles={['admin']}>
      <Licences />
    </RequireAuth>
  );
}
