import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  COURSE_LANGUAGES,
  COURSE_STATUSES,
  type CourseLanguage,
  type CourseSort,
  type CourseStatus,
  type CourseSummary,
} from '../api/types';
import { unwrap } from '../api/client';
import { ApiError } from '../auth/api';
import { hasRole, useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { Page } from '../components/Page';
import { FilterForm, ResultCount } from '../components/FilterForm';
import { Pagination } from '../components/Pagination';
import { useLanguage } from '../hooks/useLanguage';
import { useLoader } from '../hooks/useLoader';
import { useTopics } from '../hooks/useTopics';
import { useUrlFilters } from '../hooks/useUrlFilters';
import { useErrorText } from '../i18n/errors';
import { formatNumber } from '../i18n/format';
import { formatHours, shorten } from './catalogue/format';
import { CourseFacts } from './catalogue/CourseFacts';
import { learnerStateOf, type LearnerState } from './learning/progress';

const PAGE_SIZE = 12;
const SORTS: readonly CourseSort[] = ['relevance', 'title', 'newest'];

function CatalogueBrowser({ isAdmin, signedIn }: { isAdmin: boolean; signedIn: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  // Where the learner stands in each course, for the cards (signed-in visitors only).
  const learning = useLoader(
    (signal) => (signedIn ? unwrap(api.GET('/api/me/learning', { signal })) : Promise.resolve([])),
    [api, signedIn],
  );
  const stateOf = (courseId: string): LearnerState | null =>
    signedIn && learning.data ? learnerStateOf(learning.data.find((entry) => entry.courseId === courseId)) : null;
  const errorText = useErrorText();
  const topics = useTopics();
  // The filters live in the address, so that going back from a course finds the same results.
  const filters = useUrlFilters();
  const { q, page } = filters;
  const topic = filters.text('topic');
  const lang = filters.oneOf<CourseLanguage>('lang', COURSE_LANGUAGES);
  const status = isAdmin ? filters.oneOf<CourseStatus>('status', COURSE_STATUSES) : '';
  const sort = filters.oneOf<CourseSort>('sort', SORTS);

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
  // PUBLIC_CATALOGUE is off on this server: visitors sign in first.
  if (!signedIn && list.error instanceof ApiError && list.error.status === 401) {
    return <SignInFirst />;
  }

  return (
    <>
      {!signedIn && (
        <p className="notice-box">
          {t('publicCatalogue.visitorNote')}{' '}
          <Link to="/sign-in" state={{ from: '/catalogue' }}>
            {t('catalogue.signIn')}
          </Link>
        </p>
      )}
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
      <FilterForm
        label={t('catalogue.searchLabel')}
        className="catalogue-filters"
        filters={filters}
        searchLabel={t('catalogue.search')}
        submitLabel={t('catalogue.submit')}
        selects={[
          {
            key: 'topic',
            label: t('catalogue.topic'),
            value: topic,
            allLabel: t('catalogue.allTopics'),
            options: topics.list.map((entry) => ({ value: entry.code, label: entry.name })),
          },
          {
            key: 'lang',
            label: t('catalogue.language'),
            value: lang,
            allLabel: t('catalogue.allLanguages'),
            options: COURSE_LANGUAGES.map((code) => ({ value: code, label: t(`courseLanguages.${code}`) })),
          },
          ...(isAdmin
            ? [
                {
                  key: 'status',
                  label: t('catalogue.status'),
                  value: status,
                  allLabel: t('catalogue.allStatuses'),
                  options: COURSE_STATUSES.map((code) => ({ value: code, label: t(`courseStatuses.${code}`) })),
                },
              ]
            : []),
          {
            key: 'sort',
            label: t('catalogue.sort'),
            value: sort || (q ? 'relevance' : 'title'),
            options: SORTS.map((code) => ({ value: code, label: t(`catalogue.sorts.${code}`) })),
          },
        ]}
      />

      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      <ResultCount
        text={list.data ? t('catalogue.count', { number: formatNumber(total, language) }) : ''}
        loading={list.loading}
        loadingText={t('loading')}
      />
      {list.data &&
        (items.length === 0 ? (
          <p className="empty">{t('catalogue.empty')}</p>
        ) : (
          <ul className="course-list" aria-label={t('catalogue.results')}>
            {items.map((course) => (
              <CourseCard
                key={course.id}
                course={course}
                topicName={topics.nameOf(course.topic)}
                isAdmin={isAdmin}
                state={stateOf(course.id)}
              />
            ))}
          </ul>
        ))}
      {list.data && (
        <Pagination
          label={t('catalogue.pagination')}
          page={page}
          pageSize={PAGE_SIZE}
          total={total}
          onPage={filters.setPage}
        />
      )}
    </>
  );
}

function CourseCard({
  course,
  topicName,
  isAdmin,
  state,
}: {
  course: CourseSummary;
  topicName: string;
  isAdmin: boolean;
  /** The learner's state in the course; null for a visitor. */
  state: LearnerState | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const hours = formatHours(course.estimatedHours, language);
  return (
    <li className="course-card">
      <h2 className="course-card-title">
        <Link to={`/courses/${encodeURIComponent(course.id)}`}>{course.title}</Link>
      </h2>
      {state && (
        <p className="course-card-state" data-state={state}>
          <span className={`badge badge-state-${state}`}>{t(`myLearningPage.states.${state}`)}</span>
        </p>
      )}
      <CourseFacts
        className="course-facts"
        topicName={topicName}
        hours={hours}
        languages={course.languages}
        status={isAdmin ? course.status : undefined}
      />
      {course.description && <p className="course-card-description">{shorten(course.description)}</p>}
    </li>
  );
}

function SignInFirst() {
  const { t } = useTranslation();
  return (
    <p className="notice-box">
      {t('catalogue.signInFirst')}{' '}
      <Link to="/sign-in" state={{ from: '/catalogue' }}>
        {t('catalogue.signIn')}
      </Link>
    </p>
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
      {/* Visitors browse the published catalogue when the server allows it (PUBLIC_CATALOGUE). */}
      {status === 'signedOut' && !user && <CatalogueBrowser isAdmin={false} signedIn={false} />}
      {user && <CatalogueBrowser isAdmin={hasRole(user, 'admin')} signedIn />}
    </Page>
  );
}
