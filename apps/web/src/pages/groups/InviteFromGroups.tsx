import { useId, useState, type FormEvent } from 'react';
import { unwrap, type ApiClient } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useLoader } from '../../hooks/useLoader';
import { formText } from './files';
import type { GroupSummary, Member } from './types';
import { useGroupErrorText } from './useGroupErrorText';

interface Candidate {
  userId: string;
  displayName: string;
  /** The other groups they share with the caller, to tell namesakes apart. */
  groups: string[];
}

/**
 * People the caller already works with in their other groups and who are not in this one (nor
 * invited, nor asking): there is no directory of all users, so these are the accounts a moderator
 * may invite by name rather than by email address.
 */
async function candidates(
  api: ApiClient,
  group: GroupSummary,
  here: Member[],
  signal: AbortSignal,
): Promise<Candidate[]> {
  const taken = new Set(here.map((member) => member.userId).filter(Boolean));
  const mine = await unwrap(api.GET('/api/groups', { signal }));
  const found = new Map<string, Candidate>();
  for (const other of mine.filter((entry) => entry.id !== group.id)) {
    const members = await unwrap(api.GET('/api/groups/{id}/members', { params: { path: { id: other.id } }, signal }));
    for (const member of members) {
      if (member.state !== 'active' || !member.userId || taken.has(member.userId)) {
        continue;
      }
      const entry = found.get(member.userId) ?? { userId: member.userId, displayName: member.displayName, groups: [] };
      entry.groups.push(other.name);
      found.set(member.userId, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Invites an account chosen among the members of the caller's other groups. */
export function InviteFromGroups({
  group,
  members,
  onInvited,
}: {
  group: GroupSummary;
  members: Member[];
  onInvited: (name: string) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useGroupErrorText();
  const id = useId();
  const [error, setError] = useState<{ error: unknown; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const people = useLoader(
    (signal) => candidates(api, group, members, signal),
    // Reloaded when the list of this group's people changes (someone was just invited).
    [api, group.id, members.map((member) => member.id).join()],
  );

  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const userId = formText(new FormData(event.currentTarget), 'userId');
    const person = people.data?.find((candidate) => candidate.userId === userId);
    if (!person) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/groups/{id}/invitations', { params: { path: { id: group.id } }, body: { userId } }));
      onInvited(person.displayName);
    } catch (caught) {
      setError((previous) => ({ error: caught, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void invite(event)}>
      {error && <Alert key={error.attempt}>{errorText(error.error)}</Alert>}
      {people.error !== null && <Alert takeFocus={false}>{errorText(people.error)}</Alert>}
      {!people.data && people.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {people.data?.length === 0 && <p className="empty">{t('groups.members.noCandidates')}</p>}
      {people.data && people.data.length > 0 && (
        <>
          <Field id={`${id}-person`} label={t('groups.members.inviteUser')} help={t('groups.members.inviteUserHelp')}>
            {(control) => (
              <select {...control} name="userId" required>
                {people.data!.map((person) => (
                  <option key={person.userId} value={person.userId}>
                    {t('groups.members.candidate', { name: person.displayName, groups: person.groups.join(', ') })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t('groups.members.inviteChosen')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
