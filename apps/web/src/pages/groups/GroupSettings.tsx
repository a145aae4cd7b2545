import { useId, useRef, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { ConfirmDialog, nextFailure, type Failure } from '../../components/ConfirmDialog';
import { formText } from './files';
import { GroupLanguageAndKind } from './GroupFields';
import type { GroupSummary } from './types';
import { useGroupErrorText } from './useGroupErrorText';

/**
 * Moderators edit the group's name, description, language, kind and whether it takes join requests;
 * the owner archives it (read-only for everyone) and unarchives it.
 */
export function GroupSettings({ group, onChanged }: { group: GroupSummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useGroupErrorText();
  const id = useId();
  const [error, setError] = useState<{ error: unknown; attempt: number } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  /** Set once archiving succeeded: the dialog then hands focus to the status, as its opener is gone. */
  const afterArchive = useRef<HTMLElement | null>(null);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await unwrap(
        api.PATCH('/api/groups/{id}', {
          params: { path: { id: group.id } },
          body: {
            name: formText(form, 'name'),
            description: formText(form, 'description'),
            language: formText(form, 'language', group.language) as GroupSummary['language'],
            kind: formText(form, 'kind', group.kind) as GroupSummary['kind'],
            openForRequests: form.get('openForRequests') === 'on',
          },
        }),
      );
      setStatus(t('groups.settings.saved'));
      onChanged();
    } catch (caught) {
      setError((previous) => ({ error: caught, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  const setArchived = async (archived: boolean) => {
    setBusy(true);
    setFailure(null);
    setError(null);
    try {
      await unwrap(api.PATCH('/api/groups/{id}', { params: { path: { id: group.id } }, body: { archived } }));
      afterArchive.current = statusRef.current;
      setConfirming(false);
      setStatus(archived ? t('groups.settings.archivedNow') : t('groups.settings.unarchivedNow'));
      onChanged();
      if (!archived) {
        statusRef.current?.focus();
      }
    } catch (caught) {
      if (archived) {
        setFailure((previous) => nextFailure(previous, errorText(caught)));
      } else {
        setError((previous) => ({ error: caught, attempt: (previous?.attempt ?? 0) + 1 }));
      }
    } finally {
      setBusy(false);
    }
  };

  const owner = group.myRole === 'owner';
  return (
    <section className="section group-settings" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('groups.settings.title')}</h2>
      {error && <Alert key={error.attempt}>{errorText(error.error)}</Alert>}
      <p ref={statusRef} className="status-text" role="status" tabIndex={-1}>
        {status}
      </p>
      {!group.archived && (
        // Keyed on the group's values, so the fields show what was saved once the group reloads.
        <form
          key={`${group.name}|${group.description}|${group.language}|${group.kind}|${group.openForRequests}`}
          className="form"
          onSubmit={(event) => void save(event)}
        >
          <Field id={`${id}-name`} label={t('groups.settings.name')}>
            {(control) => <input {...control} name="name" required maxLength={200} defaultValue={group.name} />}
          </Field>
          <Field id={`${id}-description`} label={t('groups.settings.description')} optional>
            {(control) => (
              <textarea {...control} name="description" maxLength={5000} rows={3} defaultValue={group.description} />
            )}
          </Field>
          <GroupLanguageAndKind
            id={id}
            labels={{ language: t('groups.settings.language'), kind: t('groups.settings.kind') }}
            language={group.language}
            kind={group.kind}
          />
          <div className="field field-checkbox">
            <input
              id={`${id}-open`}
              name="openForRequests"
              type="checkbox"
              defaultChecked={group.openForRequests}
              aria-describedby={`${id}-open-help`}
            />
            <label htmlFor={`${id}-open`}>{t('groups.settings.openForRequests')}</label>
            <div id={`${id}-open-help`} className="field-help">
              {t('groups.settings.openForRequestsHelp')}
            </div>
          </div>
          <div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('groups.settings.save')}
            </button>
          </div>
        </form>
      )}
      {owner && (
        <div className="group-archive">
          <h3>{group.archived ? t('groups.settings.unarchiveHeading') : t('groups.settings.archiveHeading')}</h3>
          <p>{group.archived ? t('groups.settings.unarchiveHelp') : t('groups.settings.archiveHelp')}</p>
          {group.archived ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={busy}
              onClick={() => void setArchived(false)}
            >
              {t('groups.settings.unarchive')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() => {
                setFailure(null);
                afterArchive.current = null;
                setConfirming(true);
              }}
            >
              {t('groups.settings.archive')}
            </button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('groups.settings.archiveConfirmTitle', { name: group.name })}
        body={t('groups.settings.archiveConfirmBody')}
        confirmLabel={t('groups.settings.archiveConfirm')}
        busy={busy}
        failure={failure}
        returnFocus={afterArchive}
        onConfirm={() => void setArchived(true)}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
