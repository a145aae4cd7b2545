import { useId, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { useActionState } from '../../hooks/useActionState';
import { useLoader } from '../../hooks/useLoader';
import { downloadAnswer, downloadStoredFile, formText } from './files';
import type { GroupSummary, Workshop } from './types';
import { useGroupErrorText } from './useGroupErrorText';
import { AddMaterialDialog, EditWorkshopDialog, WorkshopFields } from './WorkshopDialogs';

/**
 * Scheduled sessions of a group: times in the zone they were planned in, meeting link, .ics, and
 * library files linked as material for before or after. Moderators schedule, edit and link material.
 */
export function Workshops({ group }: { group: GroupSummary }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useGroupErrorText();
  const id = useId();
  const action = useActionState();
  const fail = (caught: unknown) => action.fail(errorText(caught));
  const [editing, setEditing] = useState<Workshop | null>(null);
  const [addingTo, setAddingTo] = useState<Workshop | null>(null);
  const workshops = useLoader(
    (signal) => unwrap(api.GET('/api/groups/{id}/workshops', { params: { path: { id: group.id } }, signal })),
    [api, group.id],
  );
  const moderator = group.myRole !== 'member' && !group.archived;

  const schedule = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    action.start();
    try {
      const meetingUrl = formText(form, 'meetingUrl');
      await unwrap(
        api.POST('/api/groups/{id}/workshops', {
          params: { path: { id: group.id } },
          body: {
            title: formText(form, 'title'),
            start: formText(form, 'start'),
            end: formText(form, 'end'),
            timeZone: formText(form, 'timeZone'),
            ...(meetingUrl ? { meetingUrl } : {}),
          },
        }),
      );
      formElement.reset();
      action.stop();
      workshops.reload();
    } catch (caught) {
      fail(caught);
    }
  };

  const unlink = async (workshop: Workshop, fileId: string, name: string) => {
    action.start();
    try {
      await unwrap(
        api.DELETE('/api/workshops/{id}/materials/{fileId}', { params: { path: { id: workshop.id, fileId } } }),
      );
      action.stop(t('groups.workshops.unlinked', { name, title: workshop.title }));
      workshops.reload();
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-workshops`}>
      <h2 id={`${id}-workshops`}>{t('groups.workshops.title')}</h2>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {workshops.error !== null && <Alert>{errorText(workshops.error)}</Alert>}
      <p className="status-text" role="status">
        {action.status}
      </p>
      {workshops.data?.length === 0 && <p className="empty">{t('groups.workshops.none')}</p>}
      <ul className="workshop-list" aria-label={t('groups.workshops.title')}>
        {workshops.data?.map((workshop) => (
          <li key={workshop.id} data-workshop={workshop.id}>
            <span className="workshop-title">{workshop.title}</span>{' '}
            <span className="workshop-time">
              {t('groups.workshops.when', {
                start: workshop.start.replace('T', ' '),
                end: workshop.end.replace('T', ' '),
                zone: workshop.timeZone,
              })}
            </span>
            {workshop.meetingUrl && /^https?:\/\//i.test(workshop.meetingUrl) && (
              <>
                {' '}
                <a href={workshop.meetingUrl} rel="noopener noreferrer nofollow" target="_blank">
                  {t('groups.workshops.join')}
                </a>
              </>
            )}{' '}
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                void downloadAnswer(
                  unwrap(
                    api.GET('/api/workshops/{id}/ics', {
                      params: { path: { id: workshop.id } },
                      headers: { Accept: 'text/calendar' },
                      parseAs: 'blob',
                    }),
                  ),
                  'workshop.ics',
                ).catch(fail)
              }
            >
              {t('groups.workshops.ics', { title: workshop.title })}
            </button>
            {moderator && (
              <>
                {' '}
                <button type="button" className="button button-quiet" onClick={() => setEditing(workshop)}>
                  {t('groups.workshops.edit', { title: workshop.title })}
                </button>
                <button type="button" className="button button-quiet" onClick={() => setAddingTo(workshop)}>
                  {t('groups.workshops.addMaterial', { title: workshop.title })}
                </button>
              </>
            )}
            {workshop.materials.length > 0 && (
              <ul className="attachments" aria-label={t('groups.workshops.materials', { title: workshop.title })}>
                {workshop.materials.map((material) => (
                  <li key={material.fileId} data-material={material.fileId} data-phase={material.phase}>
                    {t('typography.label', { label: t(`groups.workshops.phases.${material.phase}`) })}{' '}
                    <button
                      type="button"
                      className="link-button file-name"
                      onClick={() =>
                        void downloadStoredFile(
                          api,
                          '/api/group-files/{id}/download-link',
                          material.fileId,
                          material.name,
                        ).catch(fail)
                      }
                    >
                      {t('groups.files.download', { name: material.name })}
                    </button>
                    {moderator && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => void unlink(workshop, material.fileId, material.name)}
                        >
                          {t('groups.workshops.unlink', { name: material.name, title: workshop.title })}
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {moderator && (
        <form className="form" onSubmit={(event) => void schedule(event)} aria-labelledby={`${id}-new`}>
          <h3 id={`${id}-new`}>{t('groups.workshops.new')}</h3>
          <WorkshopFields id={id} />
          <button type="submit" className="button button-secondary">
            {t('groups.workshops.schedule')}
          </button>
        </form>
      )}
      <EditWorkshopDialog
        workshop={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          action.stop(t('groups.workshops.saved', { title: saved.title }));
          workshops.reload();
        }}
      />
      <AddMaterialDialog
        workshop={addingTo}
        group={group}
        onClose={() => setAddingTo(null)}
        onLinked={(saved) => {
          setAddingTo(null);
          action.stop(t('groups.workshops.linked', { title: saved.title }));
          workshops.reload();
        }}
      />
    </section>
  );
}
