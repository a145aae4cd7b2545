import { AuthenticatedUser, UserRole } from '@app/accounts';
import { CurriculaCaller } from '@app/curricula';

export function curriculaCaller(user: AuthenticatedUser): CurriculaCaller {
  const isAdmin = user.roles.includes(UserRole.Admin);
  return {
    id: user.id,
    isAdmin,
    mayShare: isAdmin || user.roles.includes(UserRole.RtcStaff) || user.roles.includes('coordinator'),
    coordinatorCountries: user.coordinatorCountries,
    rtcIds: user.rtcIds,
  };
}
