import { UserRole } from '../entities/user.entity';

/** Roles as the API reports them: the base role plus `coordinator` while an appointment is active. */
export type Role = UserRole | 'coordinator';

/** Who is calling, as established by the access token and re-checked against the database on every request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  country: string | null;
  roles: Role[];
  /** Countries of the caller's active coordinator appointments (empty for everyone else). */
  coordinatorCountries: string[];
  /** RTCs the caller is appointed staff of now (empty for everyone else; docs/people.md). */
  rtcIds: string[];
  /** The sign-in session the access token belongs to. */
  sessionId: string;
}
