import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap } from '../../api/client';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { byLastActivity, learnerStateOf } from '../learning/progress';
import type { LearningCourse } from '../learning/types';
import { useCourseLaunch } from '../learning/useCourseLaunch';

/** Licences whose last day falls within this many days are listed on the Secretariat's home. */
const LICENCE_WARNING_DAYS = 30;

function CourseLine({ course }: { course: LearningCourse }) {
  const { t } = useTranslation();
  const total = course.partsTotal ?? 0;
  return (
    <li>
      <Link to={`/courses/${encodeURIComponent(course.courseId)}`}>{course.title}</Link>
      {total > 0 && (
        <span className="status-text"> · {t('learning.partsDone', { done: course.partsDone ?? 0, total })}</span>
      )}
    </li>
  );
}

function LearnerHome() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const launcher = useCourseLaunch();
  const learning = useLoader(
    (signal) => unwrap(api.GET('/api/me/learning', { params: { query: { lang: language } }, signal })),
    [api, language],
  );
  const invitations = useLoader((signal) => unwrap(api.GET('/api/me/group-invitations', { signal })), [api]);
  const courses = [...(learning.data ?? [])].sort(byLastActivity);
  const inProgress = courses.filter((course) => learnerStateOf(course) === 'inProgress');
  const completed = courses.filter((course) => learnerStateOf(course) === 'completed');
  const current = inProgress[0];

  return (
    <>
      <section className="home-panel home-continue" aria-labelledby={`${id}-continue`}>
        <h2 id={`${id}-continue`}>{t('roleHome.continueHeading')}</h2>
        {learning.error !== null && <Alert key="load">{errorText(learning.error)}</Alert>}
        {!learning.data && learning.loading && (
          <p className="loading" role="status">
            {t('loading')}
          </p>
        )}
        {learning.data &&
          (current ? (
            <div className="continue-card">
              <p className="continue-title">
                <Link to={`/courses/${encodeURIComponent(current.courseId)}`}>{current.title}</Link>
              </p>
              {(current.partsTotal ?? 0) > 0 && (
                <p className="status-text">
                  {t('learning.partsDone', { done: current.partsDone ?? 0, total: current.partsTotal })}
                  {current.lastActivityAt &&
                    ` · ${t('roleHome.lastOpened', { date: formatDateTime(current.lastActivityAt, language) })}`}
                </p>
              )}
              <button
                type="button"
                className="button button-primary"
                disabled={launcher.busy !== null}
                aria-label={t('myLearningPage.actionOf.inProgress', { title: current.title })}
                onClick={() => void launcher.launch(current.courseId)}
              >
                {t('roleHome.resume')}
              </button>
              {launcher.busy && (
                <p className="status-text" role="status">
                  {t('course.launching')}
                </p>
              )}
              {launcher.failure && <Alert key={launcher.failure.attempt}>{launcher.failure.message}</Alert>}
            </div>
          ) : (
            <p className="empty">
              {t('roleHome.nothingStarted')} <Link to="/catalogue">{t('roleHome.toCatalogue')}</Link>
            </p>
          ))}
      </section>

      {learning.data && inProgress.length > 1 && (
        <section className="home-panel" aria-labelledby={`${id}-progress`}>
          <h2 id={`${id}-progress`}>{t('roleHome.inProgressHeading')}</h2>
          <ul className="home-list">
            {inProgress.slice(1).map((course) => (
              <CourseLine key={course.courseId} course={course} />
            ))}
          </ul>
          <p>
            <Link to="/my-learning?state=inProgress">{t('roleHome.allInProgress')}</Link>
          </p>
        </section>
      )}

      {learning.data && completed.length > 0 && (
        <section className="home-panel" aria-labelledby={`${id}-completed`}>
          <h2 id={`${id}-completed`}>{t('roleHome.completedHeading')}</h2>
          <ul className="home-list">
            {completed.slice(0, 5).map((course) => (
              <CourseLine key={course.courseId} course={course} />
            ))}
          </ul>
          <p>
            <Link to="/my-learning?state=completed">{t('roleHome.allCompleted')}</Link>
          </p>
        </section>
      )}

      {invitations.data && invitations.data.length > 0 && (
        <section className="home-panel" aria-labelledby={`${id}-invitations`}>
          <h2 id={`${id}-invitations`}>{t('roleHome.invitationsHeading')}</h2>
          <ul className="home-list">
            {invitations.data.map((invitation) => (
              <li key={invitation.id}>
                <Link to={`/groups/${encodeURIComponent(invitation.groupId)}`}>{invitation.groupName}</Link>
                <span className="status-text">
                  {' · '}
                  {t('roleHome.invitedOn', { date: formatDate(invitation.invitedAt, language) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function CoordinatorHome() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const pending = useLoader(
    (signal) =>
      unwrap(api.GET('/api/registrations', { params: { query: { status: 'pending', pageSize: 1 } }, signal })),
    [api],
  );
  return (
    <section className="home-panel" aria-labelledby={`${id}-registrations`}>
      <h2 id={`${id}-registrations`}>{t('roleHome.registrationsHeading')}</h2>
      {pending.error !== null && <Alert key="load">{errorText(pending.error)}</Alert>}
      {pending.data && (
        <p data-field="registrations-waiting">
          {pending.data.total === 0
            ? t('roleHome.noRegistrations')
            : t('roleHome.registrationsWaiting', {
                count: pending.data.total,
                number: formatNumber(pending.data.total, language),
              })}{' '}
          <Link to="/coordinator">{t('roleHome.toRegistrations')}</Link>
        </p>
      )}
    </section>
  );
}

function SecretariatHome() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const failed = useLoader(
    (signal) => unwrap(api.GET('/api/import-jobs', { params: { query: { state: 'failed', pageSize: 5 } }, signal })),
    [api],
  );
  const licences = useLoader((signal) => unwrap(api.GET('/api/licences', { signal })), [api]);
  const today = new Date().toISOString().slice(0, 10);
  const limit = new Date(Date.now() + LICENCE_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const ending = (licences.data ?? [])
    .filter((licence) => licence.validUntil >= today && licence.validUntil <= limit)
    .sort((a, b) => a.validUntil.localeCompare(b.validUntil));
  return (
    <>
      <section className="home-panel" aria-labelledby={`${id}-imports`}>
        <h2 id={`${id}-imports`}>{t('roleHome.failedImportsHeading')}</h2>
        {failed.error !== null && <Alert key="load">{errorText(failed.error)}</Alert>}
        {failed.data &&
          (failed.data.total === 0 ? (
            <p className="empty">{t('roleHome.noFailedImports')}</p>
          ) : (
            <>
              <ul className="home-list">
                {failed.data.items.map((job) => (
                  <li key={job.id}>
                    <span className="badge badge-job-failed">{t('roleHome.failed')}</span>{' '}
                    <span className="home-list-name">{job.fileName || job.id}</span>
                    <span className="status-text"> · {formatDateTime(job.createdAt, language)}</span>
                    {job.error && <span className="home-list-detail">{job.error}</span>}
                  </li>
                ))}
              </ul>
              <p>
                <Link to="/admin/imports">
                  {t('roleHome.allFailedImports', {
                    count: failed.data.total,
                    number: formatNumber(failed.data.total, language),
                  })}
                </Link>
              </p>
            </>
          ))}
      </section>
      <section className="home-panel" aria-labelledby={`${id}-licences`}>
        <h2 id={`${id}-licences`}>{t('roleHome.licencesHeading', { days: LICENCE_WARNING_DAYS })}</h2>
        {licences.error !== null && <Alert key="load">{errorText(licences.error)}</Alert>}
        {licences.data &&
          (ending.length === 0 ? (
            <p className="empty">{t('roleHome.noLicencesEnding')}</p>
          ) : (
            <ul className="home-list">
              {ending.map((licence) => (
                <li key={licence.id}>
                  <span className="home-list-name">
                    {licence.licenseeAdministration} ({licence.licenseeCountry})
                  </span>
                  <span className="status-text">
                    {' · '}
                    {t('roleHome.licenceEnds', { date: formatDate(licence.validUntil, language) })}
                  </span>
                </li>
              ))}
            </ul>
          ))}
        <p>
          <Link to="/admin/licences">{t('roleHome.toLicences')}</Link>
        </p>
      </section>
    </>
  );
}

/** The home of a signed-in person: what to do next, by role (docs/catalogue.md). */
export default function RoleHome() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) {
    return null;
  }
  return (
    <Page title={t('home.title')} heading={t('roleHome.heading', { name: user.displayName })} className="wide">
      <div className="role-home">
        {hasRole(user, 'coordinator', 'admin') && <CoordinatorHome />}
        {hasRole(user, 'admin') && <SecretariatHome />}
        <LearnerHome />
      </div>
    </Page>
  );
}
