import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';

/** Accept and Decline for one invitation; `act` runs the call and reports its outcome. */
export function InvitationActions({
  invitation,
  act,
}: {
  invitation: { id: string; groupName: string };
  act: (call: () => Promise<unknown>, decision: 'accept' | 'decline') => void;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const path = { params: { path: { id: invitation.id } } };
  return (
    <div className="actions">
      <button
        type="button"
        className="button button-primary"
        onClick={() => act(() => api.POST('/api/group-invitations/{id}/accept', path), 'accept')}
      >
        {t('groups.accept', { name: invitation.groupName })}
      </button>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => act(() => api.POST('/api/group-invitations/{id}/decline', path), 'decline')}
      >
        {t('groups.decline', { name: invitation.groupName })}
      </button>
    </div>
  );
}
