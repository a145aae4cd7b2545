import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types';
import { NetworkError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { FileInput } from '../../components/FileInput';
import { useLanguage } from '../../hooks/useLanguage';
import { formatPercent } from '../../i18n/format';
import { useImportErrorText } from './errors';
import { JobFailure } from './JobFailure';

const POLL_MS = 1000;

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'processing'; job: ImportJob | null }
  | { kind: 'done'; job: ImportJob };

const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

export interface JobUploadProps {
  /** The api route that takes the multipart form and answers 202 {jobId}. */
  url: '/api/courses/packages' | '/api/imports/licence' | '/api/imports/translation' | '/api/registrations/import';
  fileLabel: string;
  fileHelp?: string;
  /** The file input's accept attribute. */
  accept: string;
  /** A problem with the chosen file, or null. */
  checkFile: (file: File) => string | null;
  /** The form's other fields, checked by the caller; null stops the upload (the caller shows why). */
  fields?: () => Record<string, string> | null;
  /** The form's other controls, shown before the file. */
  children?: ReactNode;
  submitLabel: string;
  completedText: string;
  anotherLabel: string;
  /** What a completed job brought, shown under its progress. */
  renderResult?: (job: ImportJob) => ReactNode;
  /** After an import ended, either way. */
  onFinished?: (job: ImportJob) => void;
  /** Disables the form (e.g. while the caller's fields load). */
  disabled?: boolean;
}

/**
 * Uploads one file to an import route, showing the upload's progress, then the import job's until it
 * ends; a failure shows the reason. The pattern of the package upload, for every kind of import.
 */
export function JobUpload(props: JobUploadProps) {
  const { t } = useTranslation();
  const uiLanguage = useLanguage();
  const { api, authUpload } = useAuth();
  const errorText = useImportErrorText();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const fail = (message: string) => setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));
  const [formKey, setFormKey] = useState(0);

  const onFinishedRef = useRef(props.onFinished);
  onFinishedRef.current = props.onFinished;
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const poll = async (jobId: string, signal: AbortSignal) => {
    for (;;) {
      const job = await unwrap(api.GET('/api/import-jobs/{id}', { params: { path: { id: jobId } }, signal }));
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
    const problem = file ? props.checkFile(file) : t('importSections.fileRequired');
    setFileError(problem);
    const fields = props.fields ? props.fields() : {};
    if (problem || !file) {
      fileRef.current?.focus();
      return;
    }
    if (fields === null) {
      return;
    }
    setFailure(null);
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setPhase({ kind: 'uploading', percent: 0 });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      form.append(name, value);
    }
    form.append('file', file, file.name);
    const onProgress = (percent: number) => setPhase({ kind: 'uploading', percent });
    try {
      // Renews an expired sign-in first, or after a 401, like every API call.
      const accepted = await authUpload(props.url, {}, form, {
        onProgress,
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
  const percent = (value: number) => formatPercent(value, uiLanguage);

  return (
    <div className="upload">
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (!busy) {
            void upload();
          }
        }}
      >
        <fieldset className="upload-fields" disabled={busy || props.disabled}>
          {props.children}
          <Field key={formKey} id={`${id}-file`} label={props.fileLabel} help={props.fileHelp} error={fileError}>
            {(control) => (
              <FileInput
                {...control}
                ref={fileRef}
                accept={props.accept}
                required
                onChange={() => setFileError(null)}
              />
            )}
          </Field>
          <div>
            <button type="submit" className="button button-primary">
              {props.submitLabel}
            </button>
          </div>
        </fieldset>
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
                  ? props.completedText
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

      {phase.kind === 'done' && phase.job.state === 'completed' && props.renderResult && (
        <div className="upload-result">{props.renderResult(phase.job)}</div>
      )}
      {phase.kind === 'done' && phase.job.state === 'failed' && <JobFailure job={phase.job} />}
      {phase.kind === 'done' && (
        <p>
          <button type="button" className="button button-secondary" onClick={reset}>
            {props.anotherLabel}
          </button>
        </p>
      )}
    </div>
  );
}
