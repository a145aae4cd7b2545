import { useId } from 'react';
import { unwrap } from '../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { Page } from '../components/Page';
import { RequireAuth } from '../components/RequireAuth';
import { useLanguage } from '../hooks/useLanguage';
import { useLoader } from '../hooks/useLoader';
import { useUrlFilters } from '../hooks/useUrlFilters';
import { useErrorText } from '../i18n/errors';
import { formatDateTime, formatNumber } from '../i18n/format';
import { CertificateLink, useMyCertificates, type MyCertificate } from './learning/CertificateLink';
import { byLastActivity, LEARNER_FILTERS, learnerStateOf, type LearnerFilter } from './learning/progress';
import { completionKey, formatDuration, formatScore, successKey, type LearningCourse } from './learning/types';
import { useCourseLaunch, type CourseLaunch } from './learning/useCourseLaunch';

function PartsDone({ course }: { course: LearningCourse }) {
  const { t } = useTranslation();
  const total = course.partsTotal ?? 0;
  if (total <= 0) {
    return null;
  }
  const done = Math.min(course.partsDone ?? 0, total);
  const text = t('learning.partsDone', { done, total });
  return (
    <div className="parts-done">
      <span data-field="parts">{text}</span>
      <progress max={total} value={done} aria-label={text} />
    </div>
  );
}

function CourseProgress({
  course,
  certificate,
  launcher,
}: {
  course: LearningCourse;
  certificate: MyCertificate | undefined;
  launcher: CourseLaunch;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const score = formatScore(course.scoreScaled, language);
  const state = learnerStateOf(course);
  const success = successKey(course.successStatus);
  return (
    <section className="learning-course" aria-labelledby={`${id}-title`} data-state={state}>
      <div className="learning-course-head">
        <h2 id={`${id}-title`}>
          <Link to={`/courses/${encodeURIComponent(course.courseId)}`}>{course.title}</Link>
        </h2>
        <p className="badge-list">
          <span className={`badge badge-state-${state}`}>{t(`myLearningPage.states.${state}`)}</span>
          {success !== 'unknown' && (
            <span className={`badge badge-success-${success}`}>{t(`learning.successStatuses.${success}`)}</span>
          )}
        </p>
      </div>
      <PartsDone course={course} />
      <dl className="facts learning-facts">
        <div>
          <dt>{t('learning.completion')}</dt>
          <dd data-field="completion">{t(`learning.completionStatuses.${completionKey(course.completionStatus)}`)}</dd>
        </div>
        <div>
          <dt>{t('learning.success')}</dt>
          <dd data-field="success">{t(`learning.successStatuses.${success}`)}</dd>
        </div>
        <div>
          <dt>{t('learning.score')}</dt>
          <dd data-field="score">{score ?? t('learning.noScore')}</dd>
        </div>
        <div>
          <dt>{t('learning.time')}</dt>
          <dd data-field="time">
            {course.timeMeasured ? (
              <span title={t('learning.measuredTimeNote')}>
                {t('learning.measuredTime', { time: formatDuration(course.totalTimeSeconds, language) })}
              </span>
            ) : (
              formatDuration(course.totalTimeSeconds, language)
            )}
          </dd>
        </div>
        {course.lastActivityAt && (
          <div>
            <dt>{t('learning.lastActivity')}</dt>
            <dd>{formatDateTime(course.lastActivityAt, language)}</dd>
          </div>
        )}
      </dl>
      <div className="actions learning-actions">
        <button
          type="button"
          className={`button ${state === 'completed' ? 'button-secondary' : 'button-primary'}`}
          disabled={launcher.busy !== null}
          aria-label={t(`myLearningPage.actionOf.${state}`, { title: course.title })}
          onClick={() => void launcher.launch(course.courseId)}
        >
          {t(`myLearningPage.action.${state}`)}
        </button>
        {certificate && <CertificateLink certificate={certificate} title={course.title} />}
      </div>
      {launcher.busy === course.courseId && (
        <p className="status-text" role="status">
          {t('course.launching')}
        </p>
      )}
      {launcher.failure?.courseId === course.courseId && (
        <Alert key={launcher.failure.attempt}>{launcher.failure.message}</Alert>
      )}
      {course.items.length > 0 && (
        // A table on wide screens; below 40rem each part stacks its cells, each with its label, so nothing
        // is cut off on a phone. The explicit roles keep the table's semantics when CSS changes its display.
        <table className="learning-items stacked-table" role="table">
          <caption>{t('learning.itemsCaption', { title: course.title })}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('learning.item')}
              </th>
              <th scope="col" role="columnheader">
                {t('learning.attempts')}
              </th>
              <th scope="col" role="columnheader">
                {t('learning.completion')}
              </th>
              <th scope="col" role="columnheader">
                {t('learning.success')}
              </th>
              <th scope="col" role="columnheader">
                {t('learning.score')}
              </th>
              <th scope="col" role="columnheader">
                {t('learning.time')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {course.items.map((item) => (
              <tr key={item.itemId} data-item={item.itemId} role="row">
                <th scope="row" role="rowheader">
                  <span lang={course.language ?? undefined}>{item.title}</span>
                </th>
                <td role="cell" data-label={t('learning.attempts')}>
                  {item.attempts}
                </td>
                <td role="cell" data-label={t('learning.completion')}>
                  {t(`learning.completionStatuses.${completionKey(item.completionStatus)}`)}
                </td>
                <td role="cell" data-label={t('learning.success')}>
                  {t(`learning.successStatuses.${successKey(item.successStatus)}`)}
                </td>
                <td role="cell" data-label={t('learning.score')}>
                  {formatScore(item.scoreScaled, language) ?? t('learning.noScore')}
                </td>
                <td role="cell" data-label={t('learning.time')}>
                  {formatDuration(item.totalTimeSeconds, language)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MyLearning() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const filters = useUrlFilters();
  const filter = filters.oneOf<LearnerFilter>('state', LEARNER_FILTERS);
  const learning = useLoader(
    (signal) => unwrap(api.GET('/api/me/learning', { params: { query: { lang: language } }, signal })),
    [api, language],
  );
  const certificates = useMyCertificates();
  const launcher = useCourseLaunch();
  const all = [...(learning.data ?? [])].sort(byLastActivity);
  const counts = {
    all: all.length,
    inProgress: all.filter((course) => learnerStateOf(course) === 'inProgress').length,
    completed: all.filter((course) => learnerStateOf(course) === 'completed').length,
  };
  const shown = filter ? all.filter((course) => learnerStateOf(course) === filter) : all;
  const choices: Array<{ value: LearnerFilter | ''; key: 'all' | LearnerFilter }> = [
    { value: '', key: 'all' },
    { value: 'inProgress', key: 'inProgress' },
    { value: 'completed', key: 'completed' },
  ];
  return (
    <Page title={t('learning.title')} heading={t('learning.heading')} className="wide">
      <p>
        <Link to="/my-learning/transcript">{t('transcript.link')}</Link>
      </p>
      {learning.error !== null && <Alert key="load">{errorText(learning.error)}</Alert>}
      {!learning.data && learning.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {learning.data && learning.data.length === 0 && (
        <p className="empty">
          {t('learning.empty')} <Link to="/catalogue">{t('learning.toCatalogue')}</Link>
        </p>
      )}
      {learning.data && learning.data.length > 0 && (
        <>
          <div className="segmented" role="group" aria-labelledby={`${id}-filter`}>
            <span id={`${id}-filter`} className="segmented-label">
              {t('myLearningPage.filterLabel')}
            </span>
            {choices.map((choice) => (
              <button
                key={choice.key}
                type="button"
                className="segmented-option"
                aria-pressed={filter === choice.value}
                onClick={() => filters.update({ state: choice.value })}
              >
                {t(`myLearningPage.filters.${choice.key}`, { number: formatNumber(counts[choice.key], language) })}
              </button>
            ))}
          </div>
          <p className="result-count" role="status">
            {t('myLearningPage.count', { count: shown.length, number: formatNumber(shown.length, language) })}
          </p>
          {shown.length === 0 && <p className="empty">{t(`myLearningPage.none.${filter || 'all'}`)}</p>}
          <div className="learning-list">
            {shown.map((course) => (
              <CourseProgress
                key={course.courseId}
                course={course}
                certificate={certificates.get(course.courseId)}
                launcher={launcher}
              />
            ))}
          </div>
        </>
      )}
    </Page>
  );
}

export default function MyLearningPage() {
  const { t } = useTranslation();
  const { status, user } = useAuth();
  const location = useLocation();
  // Visitors who are not signed in learn what the page holds, and the way in.
  if (status === 'signedOut' && !user) {
    return (
      <Page title={t('section.myLearning.title')} heading={t('section.myLearning.heading')}>
        <p className="lead">{t('section.myLearning.body')}</p>
        <p>
          <Link to="/sign-in" state={{ from: location.pathname }}>
            {t('learning.signInToSee')}
          </Link>
        </p>
      </Page>
    );
  }
  return (
    <RequireAuth>
      <MyLearning />
    </RequireAuth>
  );
}
