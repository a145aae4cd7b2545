import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../../api/client';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { Pagination } from '../../components/Pagination';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useTopics } from '../../hooks/useTopics';
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
  const id = useId();
  const [params, setParams] = useSearchParams();

  // The filters live in the address, so going back from a curriculum finds the same results.
  const q = params.get('q') ?? '';
  const country = /^[A-Z]{2}$/.test(params.get('country') ?? '') ? params.get('country')! : '';
  const topic = params.get('topic') ?? '';
  const lang = CURRICULUM_LANGUAGES.find((code) => code === params.get('lang')) ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ page: '', ...changes })) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next);
  };

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

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ q: draft.trim() });
  };

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
      <div role="search" aria-label={t('curricula.list.searchLabel')}>
        <form className="filters" noValidate onSubmit={onSubmit}>
          <Field id={`${id}-q`} label={t('curricula.list.search')} className="field-grow">
            {(control) => (
              <input
                {...control}
                type="search"
                value={draft}
                maxLength={200}
                enterKeyHint="search"
                onChange={(event) => setDraft(event.target.value)}
              />
            )}
          </Field>
          <Field id={`${id}-country`} label={t('curricula.list.country')}>
            {(control) => (
              <select {...control} value={country} onChange={(event) => update({ country: event.target.value })}>
                <option value="">{t('curricula.list.allCountries')}</option>
                {countries.list.map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {entry.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-topic`} label={t('curricula.list.topic')}>
            {(control) => (
              <select {...control} value={topic} onChange={(event) => update({ topic: event.target.value })}>
                <option value="">{t('curricula.list.allTopics')}</option>
                {topics.list.map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {entry.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-lang`} label={t('curricula.list.language')}>
            {(control) => (
              <select {...control} value={lang} onChange={(event) => update({ lang: event.target.value })}>
                <option value="">{t('curricula.list.allLanguages')}</option>
                {CURRICULUM_LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, language)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="filters-submit">
            <button type="submit" className="button button-primary">
              {t('curricula.list.submit')}
            </button>
          </div>
        </form>
      </div>

      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      <p className="result-count" role="status">
        {list.data ? t('curricula.list.count', { count: total, number: formatNumber(total, language) }) : ''}
        {list.loading && <span className="loading"> {t('loading')}</span>}
      </p>
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
          onPage={(next) => update({ page: next > 1 ? String(next) : '' })}
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
