import { EMPTY_JSON_BODY as EMPTY, unwrap, type ApiClient, type Schemas } from '../../api/client';

/** The people pages' calls, in one place (docs/people.md). */
export type UserStatus = 'unverified' | 'pending' | 'active' | 'rejected' | 'suspended';
export const STATUSES: UserStatus[] = ['active', 'pending', 'unverified', 'suspended', 'rejected'];
export const ROLES = ['learner', 'coordinator', 'rtc_staff', 'admin'] as const;
export const WCO_REGIONS = ['ESA', 'WCA', 'MENA', 'AP', 'AC', 'EUR'] as const;

export type DirectoryEntry = Schemas['DirectoryEntryView'];
export type RtcStaff = Schemas['RtcStaffView'];
export type Person = Schemas['PersonView'];
export type Rtc = Schemas['RtcView'];

export interface DirectoryFilter {
  q: string;
  country: string;
  role: string;
  status: string;
  page: number;
}

export type PersonAction = 'suspend' | 'reinstate' | 'end-sessions' | 'resend-verification' | 'left-service';

export const PAGE_SIZE = 25;

export const peopleApi = (api: ApiClient) => ({
  directory: (filter: DirectoryFilter, signal: AbortSignal) =>
    unwrap(
      api.GET('/api/admin/users', {
        params: {
          query: {
            q: filter.q || undefined,
            country: filter.country || undefined,
            role: (filter.role || undefined) as never,
            status: (filter.status || undefined) as never,
            page: filter.page,
            pageSize: PAGE_SIZE,
          },
        },
        signal,
      }),
    ),
  person: (id: string, signal: AbortSignal) =>
    unwrap(api.GET('/api/admin/users/{id}', { params: { path: { id } }, signal })),
  act: async (id: string, action: PersonAction): Promise<void> => {
    const options = { params: { path: { id } }, ...EMPTY };
    switch (action) {
      case 'suspend':
        await unwrap(api.POST('/api/admin/users/{id}/suspend', options));
        return;
      case 'reinstate':
        await unwrap(api.POST('/api/admin/users/{id}/reinstate', options));
        return;
      case 'end-sessions':
        await unwrap(api.POST('/api/admin/users/{id}/end-sessions', options));
        return;
      case 'resend-verification':
        await unwrap(api.POST('/api/admin/users/{id}/resend-verification', options));
        return;
      case 'left-service':
        await unwrap(api.POST('/api/admin/users/{id}/left-service', options));
        return;
    }
  },
  rtcs: (signal: AbortSignal) => unwrap(api.GET('/api/admin/rtcs', { signal })),
  createRtc: (body: Schemas['CreateRtcDto']) => unwrap(api.POST('/api/admin/rtcs', { body })),
  updateRtc: (id: string, body: Schemas['UpdateRtcDto']) =>
    unwrap(api.PATCH('/api/admin/rtcs/{id}', { params: { path: { id } }, body })),
  staff: (rtcId: string, signal: AbortSignal) =>
    unwrap(api.GET('/api/admin/rtcs/{id}/staff', { params: { path: { id: rtcId } }, signal })),
  appointStaff: (rtcId: string, userId: string) =>
    unwrap(api.POST('/api/admin/rtcs/{id}/staff', { params: { path: { id: rtcId } }, body: { userId } })),
  endStaff: (rtcId: string, appointmentId: string) =>
    unwrap(
      api.POST('/api/admin/rtcs/{id}/staff/{appointmentId}/end', {
        params: { path: { id: rtcId, appointmentId } },
        ...EMPTY,
      }),
    ),
});

/** Every signed-in person may list RTCs, to name one on a curriculum. */
export const listRtcs = (api: ApiClient, signal: AbortSignal) => unwrap(api.GET('/api/rtcs', { signal }));
