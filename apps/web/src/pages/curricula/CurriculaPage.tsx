import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap } from '../../api/client';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { FilterForm, ResultCount } from '../../components/FilterForm';
import { Pagination } from '../../components/Pagination';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useTopics } from '../../hooks/useTopics';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useErrorText } from '../../i18n/errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { shorten } from '../catalogue/format';
import { SignedOutIntro } from '../groups/SignedOutIntro';
import { CURRICULUM_LANGUAGES, SHARING_ROLES, languageName } from './types';

const PAGE_SIZE = 10;

function Curricula() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user, api } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const topics = useTopics();
  // The filters live in the address, so going back from a curriculum finds the same results.
  const filters = useUrlFilters();
  const { q, page } = filters;
  const country = /^[A-Z]{2}$/.test(filters.text('country')) ? filters.text('country') : '';
  const topic = filters.text('topic');
  const lang = filters.oneOf('lang', CURRICULUM_LANGUAGES);

  const list = useLoader(
    (signal) =>
      unwrap(
        api.GET('/api/curricula', {
          params: { query: { q: q.trim(), country, topic, lang: lang || undefined, page, pageSize: PAGE_SIZE } },
          signal,
        }),
      ),
    [api, q, country, topic, lang, page],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <Page title={t('curricula.title')} heading={t('curricula.heading')} className="wide">
      <p className="lead">{t('curricula.lead')}</p>
      <p className="actions">
        {hasRole(user, ...SHARING_ROLES) && (
          <Link to="/curricula/new" className="button button-primary">
            {t('curricula.list.share')}
          </Link>
        )}
        <Link to="/contact-points" className="button button-secondary">
          {t('curricula.list.contactPoints')}
        </Link>
      </p>
      <FilterForm
        label={t('curricula.list.searchLabel')}
        filters={filters}
        searchLabel={t('curricula.list.search')}
        submitLabel={t('curricula.list.submit')}
        selects={[
          {
            key: 'country',
            label: t('curricula.list.country'),
            value: country,
            allLabel: t('curricula.list.allCountries'),
            options: countries.list.map((entry) => ({ value: entry.code, label: entry.name })),
          },
          {
            key: 'topic',
            label: t('curricula.list.topic'),
            value: topic,
            allLabel: t('curricula.list.allTopics'),
            options: topics.list.map((entry) => ({ value: entry.code, label: entry.name })),
          },
          {
            key: 'lang',
            label: t('curricula.list.language'),
            value: lang,
            allLabel: t('curricula.list.allLanguages'),
            options: CURRICULUM_LANGUAGES.map((code) => ({ value: code, label: languageName(code, language) })),
          },
        ]}
      />

      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      <ResultCount
        text={list.data ? t('curricula.list.count', { count: total, number: formatNumber(total, language) }) : ''}
        loading={list.loading}
        loadingText={t('loading')}
      />
      {list.data &&
        (items.length === 0 ? (
          <p className="empty">{t('curricula.list.empty')}</p>
        ) : (
          <ul className="curriculum-list" aria-label={t('curricula.list.results')}>
            {items.map((curriculum) => (
              <li key={curriculum.id} className="curriculum-card" data-curriculum={curriculum.id}>
                <h2 className="curriculum-card-title">
                  <Link to={`/curricula/${encodeURIComponent(curriculum.id)}`}>{curriculum.title}</Link>
                </h2>
                <dl className="curriculum-facts">
                  <div>
                    <dt>{t('curricula.meta.rtc')}</dt>
                    <dd>{curriculum.rtc}</dd>
                  </div>
                  <div>
                    <dt>{t('curricula.meta.country')}</dt>
                    <dd>{countries.nameOf(curriculum.country)}</dd>
                  </div>
                  <div>
                    <dt>{t('curricula.meta.languages')}</dt>
                    <dd>{curriculum.languages.map((code) => languageName(code, language)).join(', ')}</dd>
                  </div>
                  {curriculum.topics.length > 0 && (
                    <div>
                      <dt>{t('curricula.meta.topics')}</dt>
                      <dd>{curriculum.topics.map((code) => topics.nameOf(code)).join(', ')}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('curricula.meta.updated')}</dt>
                    <dd>{formatDate(curriculum.updatedAt, language)}</dd>
                  </div>
                </dl>
                {curriculum.summary && <p className="curriculum-card-summary">{shorten(curriculum.summary)}</p>}
              </li>
            ))}
          </ul>
        ))}
      {list.data && (
        <Pagination
          label={t('curricula.list.pagination')}
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          onPage={filters.setPage}
        />
      )}
    </Page>
  );
}

export default function CurriculaPage() {
  return (
    <SignedOutIntro section="curricula">
      <RequireAuth>
        <Curricula />
      </RequireAuth>
    </SignedOutIntro>
  );
}
