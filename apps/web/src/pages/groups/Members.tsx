import { useId, useRef, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useLoader } from '../../hooks/useLoader';
import { ConfirmDialog, nextFailure, type Failure } from '../../components/ConfirmDialog';
import { formText } from './files';
import { InviteFromGroups } from './InviteFromGroups';
import type { GroupSummary, Member } from './types';
import { useGroupErrorText } from './useGroupErrorText';

type Asked = { kind: 'remove' | 'transfer'; member: Member } | { kind: 'leave' };

/**
 * Members with their roles. Moderators invite, let in or turn down requests, revoke invitations and
 * remove members; the owner also makes members moderators (and back), removes moderators and hands
 * the group over. Everyone but the owner may leave.
 */
export function Members({ group, onGroupChanged }: { group: GroupSummary; onGroupChanged: () => void }) {
  const { t } = useTranslation();
  const { api, user } = useAuth();
  const errorText = useGroupErrorText();
  const navigate = useNavigate();
  const id = useId();
  const [error, setError] = useState<{ error: unknown; attempt: number } | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [choosing, setChoosing] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  /** Set once a confirmed action succeeded: focus goes to its outcome, as the button that opened it is gone. */
  const afterConfirm = useRef<HTMLElement | null>(null);
  const members = useLoader(
    (signal) => unwrap(api.GET('/api/groups/{id}/members', { params: { path: { id: group.id } }, signal })),
    [api, group.id, group.myRole],
  );
  const writable = !group.archived;
  const moderator = group.myRole !== 'member' && writable;
  const owner = group.myRole === 'owner' && writable;

  /** Runs one call; on success reloads the list and says what happened. */
  const act = async (call: () => Promise<unknown>, done: string, focusOutcome = true) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      await call();
      setNotice(done);
      members.reload();
      if (focusOutcome) {
        // The button pressed disappears with the change: continue from the outcome.
        statusRef.current?.focus();
      }
      return true;
    } catch (caught) {
      setError((previous) => ({ error: caught, attempt: (previous?.attempt ?? 0) + 1 }));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const email = formText(new FormData(formElement), 'email');
    const done = t('groups.members.invited', { email });
    if (
      await act(
        () => unwrap(api.POST('/api/groups/{id}/invitations', { params: { path: { id: group.id } }, body: { email } })),
        done,
        false,
      )
    ) {
      formElement.reset();
    }
  };

  const confirm = async () => {
    if (!asked || busy) {
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      if (asked.kind === 'leave') {
        await unwrap(api.POST('/api/groups/{id}/leave', { params: { path: { id: group.id } } }));
        setAsked(null);
        await navigate('/groups');
        return;
      }
      const { member } = asked;
      if (asked.kind === 'remove') {
        await unwrap(
          api.DELETE('/api/groups/{id}/members/{membershipId}', {
            params: { path: { id: group.id, membershipId: member.id } },
          }),
        );
        setNotice(t('groups.members.removed', { name: member.displayName }));
      } else {
        await unwrap(
          api.POST('/api/groups/{id}/transfer-ownership', {
            params: { path: { id: group.id } },
            body: { userId: member.userId ?? '' },
          }),
        );
        setNotice(t('groups.members.transferred', { name: member.displayName }));
        onGroupChanged();
      }
      afterConfirm.current = statusRef.current;
      setAsked(null);
      members.reload();
    } catch (caught) {
      setFailure((previous) => nextFailure(previous, errorText(caught)));
    } finally {
      setBusy(false);
    }
  };

  const all = members.data ?? [];
  const active = all.filter((member) => member.state === 'active');
  const requests = all.filter((member) => member.state === 'requested');
  const invitations = all.filter((member) => member.state === 'invited');
  const ask = (next: Asked) => {
    setFailure(null);
    afterConfirm.current = null;
    setAsked(next);
  };

  return (
    <section className="section" aria-labelledby={`${id}-members`}>
      <h2 id={`${id}-members`}>{t('groups.members.title')}</h2>
      {error && <Alert key={error.attempt}>{errorText(error.error)}</Alert>}
      {members.error !== null && <Alert takeFocus={false}>{errorText(members.error)}</Alert>}
      <p ref={statusRef} className="status-text" role="status" tabIndex={-1}>
        {notice}
      </p>

      {moderator && requests.length > 0 && (
        <>
          <h3 id={`${id}-requests`}>{t('groups.members.requests')}</h3>
          <ul className="member-list" aria-labelledby={`${id}-requests`}>
            {requests.map((member) => (
              <li key={member.id} data-member={member.userId}>
                <span className="member-name">{member.displayName}</span>{' '}
                <span className="badge">{t('groups.members.states.requested')}</span>
                <span className="member-actions">
                  <button
                    type="button"
                    className="button button-primary button-small"
                    disabled={busy}
                    onClick={() =>
                      void act(
                        () =>
                          unwrap(
                            api.POST('/api/group-join-requests/{id}/approve', { params: { path: { id: member.id } } }),
                          ),
                        t('groups.members.approved', { name: member.displayName }),
                      )
                    }
                  >
                    {t('groups.members.approve', { name: member.displayName })}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    disabled={busy}
                    onClick={() =>
                      void act(
                        () =>
                          unwrap(
                            api.POST('/api/group-join-requests/{id}/reject', { params: { path: { id: member.id } } }),
                          ),
                        t('groups.members.rejected', { name: member.displayName }),
                      )
                    }
                  >
                    {t('groups.members.reject', { name: member.displayName })}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}

      <ul className="member-list" aria-label={t('groups.members.title')}>
        {active.map((member) => {
          const me = member.userId === user?.id;
          const canRemove = moderator && !me && member.role !== 'owner' && (member.role === 'member' || owner);
          return (
            <li key={member.id} data-member={member.userId ?? member.email}>
              <span className="member-name">{member.displayName}</span>{' '}
              <span className="badge">{t(`groups.roles.${member.role}`)}</span>
              {me && <span className="member-you"> {t('groups.members.you')}</span>}
              <span className="member-actions">
                {owner && !me && member.role !== 'owner' && (
                  // The owner moves a member to moderator and a moderator back to member.
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    disabled={busy}
                    onClick={() =>
                      void act(
                        () =>
                          unwrap(
                            api.PATCH('/api/groups/{id}/members/{membershipId}', {
                              params: { path: { id: group.id, membershipId: member.id } },
                              body: { role: member.role === 'member' ? 'moderator' : 'member' },
                            }),
                          ),
                        t(member.role === 'member' ? 'groups.members.nowModerator' : 'groups.members.nowMember', {
                          name: member.displayName,
                        }),
                      )
                    }
                  >
                    {t(member.role === 'member' ? 'groups.members.makeModerator' : 'groups.members.makeMember', {
                      name: member.displayName,
                    })}
                  </button>
                )}
                {owner && !me && member.userId && (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    disabled={busy}
                    onClick={() => ask({ kind: 'transfer', member })}
                  >
                    {t('groups.members.transfer', { name: member.displayName })}
                  </button>
                )}
                {canRemove && (
                  <button
                    type="button"
                    className="button button-danger button-small"
                    disabled={busy}
                    onClick={() => ask({ kind: 'remove', member })}
                  >
                    {t('groups.members.remove', { name: member.displayName })}
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>

      {moderator && invitations.length > 0 && (
        <>
          <h3 id={`${id}-invitations`}>{t('groups.members.invitations')}</h3>
          <ul className="member-list" aria-labelledby={`${id}-invitations`}>
            {invitations.map((member) => (
              <li key={member.id} data-member={member.userId ?? member.email}>
                <span className="member-name">{member.displayName}</span>{' '}
                <span className="badge">{t('groups.members.states.invited')}</span>
                <span className="member-actions">
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    disabled={busy}
                    onClick={() =>
                      void act(
                        () =>
                          unwrap(
                            api.DELETE('/api/groups/{id}/members/{membershipId}', {
                              params: { path: { id: group.id, membershipId: member.id } },
                            }),
                          ),
                        t('groups.members.revoked', { name: member.displayName }),
                      )
                    }
                  >
                    {t('groups.members.revoke', { name: member.displayName })}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}

      {moderator && (
        <form className="form" onSubmit={(event) => void invite(event)}>
          <Field id={`${id}-email`} label={t('groups.members.inviteEmail')} help={t('groups.members.inviteHelp')}>
            {(control) => <input {...control} name="email" type="email" required maxLength={254} />}
          </Field>
          <div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t('groups.members.invite')}
            </button>
          </div>
        </form>
      )}
      {moderator && (
        <div className="invite-from-groups">
          <button
            type="button"
            className="button button-quiet"
            aria-expanded={choosing}
            aria-controls={`${id}-choose`}
            onClick={() => setChoosing((value) => !value)}
          >
            {t('groups.members.chooseFromGroups')}
          </button>
          <div id={`${id}-choose`} hidden={!choosing}>
            {choosing && members.data && (
              <InviteFromGroups
                group={group}
                members={members.data}
                onInvited={(name) => {
                  setError(null);
                  setNotice(t('groups.members.invitedUser', { name }));
                  members.reload();
                }}
              />
            )}
          </div>
        </div>
      )}

      {group.myRole !== 'owner' ? (
        <p>
          <button type="button" className="button button-quiet" onClick={() => ask({ kind: 'leave' })}>
            {t('groups.leave')}
          </button>
        </p>
      ) : (
        <p className="field-help">{t('groups.members.ownerCannotLeave')}</p>
      )}

      <ConfirmDialog
        open={asked !== null}
        title={
          asked?.kind === 'transfer'
            ? t('groups.members.transferTitle', { name: asked.member.displayName })
            : asked?.kind === 'remove'
              ? t('groups.members.removeTitle', { name: asked.member.displayName })
              : t('groups.members.leaveTitle', { name: group.name })
        }
        body={
          asked?.kind === 'transfer'
            ? t('groups.members.transferBody', { name: asked.member.displayName })
            : asked?.kind === 'remove'
              ? t('groups.members.removeBody', { name: asked.member.displayName })
              : t('groups.members.leaveBody')
        }
        confirmLabel={
          asked?.kind === 'transfer'
            ? t('groups.members.transferConfirm')
            : asked?.kind === 'remove'
              ? t('groups.members.removeConfirm')
              : t('groups.members.leaveConfirm')
        }
        busy={busy}
        failure={failure}
        returnFocus={afterConfirm}
        onConfirm={() => void confirm()}
        onCancel={() => setAsked(null)}
      />
    </section>
  );
}
