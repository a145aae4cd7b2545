import { useId, useState, type FormEvent } from 'react';
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
import { downloadFile, formatBytes, uploadFile, formText } from './files';
import type { GroupSummary, Library, Member, ThreadSummary } from './types';
import { Workshops } from './Workshops';

function NewThreadForm({ group, onCreated }: { group: GroupSummary; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { authJson, accessToken } = useAuth();
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
        attachmentIds.push((await uploadFile<{ id: string }>(`/api/groups/${group.id}/files`, accessToken, file)).id);
      }
      const created = await authJson<{ id: string }>(`/api/groups/${group.id}/threads`, {
        method: 'POST',
        body: { title: formText(form, 'title'), body: formText(form, 'body'), attachmentIds },
      });
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
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('groups.threads.body')}</label>
        <div id={`${id}-help`} className="field-help">
          {t('groups.threads.markdownHelp')}
        </div>
        <textarea id={`${id}-body`} name="body" required rows={6} aria-describedby={`${id}-help`} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>
          {t('groups.threads.attachment')} <span className="optional">{t('form.optional')}</span>
        </label>
        <input id={`${id}-file`} name="attachment" type="file" />
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('groups.threads.start')}
      </button>
    </form>
  );
}

function Threads({ group }: { group: GroupSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { authJson } = useAuth();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const id = useId();
  const threads = useLoader(
    (signal) => authJson<ThreadSummary[]>(`/api/groups/${group.id}/threads`, { signal }),
    [authJson, group.id],
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

function Files({ group }: { group: GroupSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { authJson, authFetch, accessToken } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const library = useLoader(
    (signal) => authJson<Library>(`/api/groups/${group.id}/files`, { signal }),
    [authJson, group.id],
  );

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const file = new FormData(formElement).get('file');
    if (!(file instanceof File) || file.size === 0) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await uploadFile(`/api/groups/${group.id}/files`, accessToken, file);
      formElement.reset();
      library.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (fileId: string) => {
    setError(null);
    try {
      await authJson(`/api/group-files/${fileId}`, { method: 'DELETE' });
      library.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-files`}>
      <h2 id={`${id}-files`}>{t('groups.files.title')}</h2>
      {error !== null && <Alert takeFocus>{errorText(error)}</Alert>}
      {library.error !== null && <Alert>{errorText(library.error)}</Alert>}
      {library.data && (
        <p className="status-text">
          {t('groups.files.used', {
            used: formatBytes(library.data.usedBytes, language),
            quota: formatBytes(library.data.quotaBytes, language),
          })}
        </p>
      )}
      {library.data?.files.length === 0 && <p className="empty">{t('groups.files.none')}</p>}
      <ul className="file-list" aria-label={t('groups.files.title')}>
        {library.data?.files.map((file) => (
          <li key={file.id} data-file={file.id}>
            <span className="file-name">{file.name}</span>{' '}
            <span className="file-meta">
              {formatBytes(file.sizeBytes, language)} · v{file.currentVersion} ·{' '}
              {formatDateTime(file.updatedAt, language)}
            </span>{' '}
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                void downloadFile(authFetch, `/api/group-files/${file.id}/download`, file.name).catch(setError)
              }
            >
              {t('groups.files.download', { name: file.name })}
            </button>
            {file.canDelete && (
              <button type="button" className="button button-quiet" onClick={() => void remove(file.id)}>
                {t('groups.files.delete', { name: file.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!group.archived && (
        <form className="form" onSubmit={(event) => void upload(event)}>
          <div className="field">
            <label htmlFor={`${id}-upload`}>{t('groups.files.choose')}</label>
            <input id={`${id}-upload`} name="file" type="file" required />
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t('groups.files.upload')}
          </button>
        </form>
      )}
    </section>
  );
}

function Members({ group }: { group: GroupSummary }) {
  const { t } = useTranslation();
  const { authJson } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const members = useLoader(
    (signal) => authJson<Member[]>(`/api/groups/${group.id}/members`, { signal }),
    [authJson, group.id],
  );
  const moderator = group.myRole !== 'member' && !group.archived;

  const act = async (path: string, method: 'POST' | 'DELETE', body?: object) => {
    setError(null);
    setNotice('');
    try {
      await authJson(path, { method, body: method === 'POST' ? (body ?? {}) : undefined });
      members.reload();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };

  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const email = formText(new FormData(formElement), 'email');
    if (await act(`/api/groups/${group.id}/invitations`, 'POST', { email })) {
      formElement.reset();
      setNotice(t('groups.members.invited', { email }));
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-members`}>
      <h2 id={`${id}-members`}>{t('groups.members.title')}</h2>
      {error !== null && <Alert takeFocus>{errorText(error)}</Alert>}
      {notice && (
        <p className="status-text" role="status">
          {notice}
        </p>
      )}
      <ul className="member-list" aria-label={t('groups.members.title')}>
        {members.data?.map((member) => (
          <li key={member.id} data-member={member.userId ?? member.email}>
            <span className="member-name">{member.displayName}</span>{' '}
            <span className="badge">
              {member.state === 'active'
                ? t(`groups.roles.${member.role}`)
                : t(`groups.members.states.${member.state}`)}
            </span>
            {moderator && member.state === 'requested' && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void act(`/api/group-join-requests/${member.id}/approve`, 'POST')}
              >
                {t('groups.members.approve', { name: member.displayName })}
              </button>
            )}
            {moderator && member.role !== 'owner' && member.role !== 'moderator' && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void act(`/api/groups/${group.id}/members/${member.id}`, 'DELETE')}
              >
                {t('groups.members.remove', { name: member.displayName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {moderator && (
        <form className="form" onSubmit={(event) => void invite(event)}>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('groups.members.inviteEmail')}</label>
            <input id={`${id}-email`} name="email" type="email" required maxLength={254} />
          </div>
          <button type="submit" className="button button-secondary">
            {t('groups.members.invite')}
          </button>
        </form>
      )}
    </section>
  );
}

function Group({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { authJson } = useAuth();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const group = useLoader(
    (signal) => authJson<GroupSummary>(`/api/groups/${groupId}`, { signal }),
    [authJson, groupId],
  );

  if (group.error instanceof ApiError && group.error.status === 404) {
    return <NotFoundPage />;
  }
  const leave = async () => {
    try {
      await authJson(`/api/groups/${groupId}/leave`, { method: 'POST', body: {} });
      await navigate('/groups');
    } catch (caught) {
      setError(caught);
    }
  };
  const name = group.data?.name ?? t('groups.title');
  return (
    <Page title={name} heading={name} className="wide">
      {group.error !== null && <Alert>{errorText(group.error)}</Alert>}
      {error !== null && <Alert takeFocus>{errorText(error)}</Alert>}
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
          {group.data.description && (
            <p className="group-description" lang={group.data.language}>
              {group.data.description}
            </p>
          )}
          <Threads group={group.data} />
          <Workshops group={group.data} />
          <Files group={group.data} />
          <Members group={group.data} />
          {group.data.myRole !== 'owner' && (
            <p>
              <button type="button" className="button button-quiet" onClick={() => void leave()}>
                {t('groups.leave')}
              </button>
            </p>
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
