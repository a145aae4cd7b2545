import { useId, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FileInput } from '../../components/FileInput';
import { useActionState } from '../../hooks/useActionState';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { downloadStoredFile, fileForm } from './files';
import type { GroupSummary, LibraryFile } from './types';
import { useGroupErrorText } from './useGroupErrorText';

interface FileVersionsProps {
  /** The file whose versions are shown; null: the dialog is closed. */
  file: LibraryFile | null;
  group: GroupSummary;
  onClose: () => void;
  onUploaded: () => void;
}

/** A file's versions in a dialog: each one downloadable, and a new version uploaded from here. */
export function FileVersions({ file, group, onClose, onUploaded }: FileVersionsProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={file !== null}
      title={file ? t('groups.files.versionsTitle', { name: file.name }) : ''}
      onDismiss={onClose}
    >
      {file && <VersionsBody key={file.id} file={file} group={group} onUploaded={onUploaded} />}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('groups.files.close')}
        </button>
      </div>
    </Dialog>
  );
}

function VersionsBody({ file, group, onUploaded }: { file: LibraryFile; group: GroupSummary; onUploaded: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api, authUpload } = useAuth();
  const errorText = useGroupErrorText();
  const id = useId();
  const action = useActionState();
  const detail = useLoader(
    (signal) => unwrap(api.GET('/api/group-files/{id}', { params: { path: { id: file.id } }, signal })),
    [api, file.id],
  );

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const chosen = new FormData(formElement).get('file');
    if (!(chosen instanceof File) || chosen.size === 0) {
      return;
    }
    action.start();
    try {
      const updated = await authUpload(
        '/api/groups/{id}/files',
        { id: group.id },
        fileForm(chosen, { fileId: file.id }),
      );
      formElement.reset();
      action.stop(t('groups.files.versionUploaded', { version: updated.currentVersion }));
      detail.reload();
      onUploaded();
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  const versions = detail.data?.versions ?? [];
  return (
    <>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {detail.error !== null && <Alert>{errorText(detail.error)}</Alert>}
      {!detail.data && detail.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {versions.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('groups.files.versionsTitle', { name: file.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('groups.files.columns.version')}</th>
                <th scope="col">{t('groups.files.columns.size')}</th>
                <th scope="col">{t('groups.files.columns.by')}</th>
                <th scope="col">{t('groups.files.columns.date')}</th>
                <th scope="col">{t('groups.files.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.version} data-version={version.version}>
                  <th scope="row">
                    {t('groups.files.versionShort', { version: version.version })}
                    {version.version === detail.data?.currentVersion && (
                      <span className="badge"> {t('groups.files.current')}</span>
                    )}
                  </th>
                  <td>{formatBytes(version.sizeBytes, language)}</td>
                  <td>{version.uploadedByName}</td>
                  <td>{formatDateTime(version.createdAt, language)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={() =>
                        void downloadStoredFile(
                          api,
                          '/api/group-files/{id}/download-link',
                          file.id,
                          file.name,
                          version.version,
                        ).catch((caught: unknown) => action.fail(errorText(caught)))
                      }
                    >
                      {t('groups.files.downloadVersion', { name: file.name, version: version.version })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="status-text" role="status">
        {action.status}
      </p>
      {!group.archived && (
        <form className="form" onSubmit={(event) => void upload(event)}>
          <Field id={`${id}-version`} label={t('groups.files.newVersion', { name: file.name })}>
            {(control) => <FileInput {...control} name="file" required />}
          </Field>
          <div>
            <button type="submit" className="button button-secondary" disabled={action.busy}>
              {t('groups.files.uploadVersion')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
