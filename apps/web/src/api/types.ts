/** The shapes the API answers with (see /api/docs). */

export type Role = 'learner' | 'coordinator' | 'rtc_staff' | 'admin';

export type AccountStatus = 'unverified' | 'pending' | 'active' | 'rejected' | 'suspended';

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['pending', 'active', 'rejected', 'unverified', 'suspended'];

export type PreferredLanguage = 'en' | 'fr' | 'es';

export interface Country {
  code: string;
  name: string;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  country: string | null;
  roles: string[];
  status: AccountStatus;
  administration: string;
  jobTitle: string;
  preferredLanguage: PreferredLanguage;
  coordinatorCountries: string[];
}

export interface Registration {
  id: string;
  email: string;
  displayName: string;
  country: string;
  administration: string;
  jobTitle: string;
  status: AccountStatus;
  preferredLanguage: PreferredLanguage;
  registeredAt: string;
  pendingSince: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type DecisionOutcome = 'approved' | 'rejected';

export interface Decision {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  country: string;
  outcome: DecisionOutcome;
  reason: string | null;
  decidedBy: string | null;
  /** null: decided automatically by the system (auto-approved email domain). */
  deciderName: string | null;
  decidedAt: string;
}

export type BulkOutcome = 'approved' | 'rejected' | 'not_found' | 'not_pending';

export interface BulkResult {
  results: { userId: string; outcome: BulkOutcome }[];
}

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  country: string | null;
  status: AccountStatus;
  roles: string[];
}

export interface Appointment {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  country: string;
  appointedBy: string | null;
  appointedByName: string | null;
  startsAt: string;
  /** null while the appointment is active. */
  endsAt: string | null;
}
