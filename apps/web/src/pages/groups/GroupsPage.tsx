import { useId, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useActionState } from '../../hooks/useActionState';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { InvitationActions } from './InvitationActions';
import { GroupLanguageAndKind } from './GroupFields';
import { SignedOutIntro } from './SignedOutIntro';
import { formText } from './files';
import type { GroupKind, GroupSummary } from './types';

function CreateGroupForm() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const id = useId();
  const action = useActionState();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    action.start();
    try {
      const created = await unwrap(
        api.POST('/api/groups', {
          body: {
            name: formText(form, 'name'),
            kind: formText(form, 'kind') as GroupKind,
            description: formText(form, 'description'),
            language: formText(form, 'language', 'en') as GroupSummary['language'],
            openForRequests: form.get('open') === 'on',
          },
        }),
      );
      await navigate(`/groups/${created.id}`);
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('groups.create.title')}</h2>
      <form className="form" onSubmit={(event) => void submit(event)}>
        {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
        <Field id={`${id}-name`} label={t('groups.create.name')}>
          {(control) => <input {...control} name="name" required maxLength={200} />}
        </Field>
        <GroupLanguageAndKind
          id={id}
          labels={{ language: t('groups.create.language'), kind: t('groups.create.kind') }}
        />
        <Field id={`${id}-description`} label={t('groups.create.description')} optional>
          {(control) => <textarea {...control} name="description" maxLength={5000} rows={3} />}
        </Field>
        <div className="field field-checkbox">
          <input id={`${id}-open`} name="open" type="checkbox" />
          <label htmlFor={`${id}-open`}>{t('groups.create.open')}</label>
        </div>
        <button className="button button-primary" type="submit" disabled={action.busy}>
          {t('groups.create.submit')}
        </button>
      </form>
    </section>
  );
}

function Groups() {
  const { t } = useTranslation();
  const { user, api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const action = useActionState();
  const mine = useLoader((signal) => unwrap(api.GET('/api/groups', { signal })), [api]);
  const invitations = useLoader((signal) => unwrap(api.GET('/api/me/group-invitations', { signal })), [api]);
  const open = useLoader((signal) => unwrap(api.GET('/api/groups/open', { signal })), [api]);

  const act = async (call: () => Promise<unknown>) => {
    action.start();
    try {
      await call();
      action.stop();
      mine.reload();
      invitations.reload();
      open.reload();
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <Page title={t('groups.title')} heading={t('groups.heading')} className="wide">
      <p className="lead">{t('groups.lead')}</p>
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {[mine.error, invitations.error, open.error]
        .filter((error) => error !== null)
        .map((error, index) => (
          <Alert key={index}>{errorText(error)}</Alert>
        ))}

      {invitations.data && invitations.data.length > 0 && (
        <section className="section" aria-labelledby={`${id}-invitations`}>
          <h2 id={`${id}-invitations`}>{t('groups.invitations')}</h2>
          <ul className="group-list">
            {invitations.data.map((invitation) => (
              <li key={invitation.id} data-invitation={invitation.id}>
                <span className="group-name">{invitation.groupName}</span>{' '}
                <span className="badge">{t(`groups.kinds.${invitation.groupKind}`)}</span>
                <InvitationActions invitation={invitation} act={(call) => void act(call)} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="section" aria-labelledby={`${id}-mine`}>
        <h2 id={`${id}-mine`}>{t('groups.mine')}</h2>
        {!mine.data && mine.loading && (
          <p className="loading" role="status">
            {t('loading')}
          </p>
        )}
        {mine.data?.length === 0 && <p className="empty">{t('groups.noGroups')}</p>}
        <ul className="group-list" aria-label={t('groups.mine')}>
          {mine.data?.map((group) => (
            <li key={group.id} data-group={group.id}>
              <Link to={`/groups/${group.id}`} className="group-name">
                {group.name}
              </Link>{' '}
              <span className="badge">{t(`groups.kinds.${group.kind}`)}</span>{' '}
              <span className="badge">{t(`groups.roles.${group.myRole}`)}</span>
              {group.archived && <span className="badge">{t('groups.archived')}</span>}
            </li>
          ))}
        </ul>
      </section>

      {open.data && open.data.length > 0 && (
        <section className="section" aria-labelledby={`${id}-open`}>
          <h2 id={`${id}-open`}>{t('groups.open')}</h2>
          <ul className="group-list">
            {open.data.map((group) => (
              <li key={group.id} data-open-group={group.id}>
                <span className="group-name">{group.name}</span>{' '}
                <span className="badge">{t(`groups.kinds.${group.kind}`)}</span>
                {group.description && <p className="group-description">{group.description}</p>}
                {group.myState === 'requested' ? (
                  <p className="status-text">{t('groups.requested')}</p>
                ) : group.myState === null ? (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() =>
                      void act(() => api.POST('/api/groups/{id}/join-requests', { params: { path: { id: group.id } } }))
                    }
                  >
                    {t('groups.askToJoin', { name: group.name })}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}

      {hasRole(user, 'admin', 'rtc_staff', 'coordinator') && <CreateGroupForm />}
    </Page>
  );
}

export default function GroupsPage() {
  return (
    <SignedOutIntro section="groups">
      <RequireAuth>
        <Groups />
      </RequireAuth>
    </SignedOutIntro>
  );
}
