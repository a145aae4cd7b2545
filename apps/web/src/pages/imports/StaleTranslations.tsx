import { unwrap } from '../../api/client';
import type { CourseLanguage } from '../../api/types';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { LoadedList } from '../../components/LoadedList';
import { DataTable } from '../../components/DataTable';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { formatNumber } from '../../i18n/format';
import { useImportErrorText } from './errors';
import type { StaleTranslation } from './types';
import { useCourseTitles } from './useCourseTitles';

/** Where to import a stale translation again: the package form preset, or the course's XLIFF export. */
function reimportLink(entry: StaleTranslation): string {
  if (entry.kind === 'text') {
    return `/courses/${encodeURIComponent(entry.courseId)}?xliff=${entry.sourceLanguage}-${entry.language}`;
  }
  const query = new URLSearchParams({
    section: 'translations',
    course: entry.courseId,
    language: entry.language,
    from: entry.sourceLanguage,
  });
  return `/admin/imports?${query.toString()}`;
}

/** Translations whose source changed since they were made (GET /api/translations/stale). */
export function StaleTranslations({ version }: { version: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useImportErrorText();
  const list = useLoader((signal) => unwrap(api.GET('/api/translations/stale', { signal })), [api, version]);
  const items = list.data ?? [];
  const titles = useCourseTitles(items.map((entry) => entry.courseId));
  const versionText = (value: number | null) => (value === null ? '—' : formatNumber(value, language));

  return (
    <>
      <div className="toolbar">
        <button type="button" className="button button-secondary button-small" onClick={list.reload}>
          {t('imports.refresh')}
        </button>
      </div>
      <LoadedList list={list} errorText={errorText}>
        {() => (
          <DataTable
            caption={t('staleTranslations.caption')}
            columns={[
              t('staleTranslations.columns.course'),
              t('staleTranslations.columns.what'),
              t('staleTranslations.columns.language'),
              t('staleTranslations.columns.translatedFrom'),
              t('staleTranslations.columns.currentSource'),
              t('staleTranslations.columns.action'),
            ]}
            empty={t('staleTranslations.empty')}
            isEmpty={items.length === 0}
          >
            {items.map((entry) => {
              const title = titles.get(entry.courseId) || entry.courseId;
              const target = t(`courseLanguages.${entry.language as CourseLanguage}`);
              const source = t(`courseLanguages.${entry.sourceLanguage as CourseLanguage}`);
              return (
                <tr key={`${entry.courseId}-${entry.kind}-${entry.language}`}>
                  <th scope="row">
                    <Link to={`/courses/${encodeURIComponent(entry.courseId)}`}>{title}</Link>
                  </th>
                  <td>{t(`staleTranslations.kinds.${entry.kind}`)}</td>
                  <td>{target}</td>
                  <td>
                    {entry.kind === 'package'
                      ? t('staleTranslations.versionOf', {
                          language: source,
                          version: versionText(entry.sourceVersion),
                        })
                      : t('staleTranslations.textsOf', { language: source })}
                  </td>
                  <td>
                    {entry.kind === 'package'
                      ? t('staleTranslations.versionOf', {
                          language: source,
                          version: versionText(entry.currentSourceVersion),
                        })
                      : t('staleTranslations.textsChanged')}
                  </td>
                  <td>
                    <Link
                      to={reimportLink(entry)}
                      aria-label={t('staleTranslations.reimportFor', { title, language: target })}
                    >
                      {t('staleTranslations.reimport')}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </LoadedList>
    </>
  );
}
