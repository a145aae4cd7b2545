import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { FileInput } from '../../components/FileInput';
import { useActionState } from '../../hooks/useActionState';
import { useLanguage } from '../../hooks/useLanguage';
import { useErrorText } from '../../i18n/errors';
import { formatBytes, formatDate, formatPercent } from '../../i18n/format';
import { downloadStoredFile, fileForm } from '../groups/files';
import type { Curriculum, CurriculumFile } from './types';

/** The api's limit (MAX_CURRICULUM_FILE_BYTES): checked here too, so a too large file is not sent. */
const MAX_BYTES = 200 * 1024 ** 2;

/** A curriculum's files: everyone downloads; the owner uploads (with progress) and removes. */
export function CurriculumFiles({ curriculum, onChanged }: { curriculum: Curriculum; onChanged: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api, authUpload } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ percent: number; done: boolean; name: string } | null>(null);
  const action = useActionState();
  const [removing, setRemoving] = useState<CurriculumFile | null>(null);
  const [formKey, setFormKey] = useState(0);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const fail = (error: unknown) => action.fail(errorText(error));
  const busy = progress !== null && !progress.done;

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const problem = !file
      ? t('curricula.files.fileRequired')
      : file.size > MAX_BYTES
        ? t('curricula.files.tooLarge')
        : null;
    setFileError(problem);
    if (problem || !file) {
      fileRef.current?.focus();
      return;
    }
    action.clearFailure();
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ percent: 0, done: false, name: file.name });
    try {
      await authUpload('/api/curricula/{id}/files', { id: curriculum.id }, fileForm(file), {
        onProgress: (percent) => setProgress({ percent, done: false, name: file.name }),
        signal: abort.signal,
      });
      setProgress({ percent: 100, done: true, name: file.name });
      setFormKey((value) => value + 1);
      onChanged();
    } catch (caught) {
      if (!abort.signal.aborted) {
        setProgress(null);
        fail(caught);
      }
    }
  };

  const remove = async (file: CurriculumFile) => {
    setRemoving(null);
    action.clearFailure();
    try {
      await unwrap(api.DELETE('/api/curriculum-files/{id}', { params: { path: { id: file.id } } }));
      onChanged();
    } catch (caught) {
      fail(caught);
    }
  };

  const percent = (value: number) => formatPercent(value, language);
  const spoken = progress ? Math.floor(progress.percent / 10) * 10 : 0;

  return (
    <section className="section" aria-labelledby={`${id}-files`}>
      <h2 id={`${id}-files`}>{t('curricula.files.title')}</h2>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {curriculum.files.length === 0 ? (
        <p className="empty">{t('curricula.files.none')}</p>
      ) : (
        <ul className="curriculum-files" aria-label={t('curricula.files.title')}>
          {curriculum.files.map((file) => (
            <li key={file.id} data-file={file.id}>
              <button
                type="button"
                className="button button-quiet"
                aria-label={t('curricula.files.download', { name: file.name })}
                onClick={() =>
                  void downloadStoredFile(api, '/api/curriculum-files/{id}/download-link', file.id, file.name).catch(
                    fail,
                  )
                }
              >
                <span className="file-name">{file.name}</span>
              </button>{' '}
              <span className="file-meta">
                {formatBytes(file.sizeBytes, language)} · {formatDate(file.createdAt, language)}
              </span>
              {curriculum.canEdit && (
                <>
                  {' '}
                  <button type="button" className="button button-quiet button-small" onClick={() => setRemoving(file)}>
                    {t('curricula.files.remove', { name: file.name })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {curriculum.canEdit && (
        <form key={formKey} className="form" noValidate onSubmit={(event) => void upload(event)}>
          <h3>{t('curricula.files.add')}</h3>
          <Field
            id={`${id}-file`}
            label={t('curricula.files.choose')}
            help={t('curricula.files.help')}
            error={fileError}
          >
            {(control) => <FileInput {...control} ref={fileRef} disabled={busy} onChange={() => setFileError(null)} />}
          </Field>
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('curricula.files.upload')}
            </button>
          </div>
        </form>
      )}
      {progress && (
        <div className="progress-field">
          <label htmlFor={`${id}-progress`}>{t('curricula.files.progress', { name: progress.name })}</label>
          <progress id={`${id}-progress`} max={100} value={progress.percent}>
            {percent(progress.percent)}
          </progress>
          <p className="status-text" role="status">
            {progress.done
              ? t('curricula.files.uploaded', { name: progress.name })
              : t('curricula.files.uploading', { percent: percent(spoken) })}
          </p>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('curricula.files.removeTitle')}
        body={t('curricula.files.removeConfirm', { name: removing?.name ?? '' })}
        confirmLabel={t('curricula.files.removeSubmit')}
        cancelLabel={t('curricula.form.cancel')}
        busy={false}
        failure={null}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}
