import { useId, type FormEvent } from 'react';
import { unwrap, type ApiClient } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useActionState } from '../../hooks/useActionState';
import { useLoader } from '../../hooks/useLoader';
import { formText } from './files';
import type { GroupSummary, Workshop, WorkshopPhase } from './types';
import { useGroupErrorText } from './useGroupErrorText';

/** Folders visited at most when listing the whole library for a choice (a group's library is small). */
const MAX_FOLDERS = 200;

interface LibraryEntry {
  id: string;
  /** Folder path and name, e.g. "Module 3 / draft.pdf". */
  label: string;
}

/** Every file of the library with its folder path, walking folders breadth first. */
async function wholeLibrary(api: ApiClient, groupId: string, signal: AbortSignal): Promise<LibraryEntry[]> {
  const entries: LibraryEntry[] = [];
  const queue: Array<{ id: string | null; path: string }> = [{ id: null, path: '' }];
  for (let visited = 0; queue.length > 0 && visited < MAX_FOLDERS; visited++) {
    const { id, path } = queue.shift()!;
    const library = await unwrap(
      api.GET('/api/groups/{id}/files', {
        params: { path: { id: groupId }, query: { folderId: id ?? undefined } },
        signal,
      }),
    );
    for (const file of library.files) {
      entries.push({ id: file.id, label: `${path}${file.name}` });
    }
    for (const folder of library.folders) {
      queue.push({ id: folder.id, path: `${path}${folder.name} / ` });
    }
  }
  return entries;
}

/** The IANA zones the browser knows, offered as suggestions (any zone the server knows is accepted). */
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export function TimeZoneSuggestions({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {TIME_ZONES.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

/** The browser's own zone, offered first when scheduling. */
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A workshop's fields, empty for a new one (in the browser's zone) or filled to edit one. */
export function WorkshopFields({ id, workshop }: { id: string; workshop?: Workshop }) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={`${id}-title`} label={t('groups.workshops.fields.title')}>
        {(control) => <input {...control} name="title" required maxLength={200} defaultValue={workshop?.title} />}
      </Field>
      {workshop && (
        <Field id={`${id}-description`} label={t('groups.workshops.fields.description')} optional>
          {(control) => (
            <textarea {...control} name="description" rows={3} maxLength={5000} defaultValue={workshop.description} />
          )}
        </Field>
      )}
      <Field id={`${id}-start`} label={t('groups.workshops.fields.start')}>
        {(control) => <input {...control} name="start" type="datetime-local" required defaultValue={workshop?.start} />}
      </Field>
      <Field id={`${id}-end`} label={t('groups.workshops.fields.end')}>
        {(control) => <input {...control} name="end" type="datetime-local" required defaultValue={workshop?.end} />}
      </Field>
      <Field
        id={`${id}-zone`}
        label={t('groups.workshops.fields.timeZone')}
        help={t('groups.workshops.fields.timeZoneHelp')}
      >
        {(control) => (
          <input
            {...control}
            name="timeZone"
            required
            maxLength={64}
            defaultValue={workshop?.timeZone ?? LOCAL_ZONE}
            list={`${id}-zones`}
            autoComplete="off"
          />
        )}
      </Field>
      <TimeZoneSuggestions id={`${id}-zones`} />
      <Field id={`${id}-url`} label={t('groups.workshops.fields.meetingUrl')} optional>
        {(control) => (
          <input {...control} name="meetingUrl" type="url" maxLength={2000} defaultValue={workshop?.meetingUrl} />
        )}
      </Field>
    </>
  );
}

/** Changes a workshop's title, description, times, time zone and meeting link. */
export function EditWorkshopDialog({
  workshop,
  onClose,
  onSaved,
}: {
  workshop: Workshop | null;
  onClose: () => void;
  onSaved: (workshop: Workshop) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={workshop !== null}
      title={workshop ? t('groups.workshops.editTitle', { title: workshop.title }) : ''}
      onDismiss={onClose}
    >
      {workshop && <EditWorkshopForm key={workshop.id} workshop={workshop} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditWorkshopForm({
  workshop,
  onClose,
  onSaved,
}: {
  workshop: Workshop;
  onClose: () => void;
  onSaved: (workshop: Workshop) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useGroupErrorText();
  const id = useId();
  const action = useActionState();

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const meetingUrl = formText(form, 'meetingUrl').trim();
    action.start();
    try {
      const saved = await unwrap(
        api.PATCH('/api/workshops/{id}', {
          params: { path: { id: workshop.id } },
          body: {
            title: formText(form, 'title'),
            description: formText(form, 'description'),
            start: formText(form, 'start'),
            end: formText(form, 'end'),
            timeZone: formText(form, 'timeZone').trim(),
            // Empty removes the link.
            meetingUrl,
          },
        }),
      );
      onSaved(saved);
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <form className="form" onSubmit={(event) => void save(event)}>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      <WorkshopFields id={id} workshop={workshop} />
      <div className="dialog-actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('groups.workshops.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('dialog.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Links a library file (from any folder) to a workshop as material for before or after it. */
export function AddMaterialDialog({
  workshop,
  group,
  onClose,
  onLinked,
}: {
  workshop: Workshop | null;
  group: GroupSummary;
  onClose: () => void;
  onLinked: (workshop: Workshop) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={workshop !== null}
      title={workshop ? t('groups.workshops.addMaterialTitle', { title: workshop.title }) : ''}
      onDismiss={onClose}
    >
      {workshop && (
        <AddMaterialForm key={workshop.id} workshop={workshop} group={group} onClose={onClose} onLinked={onLinked} />
      )}
    </Dialog>
  );
}

function AddMaterialForm({
  workshop,
  group,
  onClose,
  onLinked,
}: {
  workshop: Workshop;
  group: GroupSummary;
  onClose: () => void;
  onLinked: (workshop: Workshop) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useGroupErrorText();
  const id = useId();
  const action = useActionState();
  const files = useLoader((signal) => wholeLibrary(api, group.id, signal), [api, group.id]);
  const linked = new Set(workshop.materials.map((material) => material.fileId));
  const choices = files.data?.filter((entry) => !linked.has(entry.id));

  const link = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    action.start();
    try {
      const saved = await unwrap(
        api.PUT('/api/workshops/{id}/materials/{fileId}', {
          params: { path: { id: workshop.id, fileId: formText(form, 'fileId') } },
          body: { phase: formText(form, 'phase', 'before') as WorkshopPhase },
        }),
      );
      onLinked(saved);
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <form className="form" onSubmit={(event) => void link(event)}>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {files.error !== null && <Alert>{errorText(files.error)}</Alert>}
      {!files.data && files.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {choices?.length === 0 && <p className="empty">{t('groups.workshops.noFiles')}</p>}
      {choices && choices.length > 0 && (
        <>
          <Field id={`${id}-file`} label={t('groups.workshops.materialFile')}>
            {(control) => (
              <select {...control} name="fileId" required>
                {choices.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="choice-group">
            <legend>{t('groups.workshops.materialPhase')}</legend>
            {(['before', 'after'] as const).map((phase) => (
              <div key={phase} className="field-checkbox">
                <input
                  id={`${id}-${phase}`}
                  type="radio"
                  name="phase"
                  value={phase}
                  defaultChecked={phase === 'before'}
                />
                <label htmlFor={`${id}-${phase}`}>{t(`groups.workshops.phaseChoices.${phase}`)}</label>
              </div>
            ))}
          </fieldset>
        </>
      )}
      <div className="dialog-actions">
        <button type="submit" className="button button-primary" disabled={action.busy || !choices?.length}>
          {t('groups.workshops.link')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('dialog.cancel')}
        </button>
      </div>
    </form>
  );
}
