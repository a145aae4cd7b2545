import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COURSE_LANGUAGES, type CourseLanguage, type ImportJob } from '../../api/types';
import { NetworkError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useLanguage } from '../../hooks/useLanguage';
import { useErrorText } from '../../i18n/errors';

const MAX_BYTES = 1024 ** 3;
const POLL_MS = 1000;

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'processing'; job: ImportJob | null }
  | { kind: 'done'; job: ImportJob };

const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

interface PackageUploadProps {
  /** Adds a version to this course instead of creating one. */
  courseId?: string;
  /** After an import ended, either way. */
  onFinished?: (job: ImportJob) => void;
}

/** Uploads a SCORM package, showing the upload's progress, then the import job's until it ends. */
export function PackageUpload({ courseId, onFinished }: PackageUploadProps) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  const { authJson, authUpload } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [language, setLanguage] = useState<CourseLanguage>(uiLanguage);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const fail = (message: string) => setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));
  const [formKey, setFormKey] = useState(0);

  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const poll = async (jobId: string, signal: AbortSignal) => {
    for (;;) {
      const job = await authJson<ImportJob>(`/api/import-jobs/${encodeURIComponent(jobId)}`, { signal });
      if (signal.aborted) {
        return;
      }
      if (job.state === 'completed' || job.state === 'failed') {
        setPhase({ kind: 'done', job });
        onFinishedRef.current?.(job);
        return;
      }
      setPhase({ kind: 'processing', job });
      await wait(POLL_MS);
      if (signal.aborted) {
        return;
      }
    }
  };

  const upload = async () => {
    const file = fileRef.current?.files?.[0];
    const problem = !file
      ? t('imports.fileRequired')
      : !/\.zip$/i.test(file.name)
        ? t('imports.fileNotZip')
        : file.size > MAX_BYTES
          ? t('imports.fileTooLarge')
          : null;
    setFileError(problem);
    if (problem || !file) {
      fileRef.current?.focus();
      return;
    }
    setFailure(null);
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setPhase({ kind: 'uploading', percent: 0 });
    const form = new FormData();
    form.append('language', language);
    if (courseId) {
      form.append('courseId', courseId);
    }
    form.append('file', file, file.name);
    try {
      // Renews an expired sign-in first, or after a 401, like every API call.
      const accepted = await authUpload<{ jobId: string }>('/api/courses/packages', form, {
        onProgress: (percent) => setPhase({ kind: 'uploading', percent }),
        signal: abort.signal,
      });
      setPhase({ kind: 'processing', job: null });
      await poll(accepted.jobId, abort.signal);
    } catch (caught) {
      if (abort.signal.aborted) {
        return;
      }
      setPhase({ kind: 'idle' });
      fail(caught instanceof NetworkError ? t('imports.uploadFailed') : errorText(caught));
    }
  };

  const reset = () => {
    setPhase({ kind: 'idle' });
    setFailure(null);
    setFormKey((value) => value + 1);
  };

  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const uploadPercent = phase.kind === 'uploading' ? phase.percent : phase.kind === 'idle' ? 0 : 100;
  const job = phase.kind === 'processing' || phase.kind === 'done' ? phase.job : null;
  // Announced in steps of ten, so a screen reader is not flooded with every percent.
  const spokenUpload = Math.floor(uploadPercent / 10) * 10;
  const percent = (value: number) => new Intl.NumberFormat(uiLanguage, { style: 'percent' }).format(value / 100);

  return (
    <div className="upload">
      <form
        key={formKey}
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (!busy) {
            void upload();
          }
        }}
      >
        <Field id={`${id}-file`} label={t('imports.file')} error={fileError}>
          {(control) => (
            <input
              {...control}
              ref={fileRef}
              type="file"
              accept=".zip,application/zip"
              required
              disabled={busy}
              onChange={() => setFileError(null)}
            />
          )}
        </Field>
        <Field id={`${id}-language`} label={t('imports.language')}>
          {(control) => (
            <select
              {...control}
              value={language}
              disabled={busy}
              onChange={(event) => setLanguage(event.target.value as CourseLanguage)}
            >
              {COURSE_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`courseLanguages.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('imports.submit')}
          </button>
        </div>
      </form>

      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}

      {phase.kind !== 'idle' && (
        <div className="progress-group">
          <div className="progress-field">
            <label htmlFor={`${id}-upload-progress`}>{t('imports.uploadProgress')}</label>
            <progress id={`${id}-upload-progress`} max={100} value={uploadPercent}>
              {percent(uploadPercent)}
            </progress>
            <p className="status-text" role="status">
              {phase.kind === 'uploading'
                ? t('imports.uploading', { percent: percent(spokenUpload) })
                : t('imports.uploaded')}
            </p>
          </div>
          {phase.kind !== 'uploading' && (
            <div className="progress-field">
              <label htmlFor={`${id}-job-progress`}>{t('imports.processProgress')}</label>
              <progress id={`${id}-job-progress`} max={100} value={job?.progress ?? 0}>
                {percent(job?.progress ?? 0)}
              </progress>
              <p className="status-text" role="status">
                {job?.state === 'completed'
                  ? t('imports.completed')
                  : job?.state === 'failed'
                    ? t('imports.failed')
                    : t('imports.processing', {
                        state: t(`imports.states.${job?.state ?? 'waiting'}`),
                        percent: percent(job?.progress ?? 0),
                      })}
              </p>
            </div>
          )}
        </div>
      )}

      {phase.kind === 'done' && phase.job.state === 'completed' && (
        <div className="upload-result">
          {phase.job.result && (
            <p>
              <Link to={`/courses/${encodeURIComponent(phase.job.result.courseId)}`}>{t('imports.openCourse')}</Link>
            </p>
          )}
          {phase.job.result && phase.job.result.warnings.length > 0 && (
            <>
              <h3>{t('imports.warnings')}</h3>
              <ul className="warning-list">
                {phase.job.result.warnings.map((warning, index) => (
                  <li key={index}>{warning}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {phase.kind === 'done' && phase.job.state === 'failed' && (
        <Alert key={`job-${phase.job.id}`}>
          <p className="alert-title">{t('imports.failed')}</p>
          <p>{phase.job.error ?? t('errors.UNKNOWN')}</p>
        </Alert>
      )}
      {phase.kind === 'done' && (
        <p>
          <button type="button" className="button button-secondary" onClick={reset}>
            {t('imports.another')}
          </button>
        </p>
      )}
    </div>
  );
}
