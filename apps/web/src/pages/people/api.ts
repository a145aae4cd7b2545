import { withQuery } from '../../auth/api';
import type { useAuth } from '../../auth/AuthContext';

/** The people pages' calls, in one place (docs/people.md). */
type AuthJson = ReturnType<typeof useAuth>['authJson'];

export type UserStatus = 'unverified' | 'pending' | 'active' | 'rejected' | 'suspended';
export const STATUSES: UserStatus[] = ['active', 'pending', 'unverified', 'suspended', 'rejected'];
export const ROLES = ['learner', 'coordinator', 'rtc_staff', 'admin'] as const;
export const WCO_REGIONS = ['ESA', 'WCA', 'MENA', 'AP', 'AC', 'EUR'] as const;

export interface DirectoryEntry {
  id: string;
  email: string;
  displayName: string;
  country: string | null;
  administration: string;
  status: UserStatus;
  roles: Array<(typeof ROLES)[number]>;
}

export interface DirectoryFilter {
  q: string;
  country: string;
  role: string;
  status: string;
  page: number;
}

export interface RtcStaff {
  id: string;
  rtcId: string;
  rtcName: string;
  userId: string;
  email: string;
  displayName: string;
  appointedByName: string | null;
  startsAt: string;
  endsAt: string | null;
}

export interface Person extends DirectoryEntry {
  jobTitle: string;
  registeredAt: string;
  emailVerifiedAt: string | null;
  coordinatorAppointments: Array<{ id: string; country: string; startsAt: string; endsAt: string | null }>;
  rtcAppointments: RtcStaff[];
  groups: Array<{ id: string; name: string; role: 'owner' | 'moderator' | 'member'; archived: boolean }>;
  signIns: Array<{ at: string; endedAt: string | null; endedReason: string | null }>;
  lastSignInAt: string | null;
}

export interface Rtc {
  id: string;
  name: string;
  country: string;
  wcoRegion: string | null;
  contact: string;
}

export type PersonAction = 'suspend' | 'reinstate' | 'end-sessions' | 'resend-verification' | 'left-service';

export const PAGE_SIZE = 25;

export const peopleApi = (authJson: AuthJson) => ({
  directory: (filter: DirectoryFilter, signal: AbortSignal) =>
    authJson<{ items: DirectoryEntry[]; total: number }>(
      withQuery('/api/admin/users', {
        q: filter.q || undefined,
        country: filter.country || undefined,
        role: filter.role || undefined,
        status: filter.status || undefined,
        page: filter.page,
        pageSize: PAGE_SIZE,
      }),
      { signal },
    ),
  person: (id: string, signal: AbortSignal) =>
    authJson<Person>(`/api/admin/users/${encodeURIComponent(id)}`, { signal }),
  act: (id: string, action: PersonAction) =>
    authJson<unknown>(`/api/admin/users/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: {} }),
  rtcs: (signal: AbortSignal) => authJson<Rtc[]>('/api/admin/rtcs', { signal }),
  createRtc: (body: { name: string; country: string; wcoRegion?: string; contact?: string }) =>
    authJson<Rtc>('/api/admin/rtcs', { method: 'POST', body }),
  updateRtc: (id: string, body: Partial<Omit<Rtc, 'id'>>) =>
    authJson<Rtc>(`/api/admin/rtcs/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  staff: (rtcId: string, signal: AbortSignal) =>
    authJson<RtcStaff[]>(`/api/admin/rtcs/${encodeURIComponent(rtcId)}/staff`, { signal }),
  appointStaff: (rtcId: string, userId: string) =>
    authJson<RtcStaff>(`/api/admin/rtcs/${encodeURIComponent(rtcId)}/staff`, { method: 'POST', body: { userId } }),
  endStaff: (rtcId: string, appointmentId: string) =>
    authJson<RtcStaff>(`/api/admin/rtcs/${encodeURIComponent(rtcId)}/staff/${encodeURIComponent(appointmentId)}/end`, {
      method: 'POST',
      body: {},
    }),
});

/** Every signed-in person may list RTCs, to name one on a curriculum. */
export const listRtcs = (authJson: AuthJson, signal: AbortSignal) => authJson<Rtc[]>('/api/rtcs', { signal });
