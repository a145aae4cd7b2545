import { useId, useState } from 'react';
import { unwrap } from '../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { COURSE_LANGUAGES, type CourseStatus } from '../api/types';
import { ApiError } from '../auth/api';
import { hasRole, useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { ActionStatus } from '../components/ActionStatus';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Page } from '../components/Page';
import { useActionState } from '../hooks/useActionState';
import { useLanguage } from '../hooks/useLanguage';
import { useLoader } from '../hooks/useLoader';
import { useTopics } from '../hooks/useTopics';
import { useErrorText } from '../i18n/errors';
import { formatDateTime, formatNumber } from '../i18n/format';
import { CourseForm } from './catalogue/CourseForm';
import { formatHours } from './catalogue/format';
import { CourseFacts } from './catalogue/CourseFacts';
import { PackageUpload } from './catalogue/PackageUpload';
import { publishChecklist, PublishChecklistDialog, type MissingPart } from './catalogue/PublishChecklist';
import { CertificateLink, useMyCertificates } from './learning/CertificateLink';
import { XliffExport } from './imports/XliffExport';
import { completionKey, formatDuration, formatScore, successKey } from './learning/types';

const STATUS_DONE: Record<CourseStatus, 'course.published' | 'course.archived' | 'course.drafted'> = {
  published: 'course.published',
  archived: 'course.archived',
  draft: 'course.drafted',
};

function CourseView({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api, user } = useAuth();
  const errorText = useErrorText();
  const topics = useTopics();
  const id = useId();
  const isAdmin = hasRole(user, 'admin');
  // Visitors see a published course while the catalogue is public (PUBLIC_CATALOGUE), and sign in to start.
  const signedIn = user !== null;
  const location = useLocation();
  const detail = useLoader(
    (signal) =>
      unwrap(api.GET('/api/courses/{id}', { params: { path: { id: courseId }, query: { lang: language } }, signal })),
    [api, courseId, language],
  );
  const course = detail.data?.id === courseId ? detail.data : undefined;
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const learning = useLoader(
    (signal) => (signedIn ? unwrap(api.GET('/api/me/learning', { signal })) : Promise.resolve([])),
    [api, signedIn],
  );
  const certificate = useMyCertificates(signedIn).get(courseId);
  const progress = learning.data?.find((entry) => entry.courseId === courseId);
  const progressKey = completionKey(progress?.completionStatus);
  // After a failure the main action is a new attempt of the part that failed (docs/course-results.md).
  const failedItem =
    progress?.successStatus === 'failed'
      ? progress.items.find((item) => item.successStatus === 'failed')?.itemId
      : undefined;
  const attempts = useLoader(
    (signal) =>
      signedIn
        ? unwrap(api.GET('/api/me/learning/{courseId}/attempts', { params: { path: { courseId } }, signal }))
        : Promise.resolve([]),
    [api, courseId, signedIn],
  );
  const [launching, setLaunching] = useState(false);
  const [launchFailure, setLaunchFailure] = useState<{ message: string; attempt: number } | null>(null);

  const launch = async (newAttempt: boolean, itemId?: string) => {
    if (!course) {
      return;
    }
    setLaunching(true);
    setLaunchFailure(null);
    try {
      const packaged = course.packages.some((pkg) => pkg.language === language);
      const answer = await unwrap(
        api.POST('/api/courses/{courseId}/launch', {
          params: { path: { courseId } },
          body: {
            ...(packaged ? { language } : {}),
            ...(newAttempt ? { newAttempt: true } : {}),
            ...(itemId ? { itemId } : {}),
          },
        }),
      );
      const target = new URL(answer.launchUrl, window.location.href);
      // The player is a page of this app: the token stays in the fragment.
      void navigate(`${target.pathname}${target.hash}`);
    } catch (caught) {
      setLaunchFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
      setLaunching(false);
    }
  };

  const action = useActionState();
  const [archiving, setArchiving] = useState(false);
  const [checking, setChecking] = useState<MissingPart[] | null>(null);

  // The text in the interface language, else in another one the course has.
  const text =
    course &&
    [language, ...COURSE_LANGUAGES]
      .map((code) => course.texts.find((entry) => entry.language === code && entry.title))
      .find(Boolean);
  const title = course ? text?.title || course.title : '';
  const description = course ? (text ? text.description : course.description) : '';
  const hours = course ? formatHours(course.estimatedHours, language) : null;

  const changeStatus = async (next: CourseStatus) => {
    setArchiving(false);
    action.start(t('course.changing'));
    try {
      await unwrap(api.PATCH('/api/courses/{id}', { params: { path: { id: courseId } }, body: { status: next } }));
      action.succeed(t(STATUS_DONE[next]));
      detail.reload();
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  // Publishing asks first when the course lacks a topic, a description or texts in other languages.
  const publish = () => {
    const missing = course ? publishChecklist(course) : [];
    if (missing.length > 0) {
      setChecking(missing);
    } else {
      void changeStatus('published');
    }
  };

  const notFound = detail.error instanceof ApiError && detail.error.status === 404;
  const signInNeeded = !signedIn && detail.error instanceof ApiError && detail.error.status === 401;
  const signInLink = (label: string) => (
    <Link to="/sign-in" state={{ from: location.pathname }} className="button button-primary">
      {label}
    </Link>
  );
  return (
    <Page title={title || t('course.title')} heading={title || t('course.title')} className="wide">
      <p>
        <Link to="/catalogue">{t('course.back')}</Link>
      </p>
      {signInNeeded && <p className="notice-box">{signInLink(t('publicCatalogue.signInToSee'))}</p>}
      {detail.error !== null && !signInNeeded && (
        <Alert key="load">{notFound ? t('course.notFound') : errorText(detail.error)}</Alert>
      )}
      {!course && detail.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {course && (
        <>
          <CourseFacts
            className="facts course-facts-detail"
            topicName={topics.nameOf(course.topic)}
            hours={hours}
            languages={course.languages}
            status={isAdmin ? course.status : undefined}
          />

          <section className="section" aria-labelledby={`${id}-description`}>
            <h2 id={`${id}-description`}>{t('course.description')}</h2>
            {description ? (
              <p className="course-description" lang={text && text.language !== language ? text.language : undefined}>
                {description}
              </p>
            ) : (
              <p className="empty">{t('course.noDescription')}</p>
            )}
            <div className="start">
              {course.packages.length === 0 ? null : !signedIn ? (
                <div className="actions">
                  {signInLink(t('publicCatalogue.signInToStart'))}
                  <Link to="/register" className="button button-secondary">
                    {t('publicCatalogue.createAccount')}
                  </Link>
                </div>
              ) : (
                <div className="actions">
                  {failedItem ? (
                    <>
                      <p className="lead" id={`${id}-failed`}>
                        {t('course.failedLead')}
                      </p>
                      <button
                        type="button"
                        className="button button-primary"
                        aria-describedby={`${id}-failed`}
                        disabled={launching || learning.loading}
                        onClick={() => void launch(true, failedItem)}
                      >
                        {t('course.tryAgain')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={launching || learning.loading}
                        onClick={() => void launch(false)}
                      >
                        {progressKey === 'completed' ? t('course.review') : t('course.resume')}
                      </button>
                    </>
                  ) : progressKey === 'completed' ? (
                    <>
                      <button
                        type="button"
                        className="button button-primary"
                        disabled={launching || learning.loading}
                        onClick={() => void launch(false)}
                      >
                        {t('course.review')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={launching || learning.loading}
                        onClick={() => void launch(true)}
                      >
                        {t('course.newAttempt')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={launching || learning.loading}
                      onClick={() => void launch(false)}
                    >
                      {progressKey === 'incomplete' ? t('course.resume') : t('course.start')}
                    </button>
                  )}
                </div>
              )}
              {progress && (progress.partsTotal ?? 0) > 0 && (
                <p className="status-text" data-field="parts">
                  {t('learning.partsDone', { done: progress.partsDone ?? 0, total: progress.partsTotal })}
                  {' · '}
                  {t(`learning.completionStatuses.${progressKey}`)}
                  {' · '}
                  {t(`learning.successStatuses.${successKey(progress.successStatus)}`)}
                </p>
              )}
              {launching && (
                <p className="status-text" role="status">
                  {t('course.launching')}
                </p>
              )}
              {launchFailure && <Alert key={launchFailure.attempt}>{launchFailure.message}</Alert>}
              {certificate && (
                <div className="course-certificate" data-field="certificate">
                  <p>{t('myLearningPage.certificateHere')}</p>
                  <CertificateLink certificate={certificate} title={title} />
                </div>
              )}
            </div>
          </section>

          {attempts.data && attempts.data.length > 0 && (
            <section className="section" aria-labelledby={`${id}-attempts`}>
              <h2 id={`${id}-attempts`}>{t('course.attemptsHeading')}</h2>
              <div className="table-wrap">
                <table className="learning-items course-attempts">
                  <caption>{t('course.attemptsCaption', { title })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('course.attemptPart')}</th>
                      <th scope="col">{t('course.attemptNumber')}</th>
                      <th scope="col">{t('course.attemptStarted')}</th>
                      <th scope="col">{t('learning.completion')}</th>
                      <th scope="col">{t('course.attemptResult')}</th>
                      <th scope="col">{t('learning.score')}</th>
                      <th scope="col">{t('learning.time')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {attempts.data.map((entry) => (
                      <tr key={entry.attemptId} data-attempt={entry.attemptId}>
                        <th scope="row">
                          <span lang={entry.language ?? undefined}>{entry.title}</span>
                        </th>
                        <td>{formatNumber(entry.number, language)}</td>
                        <td>{formatDateTime(entry.startedAt, language)}</td>
                        <td>{t(`learning.completionStatuses.${completionKey(entry.completionStatus)}`)}</td>
                        <td>{t(`learning.successStatuses.${successKey(entry.successStatus)}`)}</td>
                        <td>{formatScore(entry.scoreScaled, language) ?? t('learning.noScore')}</td>
                        <td>
                          {entry.timeMeasured
                            ? t('learning.measuredTime', { time: formatDuration(entry.totalTimeSeconds, language) })
                            : formatDuration(entry.totalTimeSeconds, language)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}

          <section className="section" aria-labelledby={`${id}-packages`}>
            <h2 id={`${id}-packages`}>{t('course.packagesHeading')}</h2>
            {course.packages.length === 0 ? (
              <p className="empty">{t('course.noPackages')}</p>
            ) : (
              course.packages.map((pkg) => {
                const packageLanguage = t(`courseLanguages.${pkg.language}`);
                return (
                  <div key={pkg.id} className="package">
                    <h3>
                      {t('course.package', {
                        language: packageLanguage,
                        version: typeof pkg.version === 'number' ? formatNumber(pkg.version, language) : pkg.version,
                      })}
                    </h3>
                    <p className="package-standard">
                      {t('course.standard', {
                        standard: [pkg.standard, pkg.edition].filter(Boolean).join(' '),
                      })}
                    </p>
                    <ul className="package-items" aria-label={t('course.items', { language: packageLanguage })}>
                      {pkg.items.map((item) => (
                        <li key={item.id}>
                          <span className={`badge badge-item-${item.type}`}>{t(`course.types.${item.type}`)}</span>{' '}
                          <span lang={pkg.language}>{item.title}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })
            )}
          </section>

          {isAdmin && (
            <>
              <section className="section" aria-labelledby={`${id}-manage`}>
                <h2 id={`${id}-manage`}>{t('course.manageHeading')}</h2>
                <p>{t('course.statusNow', { status: t(`courseStatuses.${course.status}`) })}</p>
                <div className="actions">
                  {course.status !== 'published' && (
                    <button type="button" className="button button-primary" disabled={action.busy} onClick={publish}>
                      {t('course.publish')}
                    </button>
                  )}
                  {course.status !== 'draft' && (
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={action.busy}
                      onClick={() => void changeStatus('draft')}
                    >
                      {t('course.toDraft')}
                    </button>
                  )}
                  {course.status !== 'archived' && (
                    <button
                      type="button"
                      className="button button-danger"
                      disabled={action.busy}
                      onClick={() => setArchiving(true)}
                    >
                      {t('course.archive')}
                    </button>
                  )}
                </div>
                <ActionStatus state={action} />
              </section>

              <section className="section" aria-labelledby={`${id}-edit`}>
                <h2 id={`${id}-edit`}>{t('course.editHeading')}</h2>
                <CourseForm key={course.id} course={course} onSaved={() => detail.reload()} />
              </section>

              <section className="section" aria-labelledby={`${id}-upload`}>
                <h2 id={`${id}-upload`}>{t('course.uploadHeading')}</h2>
                <p>{t('course.uploadIntro')}</p>
                <PackageUpload
                  courseId={course.id}
                  onFinished={(job) => job.state === 'completed' && detail.reload()}
                />
              </section>

              <section className="section" aria-labelledby={`${id}-xliff`}>
                <h2 id={`${id}-xliff`}>{t('course.xliffHeading')}</h2>
                <p>{t('course.xliffIntro')}</p>
                <XliffExport key={course.id} course={course} preset={params.get('xliff')} />
                <p>
                  <Link to="/admin/imports?section=translations">{t('course.xliffImportLink')}</Link>
                </p>
              </section>

              <PublishChecklistDialog
                open={checking !== null}
                title={title}
                missing={checking ?? []}
                onConfirm={() => {
                  setChecking(null);
                  void changeStatus('published');
                }}
                onCancel={() => setChecking(null)}
              />
              <ConfirmDialog
                open={archiving}
                title={t('course.archiveTitle')}
                body={t('course.archiveBody', { title })}
                confirmLabel={t('course.confirmArchive')}
                busy={false}
                failure={null}
                onConfirm={() => void changeStatus('archived')}
                onCancel={() => setArchiving(false)}
              />
            </>
          )}
        </>
      )}
    </Page>
  );
}

function CourseRoute() {
  const { id = '' } = useParams();
  return <CourseView key={id} courseId={id} />;
}

export default function CoursePage() {
  const { t } = useTranslation();
  const { status } = useAuth();
  if (status === 'restoring') {
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  }
  return <CourseRoute />;
}
