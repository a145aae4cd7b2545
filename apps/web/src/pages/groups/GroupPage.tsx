import { useId, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import NotFoundPage from '../NotFoundPage';
import { fileForm, formText } from './files';
import { GroupFiles } from './GroupFiles';
import { GroupSettings } from './GroupSettings';
import { Members } from './Members';
import { PostFields } from './PostFields';
import type { GroupSummary } from './types';
import { Workshops } from './Workshops';

function NewThreadForm({ group, onCreated }: { group: GroupSummary; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { api, authUpload } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('attachment');
    setBusy(true);
    setError(null);
    try {
      const attachmentIds: string[] = [];
      if (file instanceof File && file.size > 0) {
        attachmentIds.push((await authUpload('/api/groups/{id}/files', { id: group.id }, fileForm(file))).id);
      }
      const created = await unwrap(
        api.POST('/api/groups/{id}/threads', {
          params: { path: { id: group.id } },
          body: { title: formText(form, 'title'), body: formText(form, 'body'), attachmentIds },
        }),
      );
      onCreated(created.id);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('groups.threads.new')}</h3>
      {error !== null && <Alert takeFocus>{errorText(error)}</Alert>}
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('groups.threads.subject')}</label>
        <input id={`${id}-subject`} name="title" required maxLength={200} />
      </div>
      <PostFields id={id} groupId={group.id} rows={6} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('groups.threads.start')}
      </button>
    </form>
  );
}

function Threads({ group }: { group: GroupSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const id = useId();
  const threads = useLoader(
    (signal) => unwrap(api.GET('/api/groups/{id}/threads', { params: { path: { id: group.id } }, signal })),
    [api, group.id],
  );
  return (
    <section className="section" aria-labelledby={`${id}-threads`}>
      <h2 id={`${id}-threads`}>{t('groups.threads.title')}</h2>
      {threads.error !== null && <Alert>{errorText(threads.error)}</Alert>}
      {threads.data?.length === 0 && <p className="empty">{t('groups.threads.none')}</p>}
      <ul className="thread-list" aria-label={t('groups.threads.title')}>
        {threads.data?.map((thread) => (
          <li key={thread.id} data-thread={thread.id}>
            {thread.pinned && <span className="badge">{t('groups.threads.pinned')}</span>}{' '}
            <Link to={`/threads/${thread.id}`} className="thread-title">
              {thread.title}
            </Link>{' '}
            <span className="thread-meta">
              {t('groups.threads.meta', {
                author: thread.authorName,
                count: thread.postCount,
                date: formatDateTime(thread.lastPostAt, language),
              })}
            </span>
          </li>
        ))}
      </ul>
      {!group.archived && (
        <NewThreadForm group={group} onCreated={(threadId) => void navigate(`/threads/${threadId}`)} />
      )}
    </section>
  );
}

function Group({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const group = useLoader(
    (signal) => unwrap(api.GET('/api/groups/{id}', { params: { path: { id: groupId } }, signal })),
    [api, groupId],
  );

  if (group.error instanceof ApiError && group.error.status === 404) {
    return <NotFoundPage />;
  }
  const name = group.data?.name ?? t('groups.title');
  return (
    <Page title={name} heading={name} className="wide">
      {group.error !== null && <Alert>{errorText(group.error)}</Alert>}
      {!group.data && group.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {group.data && (
        <>
          <p>
            <span className="badge">{t(`groups.kinds.${group.data.kind}`)}</span>{' '}
            <span className="badge">{t(`groups.roles.${group.data.myRole}`)}</span>
            {group.data.archived && <span className="badge">{t('groups.archived')}</span>}
          </p>
          {group.data.archived && (
            <div className="notice-box group-archived-notice" role="note">
              <p>{t('groups.archivedNotice')}</p>
            </div>
          )}
          {group.data.description && (
            <p className="group-description" lang={group.data.language}>
              {group.data.description}
            </p>
          )}
          <Threads group={group.data} />
          <Workshops group={group.data} />
          <GroupFiles group={group.data} />
          <Members group={group.data} onGroupChanged={group.reload} />
          {(group.data.myRole === 'owner' || (group.data.myRole === 'moderator' && !group.data.archived)) && (
            <GroupSettings group={group.data} onChanged={group.reload} />
          )}
        </>
      )}
    </Page>
  );
}

export default function GroupPage() {
  const { id = '' } = useParams();
  return (
    <RequireAuth>
      <Group groupId={id} />
    </RequireAuth>
  );
}
