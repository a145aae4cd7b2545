import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { FileInput } from '../../components/FileInput';
import { useActionState } from '../../hooks/useActionState';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { formatBytes, formatDateTime } from '../../i18n/format';
import { FileVersions } from './FileVersions';
import { VideoPlayer } from './VideoPlayer';
import { downloadStoredFile, fileForm, formText, isPlayableVideo } from './files';
import type { Folder, GroupSummary, LibraryFile } from './types';
import { useGroupErrorText } from './useGroupErrorText';

/** The group's file library: folders with breadcrumbs, uploads into the open folder, versions, quota. */
export function GroupFiles({ group, onChanged }: { group: GroupSummary; onChanged?: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api, authUpload } = useAuth();
  const errorText = useGroupErrorText();
  const id = useId();
  const action = useActionState();
  const { busy } = action;
  /** The folders from the top of the library to the open one. */
  const [trail, setTrail] = useState<Folder[]>([]);
  const [versionsOf, setVersionsOf] = useState<LibraryFile | null>(null);
  const [playing, setPlaying] = useState<LibraryFile | null>(null);
  const folder = trail.at(-1) ?? null;
  const currentRef = useRef<HTMLSpanElement>(null);
  /** Whether the folder changed by the person's choice (then focus follows them into it). */
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) {
      moved.current = false;
      currentRef.current?.focus();
    }
  }, [folder?.id]);
  const library = useLoader(
    (signal) =>
      unwrap(
        api.GET('/api/groups/{id}/files', {
          params: { path: { id: group.id }, query: { folderId: folder?.id } },
          signal,
        }),
      ),
    [api, group.id, folder?.id],
  );
  const writable = !group.archived;
  const moderator = group.myRole !== 'member' && writable;

  /** Runs an action; a deletion removes the button that was pressed, so focus goes to its outcome. */
  const run = async (work: () => Promise<unknown>, done: string, focusOutcome = false) => {
    action.start();
    try {
      await work();
      if (focusOutcome) {
        action.succeed(done);
      } else {
        action.stop(done);
      }
      library.reload();
      onChanged?.();
      return true;
    } catch (caught) {
      action.fail(errorText(caught));
      return false;
    }
  };

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const file = new FormData(formElement).get('file');
    if (!(file instanceof File) || file.size === 0) {
      return;
    }
    const fields: Record<string, string> = folder ? { folderId: folder.id } : {};
    if (
      await run(
        () => authUpload('/api/groups/{id}/files', { id: group.id }, fileForm(file, fields)),
        t('groups.files.uploaded', { name: file.name }),
      )
    ) {
      formElement.reset();
    }
  };

  const createFolder = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = formText(new FormData(formElement), 'name').trim();
    if (
      await run(
        () =>
          unwrap(
            api.POST('/api/groups/{id}/folders', {
              params: { path: { id: group.id } },
              body: { name, ...(folder ? { parentId: folder.id } : {}) },
            }),
          ),
        t('groups.files.folderCreated', { name }),
      )
    ) {
      formElement.reset();
    }
  };

  const open = (next: Folder[]) => {
    action.clearFailure();
    action.stop('');
    moved.current = true;
    setTrail(next);
  };

  const remove = (call: () => Promise<unknown>, done: string) => run(call, done, true);

  const data = library.data;
  const used = data?.usedBytes ?? group.usedBytes;
  const quota = data?.quotaBytes ?? group.quotaBytes;
  return (
    <section className="section group-files" aria-labelledby={`${id}-files`}>
      <h2 id={`${id}-files`}>{t('groups.files.title')}</h2>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {library.error !== null && <Alert takeFocus={false}>{errorText(library.error)}</Alert>}
      <Field
        id={`${id}-quota`}
        label={t('groups.files.quota')}
        className="quota"
        help={t('groups.files.used', { used: formatBytes(used, language), quota: formatBytes(quota, language) })}
      >
        {(control) => <progress {...control} max={quota} value={used} />}
      </Field>

      <nav className="breadcrumbs" aria-label={t('groups.files.path')}>
        <ol>
          {[null, ...trail].map((step, index) => {
            const current = index === trail.length;
            const name = step?.name ?? t('groups.files.top');
            return (
              <li key={step?.id ?? 'top'}>
                {current ? (
                  <span ref={currentRef} aria-current="location" tabIndex={-1}>
                    {name}
                  </span>
                ) : (
                  <button type="button" className="link-button" onClick={() => open(trail.slice(0, index))}>
                    {name}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <p ref={action.statusRef} className="status-text" role="status" tabIndex={-1}>
        {action.status}
      </p>

      {data && data.folders.length > 0 && (
        <ul className="folder-list" aria-label={t('groups.files.folders')}>
          {data.folders.map((child) => (
            <li key={child.id} data-folder={child.id}>
              <span aria-hidden="true" className="folder-mark">
                ▸{' '}
              </span>
              <button type="button" className="link-button folder-name" onClick={() => open([...trail, child])}>
                {t('groups.files.openFolder', { name: child.name })}
              </button>
              {moderator && (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  disabled={busy}
                  onClick={() =>
                    void remove(
                      () =>
                        unwrap(
                          api.DELETE('/api/groups/{id}/folders/{folderId}', {
                            params: { path: { id: group.id, folderId: child.id } },
                          }),
                        ),
                      t('groups.files.folderDeleted', { name: child.name }),
                    )
                  }
                >
                  {t('groups.files.deleteFolder', { name: child.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data?.files.length === 0 && data.folders.length === 0 && <p className="empty">{t('groups.files.none')}</p>}
      <ul className="file-list" aria-label={t('groups.files.title')}>
        {data?.files.map((file) => (
          <li key={file.id} data-file={file.id}>
            <span className="file-name">{file.name}</span>{' '}
            <span className="file-meta">
              {formatBytes(file.sizeBytes, language)} ·{' '}
              {t('groups.files.versionShort', { version: file.currentVersion })} ·{' '}
              {formatDateTime(file.updatedAt, language)}
            </span>{' '}
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                void downloadStoredFile(api, '/api/group-files/{id}/download-link', file.id, file.name).catch(
                  (caught: unknown) => action.fail(errorText(caught)),
                )
              }
            >
              {t('groups.files.download', { name: file.name })}
            </button>
            {isPlayableVideo(file.contentType) && (
              <button type="button" className="button button-quiet" onClick={() => setPlaying(file)}>
                {t('groups.player.play', { name: file.name })}
              </button>
            )}
            <button type="button" className="button button-quiet" onClick={() => setVersionsOf(file)}>
              {t('groups.files.versions', { name: file.name })}
            </button>
            {file.canDelete && (
              <button
                type="button"
                className="button button-quiet"
                disabled={busy}
                onClick={() =>
                  void remove(
                    () => unwrap(api.DELETE('/api/group-files/{id}', { params: { path: { id: file.id } } })),
                    t('groups.files.deleted', { name: file.name }),
                  )
                }
              >
                {t('groups.files.delete', { name: file.name })}
              </button>
            )}
          </li>
        ))}
      </ul>

      {writable && (
        <div className="library-forms">
          <form className="form" onSubmit={(event) => void upload(event)}>
            <Field
              id={`${id}-upload`}
              label={t('groups.files.choose')}
              help={folder ? t('groups.files.intoFolder', { name: folder.name }) : t('groups.files.intoTop')}
            >
              {(control) => <FileInput {...control} name="file" required />}
            </Field>
            <div>
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t('groups.files.upload')}
              </button>
            </div>
          </form>
          <form className="form" onSubmit={(event) => void createFolder(event)}>
            <Field id={`${id}-folder`} label={t('groups.files.folderName')}>
              {(control) => <input {...control} name="name" required maxLength={200} />}
            </Field>
            <div>
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t('groups.files.createFolder')}
              </button>
            </div>
          </form>
        </div>
      )}

      <VideoPlayer file={playing} onClose={() => setPlaying(null)} />
      <FileVersions
        file={versionsOf}
        group={group}
        onClose={() => setVersionsOf(null)}
        onUploaded={() => {
          library.reload();
          onChanged?.();
        }}
      />
    </section>
  );
}
