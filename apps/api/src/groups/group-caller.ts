import { AuthenticatedUser } from '@app/accounts';
import { GroupCaller } from '@app/groups';

export function groupCaller(user: AuthenticatedUser): GroupCaller {
  return { id: user.id, email: user.email };
}
