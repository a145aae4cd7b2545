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
import { useErrorText } from '../i18n/errors';
import { formatDateTime } from '../i18n/format';
import { completionKey, formatDuration, formatScore, successKey, type LearningCourse } from './learning/types';

function CourseProgress({ course }: { course: LearningCourse }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const score = formatScore(course.scoreScaled, language);
  return (
    <section className="learning-course" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <Link to={`/courses/${encodeURIComponent(course.courseId)}`}>
          <span lang={course.language ?? undefined}>{course.title}</span>
        </Link>
      </h2>
      <dl className="facts learning-facts">
        <div>
          <dt>{t('learning.completion')}</dt>
          <dd data-field="completion">{t(`learning.completionStatuses.${completionKey(course.completionStatus)}`)}</dd>
        </div>
        <div>
          <dt>{t('learning.success')}</dt>
          <dd data-field="success">{t(`learning.successStatuses.${successKey(course.successStatus)}`)}</dd>
        </div>
        {course.partsTotal !== undefined && course.partsTotal > 0 && (
          <div>
            <dt>{t('learning.parts')}</dt>
            <dd data-field="parts">
              {t('learning.partsDone', { done: course.partsDone ?? 0, total: course.partsTotal })}
            </dd>
          </div>
        )}
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
      {course.items.length > 0 && (
        <div className="table-wrap">
          <table className="learning-items">
            <caption>{t('learning.itemsCaption', { title: course.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learning.item')}</th>
                <th scope="col">{t('learning.attempts')}</th>
                <th scope="col">{t('learning.completion')}</th>
                <th scope="col">{t('learning.success')}</th>
                <th scope="col">{t('learning.score')}</th>
                <th scope="col">{t('learning.time')}</th>
              </tr>
            </thead>
            <tbody>
              {course.items.map((item) => (
                <tr key={item.itemId} data-item={item.itemId}>
                  <th scope="row">
                    <span lang={course.language ?? undefined}>{item.title}</span>
                  </th>
                  <td>{item.attempts}</td>
                  <td>{t(`learning.completionStatuses.${completionKey(item.completionStatus)}`)}</td>
                  <td>{t(`learning.successStatuses.${successKey(item.successStatus)}`)}</td>
                  <td>{formatScore(item.scoreScaled, language) ?? t('learning.noScore')}</td>
                  <td>{formatDuration(item.totalTimeSeconds, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MyLearning() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const learning = useLoader((signal) => unwrap(api.GET('/api/me/learning', { signal })), [api]);
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
      {learning.data?.map((course) => (
        <CourseProgress key={course.courseId} course={course} />
      ))}
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
