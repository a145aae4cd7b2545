import { useId } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { ActionStatus } from '../../components/ActionStatus';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { SectionTabs } from '../../components/SectionTabs';
import { useActionState } from '../../hooks/useActionState';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime, formatNumber } from '../../i18n/format';
import NotFoundPage from '../NotFoundPage';
import { formText } from './files';
import { GroupFiles } from './GroupFiles';
import { GroupSettings } from './GroupSettings';
import { InvitationActions } from './InvitationActions';
import { Members } from './Members';
import { PostForm } from './PostFields';
import type { GroupSummary } from './types';
import { Workshops } from './Workshops';

function NewThreadForm({ group, onCreated }: { group: GroupSummary; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  return (
    <PostForm
      groupId={group.id}
      title={t('groups.threads.new')}
      level={3}
      rows={6}
      submitLabel={t('groups.threads.start')}
      fields={(id) => (
        <Field id={`${id}-subject`} label={t('groups.threads.subject')}>
          {(control) => <input {...control} name="title" required maxLength={200} />}
        </Field>
      )}
      send={async (form, attachmentIds) => {
        const created = await unwrap(
          api.POST('/api/groups/{id}/threads', {
            params: { path: { id: group.id } },
            body: { title: formText(form, 'title'), body: formText(form, 'body'), attachmentIds },
          }),
        );
        onCreated(created.id);
      }}
    />
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
                number: formatNumber(thread.postCount, language),
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

const TABS = ['threads', 'files', 'workshops', 'members', 'settings'] as const;

function canManage(group: GroupSummary): boolean {
  return group.myRole === 'owner' || (group.myRole === 'moderator' && !group.archived);
}

/**
 * What an invited person sees at the group's address: the group answers 404 to anyone who is not an
 * active member, so the invitation is looked up among the caller's own (GET /api/me/group-invitations).
 */
function InvitationOrNotFound({ groupId, onAccepted }: { groupId: string; onAccepted: () => void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const id = useId();
  const action = useActionState();
  const invitations = useLoader((signal) => unwrap(api.GET('/api/me/group-invitations', { signal })), [api]);
  const invitation = invitations.data?.find((one) => one.groupId === groupId);

  if (invitations.loading && !invitations.data) {
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  }
  if (!invitation) {
    return <NotFoundPage />;
  }
  const act = async (call: () => Promise<unknown>, decision: 'accept' | 'decline') => {
    action.start();
    try {
      await call();
      if (decision === 'accept') {
        onAccepted();
      } else {
        await navigate('/groups');
      }
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };
  return (
    <Page title={invitation.groupName} heading={invitation.groupName} className="wide">
      <p>
        <span className="badge">{t(`groups.kinds.${invitation.groupKind}`)}</span>
      </p>
      <section className="notice-box group-invitation" aria-labelledby={`${id}-invitation`}>
        <h2 id={`${id}-invitation`}>{t('groupTabs.invitation.heading')}</h2>
        <p>{t('groupTabs.invitation.body', { name: invitation.groupName })}</p>
        <InvitationActions invitation={invitation} act={(call, decision) => void act(call, decision)} />
        <ActionStatus state={action} />
      </section>
    </Page>
  );
}

function Group({ groupId, tab }: { groupId: string; tab: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const group = useLoader(
    (signal) => unwrap(api.GET('/api/groups/{id}', { params: { path: { id: groupId } }, signal })),
    [api, groupId],
  );

  if (group.error instanceof ApiError && group.error.status === 404) {
    return <InvitationOrNotFound groupId={groupId} onAccepted={group.reload} />;
  }
  const current = TABS.find((one) => one === tab);
  if (current === undefined || (current === 'settings' && group.data && !canManage(group.data))) {
    return <NotFoundPage />;
  }
  const name = group.data?.name ?? t('groups.title');
  const tabs = TABS.filter((one) => one !== 'settings' || (group.data !== undefined && canManage(group.data)));
  return (
    <Page
      title={t('groupTabs.documentTitle', { name, section: t(`groupTabs.${current}`) })}
      heading={name}
      className="wide"
      pageKey={`/groups/${groupId}`}
    >
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
          <SectionTabs
            label={t('groupTabs.label')}
            current={current}
            tabs={tabs.map((one) => ({ key: one, to: `/groups/${groupId}/${one}`, label: t(`groupTabs.${one}`) }))}
          />
          {current === 'threads' && <Threads group={group.data} />}
          {current === 'workshops' && <Workshops group={group.data} />}
          {current === 'files' && <GroupFiles group={group.data} />}
          {current === 'members' && <Members group={group.data} onGroupChanged={group.reload} />}
          {current === 'settings' && <GroupSettings group={group.data} onChanged={group.reload} />}
        </>
      )}
    </Page>
  );
}

/** A group, one section at a time: /groups/:id (its discussions), /groups/:id/threads, …/files, …/settings. */
export default function GroupPage() {
  const { id = '', tab = 'threads' } = useParams();
  return (
    <RequireAuth>
      <Group groupId={id} tab={tab} />
    </RequireAuth>
  );
}
