import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  COURSE_LANGUAGES,
  COURSE_STATUSES,
  type CourseLanguage,
  type CourseSort,
  type CourseStatus,
  type CourseSummary,
} from '../api/types';
import { unwrap } from '../api/client';
import { hasRole, useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { Pagination } from '../components/Pagination';
import { useLanguage } from '../hooks/useLanguage';
import { useLoader } from '../hooks/useLoader';
import { useTopics } from '../hooks/useTopics';
import { useErrorText } from '../i18n/errors';
import { formatNumber } from '../i18n/format';
import { formatHours, shorten } from './catalogue/format';
import { LanguageBadges } from './catalogue/LanguageBadges';

const PAGE_SIZE = 12;
const SORTS: readonly CourseSort[] = ['relevance', 'title', 'newest'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return allowed.find((entry) => entry === value) ?? '';
}

function CatalogueBrowser({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const topics = useTopics();
  const id = useId();
  const [params, setParams] = useSearchParams();

  // The filters live in the address, so that going back from a course finds the same results.
  const q = params.get('q') ?? '';
  const topic = params.get('topic') ?? '';
  const lang = oneOf<CourseLanguage>(params.get('lang'), COURSE_LANGUAGES);
  const status = isAdmin ? oneOf<CourseStatus>(params.get('status'), COURSE_STATUSES) : '';
  const sort = oneOf<CourseSort>(params.get('sort'), SORTS);
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
    setParams(next, { replace: false });
  };

  const list = useLoader(
    (signal) =>
      unwrap(
        api.GET('/api/courses', {
          params: {
            query: {
              q: q.trim(),
              topic,
              lang: lang || undefined,
              status: status || undefined,
              sort: sort || undefined,
              display: language,
              page,
              pageSize: PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    [api, q, topic, lang, status, sort, language, page],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ q: draft.trim() });
  };

  return (
    <>
      {isAdmin && (
        <p className="actions">
          <Link to="/courses/new" className="button button-primary">
            {t('catalogue.newCourse')}
          </Link>
          <Link to="/admin/imports" className="button button-secondary">
            {t('catalogue.importPackage')}
          </Link>
        </p>
      )}
      <div role="search" aria-label={t('catalogue.searchLabel')}>
        <form className="filters catalogue-filters" noValidate onSubmit={onSubmit}>
          <Field id={`${id}-q`} label={t('catalogue.search')} className="field-grow">
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
          <Field id={`${id}-topic`} label={t('catalogue.topic')}>
            {(control) => (
              <select {...control} value={topic} onChange={(event) => update({ topic: event.target.value })}>
                <option value="">{t('catalogue.allTopics')}</option>
                {topics.list.map((entry) => (
                  <option key={entry.code} value={entry.code}>
                    {entry.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-lang`} label={t('catalogue.language')}>
            {(control) => (
              <select {...control} value={lang} onChange={(event) => update({ lang: event.target.value })}>
                <option value="">{t('catalogue.allLanguages')}</option>
                {COURSE_LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {t(`courseLanguages.${code}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {isAdmin && (
            <Field id={`${id}-status`} label={t('catalogue.status')}>
              {(control) => (
                <select {...control} value={status} onChange={(event) => update({ status: event.target.value })}>
                  <option value="">{t('catalogue.allStatuses')}</option>
                  {COURSE_STATUSES.map((code) => (
                    <option key={code} value={code}>
                      {t(`courseStatuses.${code}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field id={`${id}-sort`} label={t('catalogue.sort')}>
            {(control) => (
              <select
                {...control}
                value={sort || (q ? 'relevance' : 'title')}
                onChange={(event) => update({ sort: event.target.value })}
              >
                {SORTS.map((code) => (
                  <option key={code} value={code}>
                    {t(`catalogue.sorts.${code}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="filters-submit">
            <button type="submit" className="button button-primary">
              {t('catalogue.submit')}
            </button>
          </div>
        </form>
      </div>

      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      <p className="result-count" role="status">
        {list.data ? t('catalogue.count', { number: formatNumber(total, language) }) : ''}
        {list.loading && <span className="loading"> {t('loading')}</span>}
      </p>
      {list.data &&
        (items.length === 0 ? (
          <p className="empty">{t('catalogue.empty')}</p>
        ) : (
          <ul className="course-list" aria-label={t('catalogue.results')}>
            {items.map((course) => (
              <CourseCard key={course.id} course={course} topicName={topics.nameOf(course.topic)} isAdmin={isAdmin} />
            ))}
          </ul>
        ))}
      {list.data && (
        <Pagination
          label={t('catalogue.pagination')}
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          onPage={(next) => update({ page: next > 1 ? String(next) : '' })}
        />
      )}
    </>
  );
}

function CourseCard({ course, topicName, isAdmin }: { course: CourseSummary; topicName: string; isAdmin: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const hours = formatHours(course.estimatedHours, language);
  return (
    <li className="course-card">
      <h2 className="course-card-title">
        <Link to={`/courses/${encodeURIComponent(course.id)}`}>{course.title}</Link>
      </h2>
      <dl className="course-facts">
        <div>
          <dt>{t('catalogue.topicLabel')}</dt>
          <dd>{topicName || t('catalogue.noTopic')}</dd>
        </div>
        {hours !== null && (
          <div>
            <dt>{t('catalogue.hoursLabel')}</dt>
            <dd>{t('catalogue.hours', { hours })}</dd>
          </div>
        )}
        <div>
          <dt>{t('catalogue.languagesLabel')}</dt>
          <dd>
            <LanguageBadges languages={course.languages} />
          </dd>
        </div>
        {isAdmin && (
          <div>
            <dt>{t('catalogue.statusLabel')}</dt>
            <dd>
              <span className={`badge badge-${course.status}`}>{t(`courseStatuses.${course.status}`)}</span>
            </dd>
          </div>
        )}
      </dl>
      {course.description && <p className="course-card-description">{shorten(course.description)}</p>}
    </li>
  );
}

export default function CataloguePage() {
  const { t } = useTranslation();
  const { status, user } = useAuth();
  return (
    <Page title={t('catalogue.title')} heading={t('catalogue.heading')} className="wide">
      <p className="lead">{t('catalogue.intro')}</p>
      {status === 'restoring' && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {status === 'signedOut' && (
        <p className="notice-box">
          {t('catalogue.signInFirst')}{' '}
          <Link to="/sign-in" state={{ from: '/catalogue' }}>
            {t('catalogue.signIn')}
          </Link>
        </p>
      )}
      {user && <CatalogueBrowser isAdmin={hasRole(user, 'admin')} />}
    </Page>
  );
}
