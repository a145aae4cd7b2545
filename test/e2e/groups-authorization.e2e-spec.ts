import { randomUUID } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import {
  CommunityGroup,
  GROUP_ENTITIES,
  GroupKind,
  GroupMembership,
  GroupPost,
  GroupRole,
  GroupThread,
  GroupWorkshop,
  GroupWorkshopMaterial,
  MarkdownRenderer,
  MembershipState,
  WorkshopPhase,
} from '@app/groups';
import { BlobStore } from '@app/storage';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { appoint, bearer } from '../support/accounts';

/**
 * The authorization matrix of issue 6: every group, thread, post and file route, for every role ×
 * membership state × group state. Expectations come from one rule table; each request is checked
 * for its status and, unless it was an expected success that writes, for an unchanged database
 * (CHECKSUM TABLE over every group table). After a success that writes, the fixture is put back.
 */

const ROLES = ['admin', 'coordinator', 'rtc_staff', 'learner'] as const;
const STATES = ['none', 'invited', 'requested', 'member', 'moderator', 'owner', 'removed'] as const;
const GROUP_STATES = ['closed', 'open', 'archived'] as const;

type Role = (typeof ROLES)[number];
type State = (typeof STATES)[number];
type GroupState = (typeof GROUP_STATES)[number];

const LEVEL: Record<State, number> = {
  none: 0,
  invited: 0,
  requested: 0,
  removed: 0,
  member: 1,
  moderator: 2,
  owner: 3,
};

interface Fixture {
  groupId: string;
  archived: boolean;
  open: boolean;
  membershipOf: Record<State, string | null>;
  threadId: string;
  postByMember: string;
  postByModerator: string;
  postByRemoved: string;
  fileId: string;
  folderId: string;
  workshopId: string;
}

interface Case {
  fixture: Fixture;
  users: Record<State, { id: string; token: string }>;
  bystanderId: string;
}

interface RouteSpec {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (c: Case) => string;
  body?: (c: Case) => object;
  upload?: boolean;
  /** 1 member, 2 moderator, 3 owner. */
  need: number;
  ok: number;
  /** Refused with 409 in an archived group (once the role check passed). */
  writes: boolean;
  /** Overrides the rule for routes that non-members may use. */
  expect?: (state: State, fixture: Fixture) => number;
}

/** 404 to anyone not an active member, 403 below the needed role, 409 when archived and writing. */
function rule(spec: RouteSpec, state: State, fixture: Fixture): number {
  if (spec.expect) {
    return spec.expect(state, fixture);
  }
  if (LEVEL[state] === 0) {
    return 404;
  }
  if (LEVEL[state] < spec.need) {
    return 403;
  }
  return spec.writes && fixture.archived ? 409 : spec.ok;
}

const ROUTES: RouteSpec[] = [
  {
    name: 'GET group',
    method: 'get',
    path: (c) => `/api/groups/${c.fixture.groupId}`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'PATCH group',
    method: 'patch',
    path: (c) => `/api/groups/${c.fixture.groupId}`,
    body: () => ({ description: 'changed' }),
    need: 2,
    ok: 200,
    writes: true,
  },
  {
    name: 'PATCH group (archive / unarchive)',
    method: 'patch',
    path: (c) => `/api/groups/${c.fixture.groupId}`,
    body: (c) => ({ archived: !c.fixture.archived }),
    need: 3,
    ok: 200,
    writes: false,
  },
  {
    name: 'GET members',
    method: 'get',
    path: (c) => `/api/groups/${c.fixture.groupId}/members`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'POST invitation',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/invitations`,
    body: (c) => ({ userId: c.bystanderId }),
    need: 2,
    ok: 201,
    writes: true,
  },
  {
    name: 'POST join request',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/join-requests`,
    need: 0,
    ok: 201,
    writes: true,
    expect: (state, f) => (!f.open || f.archived ? 404 : state === 'none' || state === 'removed' ? 201 : 409),
  },
  {
    name: 'POST accept invitation',
    method: 'post',
    path: (c) => `/api/group-invitations/${c.fixture.membershipOf.invited}/accept`,
    need: 0,
    ok: 200,
    writes: true,
    expect: (state, f) => (state !== 'invited' ? 404 : f.archived ? 409 : 200),
  },
  {
    name: 'POST decline invitation',
    method: 'post',
    path: (c) => `/api/group-invitations/${c.fixture.membershipOf.invited}/decline`,
    need: 0,
    ok: 204,
    writes: false,
    expect: (state) => (state === 'invited' ? 204 : 404),
  },
  {
    name: 'POST approve join request',
    method: 'post',
    path: (c) => `/api/group-join-requests/${c.fixture.membershipOf.requested}/approve`,
    need: 2,
    ok: 200,
    writes: true,
  },
  {
    name: 'POST reject join request',
    method: 'post',
    path: (c) => `/api/group-join-requests/${c.fixture.membershipOf.requested}/reject`,
    need: 2,
    ok: 204,
    writes: true,
  },
  {
    name: 'DELETE member',
    method: 'delete',
    path: (c) => `/api/groups/${c.fixture.groupId}/members/${c.fixture.membershipOf.member}`,
    need: 2,
    ok: 204,
    writes: true,
  },
  {
    name: 'PATCH member role',
    method: 'patch',
    path: (c) => `/api/groups/${c.fixture.groupId}/members/${c.fixture.membershipOf.member}`,
    body: () => ({ role: 'moderator' }),
    need: 3,
    ok: 200,
    writes: true,
  },
  {
    name: 'POST leave',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/leave`,
    need: 1,
    ok: 204,
    writes: false,
    expect: (state) => (LEVEL[state] === 0 ? 404 : state === 'owner' ? 409 : 204),
  },
  {
    name: 'POST transfer ownership',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/transfer-ownership`,
    body: (c) => ({ userId: c.users.member.id }),
    need: 3,
    ok: 204,
    writes: true,
  },
  {
    name: 'GET threads',
    method: 'get',
    path: (c) => `/api/groups/${c.fixture.groupId}/threads`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'POST thread',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/threads`,
    body: () => ({ title: 'New', body: 'text' }),
    need: 1,
    ok: 201,
    writes: true,
  },
  {
    name: 'GET thread',
    method: 'get',
    path: (c) => `/api/threads/${c.fixture.threadId}`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'PATCH thread title (thread by a member)',
    method: 'patch',
    path: (c) => `/api/threads/${c.fixture.threadId}`,
    body: () => ({ title: 'Renamed' }),
    need: 1,
    ok: 200,
    writes: true,
  },
  {
    name: 'PATCH thread pinned',
    method: 'patch',
    path: (c) => `/api/threads/${c.fixture.threadId}`,
    body: () => ({ pinned: true }),
    need: 2,
    ok: 200,
    writes: true,
  },
  {
    name: 'DELETE thread (by a member)',
    method: 'delete',
    path: (c) => `/api/threads/${c.fixture.threadId}`,
    need: 1,
    ok: 204,
    writes: true,
  },
  {
    name: 'POST post',
    method: 'post',
    path: (c) => `/api/threads/${c.fixture.threadId}/posts`,
    body: () => ({ body: 'reply' }),
    need: 1,
    ok: 201,
    writes: true,
  },
  {
    name: "PATCH a member's post",
    method: 'patch',
    path: (c) => `/api/posts/${c.fixture.postByMember}`,
    body: () => ({ body: 'edited' }),
    need: 1,
    ok: 200,
    writes: true,
  },
  {
    name: "PATCH a moderator's post",
    method: 'patch',
    path: (c) => `/api/posts/${c.fixture.postByModerator}`,
    body: () => ({ body: 'edited' }),
    need: 2,
    ok: 200,
    writes: true,
  },
  {
    name: "PATCH a removed member's post",
    method: 'patch',
    path: (c) => `/api/posts/${c.fixture.postByRemoved}`,
    body: () => ({ body: 'edited' }),
    need: 2,
    ok: 200,
    writes: true,
  },
  {
    name: "DELETE a member's post",
    method: 'delete',
    path: (c) => `/api/posts/${c.fixture.postByMember}`,
    need: 1,
    ok: 204,
    writes: true,
  },
  {
    name: "DELETE a moderator's post",
    method: 'delete',
    path: (c) => `/api/posts/${c.fixture.postByModerator}`,
    need: 2,
    ok: 204,
    writes: true,
  },
  {
    name: 'GET files',
    method: 'get',
    path: (c) => `/api/groups/${c.fixture.groupId}/files`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'POST file (upload)',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/files`,
    upload: true,
    need: 1,
    ok: 201,
    writes: true,
  },
  {
    name: 'POST file version',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/files`,
    body: (c) => ({ fileId: c.fixture.fileId }),
    upload: true,
    need: 1,
    ok: 201,
    writes: true,
  },
  {
    name: 'POST folder',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/folders`,
    body: () => ({ name: 'Folder' }),
    need: 1,
    ok: 201,
    writes: true,
  },
  {
    name: 'DELETE folder',
    method: 'delete',
    path: (c) => `/api/groups/${c.fixture.groupId}/folders/${c.fixture.folderId}`,
    need: 2,
    ok: 204,
    writes: true,
  },
  {
    name: 'GET file',
    method: 'get',
    path: (c) => `/api/group-files/${c.fixture.fileId}`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'GET file download',
    method: 'get',
    path: (c) => `/api/group-files/${c.fixture.fileId}/download`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'GET file download link',
    method: 'get',
    path: (c) => `/api/group-files/${c.fixture.fileId}/download-link`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'DELETE file (uploaded by a member)',
    method: 'delete',
    path: (c) => `/api/group-files/${c.fixture.fileId}`,
    need: 1,
    ok: 204,
    writes: true,
  },
  {
    name: 'GET workshops',
    method: 'get',
    path: (c) => `/api/groups/${c.fixture.groupId}/workshops`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'POST workshop',
    method: 'post',
    path: (c) => `/api/groups/${c.fixture.groupId}/workshops`,
    body: () => ({ title: 'New', start: '2027-05-01T09:00', end: '2027-05-01T10:00', timeZone: 'Africa/Nairobi' }),
    need: 2,
    ok: 201,
    writes: true,
  },
  {
    name: 'GET workshop',
    method: 'get',
    path: (c) => `/api/workshops/${c.fixture.workshopId}`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'GET workshop .ics',
    method: 'get',
    path: (c) => `/api/workshops/${c.fixture.workshopId}/ics`,
    need: 1,
    ok: 200,
    writes: false,
  },
  {
    name: 'PATCH workshop',
    method: 'patch',
    path: (c) => `/api/workshops/${c.fixture.workshopId}`,
    body: () => ({ title: 'Moved' }),
    need: 2,
    ok: 200,
    writes: true,
  },
  {
    name: 'DELETE workshop',
    method: 'delete',
    path: (c) => `/api/workshops/${c.fixture.workshopId}`,
    need: 2,
    ok: 204,
    writes: true,
  },
  {
    name: 'PUT workshop material',
    method: 'put',
    path: (c) => `/api/workshops/${c.fixture.workshopId}/materials/${c.fixture.fileId}`,
    body: () => ({ phase: 'before' }),
    need: 2,
    ok: 200,
    writes: true,
  },
  {
    name: 'DELETE workshop material',
    method: 'delete',
    path: (c) => `/api/workshops/${c.fixture.workshopId}/materials/${c.fixture.fileId}`,
    need: 2,
    ok: 204,
    writes: true,
  },
];

describe('group authorization matrix', () => {
  let app: TestApp;
  let dataSource: DataSource;
  const users = {} as Record<Role, Record<State, { id: string; token: string }>>;
  const fixtures = {} as Record<Role, Record<GroupState, Fixture>>;
  let bystanderId: string;
  let tableNames: string[];
  let baselineRows: Record<string, Array<Record<string, unknown>>>;
  let baselineChecksum: string;
  const blobs = new Map<string, Buffer>();

  const checksum = async (): Promise<string> => {
    const rows = await dataSource.query<Array<{ Table: string; Checksum: string }>>(
      `CHECKSUM TABLE ${tableNames.map((t) => `\`${t}\``).join(', ')}`,
    );
    return rows.map((row) => `${row.Table}:${row.Checksum}`).join(',');
  };

  const restore = async (): Promise<void> => {
    await dataSource.transaction(async (manager) => {
      // A snapshot goes back as it was, table by table, in any order: key checks wait until it is whole.
      await manager.query('SET FOREIGN_KEY_CHECKS = 0');
      try {
        for (const table of tableNames) {
          await manager.query(`DELETE FROM \`${table}\``);
          const rows = baselineRows[table];
          if (rows.length > 0) {
            const columns = Object.keys(rows[0]);
            await manager.query(
              `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${rows
                .map(() => `(${columns.map(() => '?').join(', ')})`)
                .join(', ')}`,
              rows.flatMap((row) => columns.map((c) => row[c])),
            );
          }
        }
      } finally {
        await manager.query('SET FOREIGN_KEY_CHECKS = 1');
      }
    });
    const store = app.get(BlobStore);
    for (const [key, content] of blobs) {
      const file = store.localPath(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  };

  beforeAll(async () => {
    app = await createTestApp();
    dataSource = app.get(DataSource);
    await resetDatabase(app);
    tableNames = GROUP_ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName);
    const admin = await createUser(app, { role: UserRole.Admin, country: null });
    const adminToken = await login(app, admin.email, admin.password);
    bystanderId = (await createUser(app)).id;
    for (const role of ROLES) {
      users[role] = {} as Record<State, { id: string; token: string }>;
      for (const state of STATES) {
        const user = await createUser(app, {
          role: role === 'admin' ? UserRole.Admin : role === 'rtc_staff' ? UserRole.RtcStaff : UserRole.Learner,
          country: role === 'admin' ? null : 'KE',
          displayName: `${role} ${state}`,
        });
        if (role === 'coordinator') {
          await appoint(app, adminToken, user.id, 'KE');
        }
        users[role][state] = { id: user.id, token: await login(app, user.email, user.password) };
      }
    }

    const markdown = new MarkdownRenderer();
    const groups = dataSource.getRepository(CommunityGroup);
    const memberships = dataSource.getRepository(GroupMembership);
    for (const role of ROLES) {
      fixtures[role] = {} as Record<GroupState, Fixture>;
      for (const groupState of GROUP_STATES) {
        const groupId = randomUUID();
        const u = users[role];
        await groups.insert({
          id: groupId,
          name: `${role} ${groupState}`,
          kind: GroupKind.ExpertCommunity,
          description: '',
          language: 'en',
          openForRequests: groupState !== 'closed',
          archivedAt: null,
          quotaBytes: String(10_000_000),
          usedBytes: '0',
          createdBy: u.owner.id,
        });
        const membershipOf = { none: null, removed: null } as Record<State, string | null>;
        const rows: Array<[State, GroupRole, MembershipState]> = [
          ['owner', GroupRole.Owner, MembershipState.Active],
          ['moderator', GroupRole.Moderator, MembershipState.Active],
          ['member', GroupRole.Member, MembershipState.Active],
          ['invited', GroupRole.Member, MembershipState.Invited],
          ['requested', GroupRole.Member, MembershipState.Requested],
        ];
        for (const [state, groupRole, membershipState] of rows) {
          membershipOf[state] = randomUUID();
          await memberships.insert({
            id: membershipOf[state],
            groupId,
            userId: u[state].id,
            email: null,
            role: groupRole,
            state: membershipState,
            invitedBy: null,
          });
        }
        const threadId = randomUUID();
        const now = new Date();
        await dataSource.getRepository(GroupThread).insert({
          id: threadId,
          groupId,
          title: 'Thread by a member',
          authorId: u.member.id,
          pinned: false,
          postCount: 3,
          lastPostAt: now,
        });
        const post = (authorId: string): Partial<GroupPost> => ({
          id: randomUUID(),
          threadId,
          authorId,
          bodySource: 'text',
          bodyHtml: markdown.render('text'),
          editedAt: null,
          deletedAt: null,
        });
        const posts = [post(u.member.id), post(u.moderator.id), post(u.removed.id)];
        // Ids read before the insert: TypeORM merges re-selected defaults into a multi-row insert by position.
        const postIds = posts.map((p) => p.id!);
        await dataSource.getRepository(GroupPost).insert(posts);
        const folder = await request(app.getHttpServer())
          .post(`/api/groups/${groupId}/folders`)
          .set(bearer(u.member.token))
          .send({ name: 'Empty' })
          .expect(201);
        const file = await request(app.getHttpServer())
          .post(`/api/groups/${groupId}/files`)
          .set(bearer(u.member.token))
          .attach('file', Buffer.from('minutes'), 'minutes.txt')
          .expect(201);
        const workshopId = randomUUID();
        await dataSource.getRepository(GroupWorkshop).insert({
          id: workshopId,
          groupId,
          title: 'Workshop',
          description: '',
          startsAt: new Date('2027-03-15T06:00:00Z'),
          endsAt: new Date('2027-03-15T09:00:00Z'),
          timeZone: 'Africa/Nairobi',
          meetingUrl: 'https://meet.example.org/x',
          createdBy: u.owner.id,
        });
        await dataSource
          .getRepository(GroupWorkshopMaterial)
          .insert({ workshopId, fileId: file.body.id as string, phase: WorkshopPhase.After });
        fixtures[role][groupState] = {
          workshopId,
          groupId,
          archived: groupState === 'archived',
          open: groupState !== 'closed',
          membershipOf,
          threadId,
          postByMember: postIds[0],
          postByModerator: postIds[1],
          postByRemoved: postIds[2],
          fileId: file.body.id as string,
          folderId: folder.body.id as string,
        };
        if (groupState === 'archived') {
          await groups.update({ id: groupId }, { archivedAt: now });
        }
      }
    }
    const store = app.get(BlobStore);
    for (const { blob_key: key } of await dataSource.query<Array<{ blob_key: string }>>(
      'SELECT blob_key FROM group_file_versions',
    )) {
      blobs.set(key, await readFile(store.localPath(key)));
    }
    baselineRows = {};
    for (const table of tableNames) {
      baselineRows[table] = await dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM \`${table}\``);
    }
    baselineChecksum = await checksum();
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  const send = (spec: RouteSpec, c: Case, token: string) => {
    const req = request(app.getHttpServer())[spec.method](spec.path(c)).set(bearer(token));
    if (spec.upload) {
      for (const [key, value] of Object.entries(spec.body?.(c) ?? {})) {
        void req.field(key, String(value));
      }
      return req.attach('file', Buffer.from('new bytes'), 'upload.txt');
    }
    return spec.body ? req.send(spec.body(c)) : req;
  };

  it.each(ROUTES.map((spec) => [spec.name, spec] as const))('%s', async (_name, spec) => {
    const problems: string[] = [];
    for (const role of ROLES) {
      for (const groupState of GROUP_STATES) {
        for (const state of STATES) {
          const fixture = fixtures[role][groupState];
          const c: Case = { fixture, users: users[role], bystanderId };
          const expected = rule(spec, state, fixture);
          const response = await send(spec, c, users[role][state].token);
          const where = `${role} / ${state} / ${groupState}`;
          if (response.status !== expected) {
            problems.push(`${where}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
          }
          if (response.status === 404 && (response.body as { code?: string }).code === undefined) {
            problems.push(`${where}: a 404 without the error body`);
          }
          const changed = (await checksum()) !== baselineChecksum;
          const success = response.status >= 200 && response.status < 300;
          if (changed && !(success && spec.method !== 'get')) {
            problems.push(`${where}: rows changed by a ${response.status}`);
          }
          if (changed) {
            await restore();
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists a group only to its active members, and open groups only to the rest', async () => {
    const problems: string[] = [];
    for (const role of ROLES) {
      for (const state of STATES) {
        const token = users[role][state].token;
        const mine = (await request(app.getHttpServer()).get('/api/groups').set(bearer(token)).expect(200))
          .body as Array<{ id: string }>;
        const open = (await request(app.getHttpServer()).get('/api/groups/open').set(bearer(token)).expect(200))
          .body as Array<{ id: string }>;
        for (const groupState of GROUP_STATES) {
          const fixture = fixtures[role][groupState];
          const inMine = mine.some((g) => g.id === fixture.groupId);
          const inOpen = open.some((g) => g.id === fixture.groupId);
          if (inMine !== LEVEL[state] > 0) {
            problems.push(`${role} / ${state} / ${groupState}: in "mine" = ${inMine}`);
          }
          if (inOpen !== (LEVEL[state] === 0 && fixture.open && !fixture.archived)) {
            problems.push(`${role} / ${state} / ${groupState}: in "open" = ${inOpen}`);
          }
        }
        // Nobody sees another role's groups.
        for (const other of ROLES.filter((r) => r !== role)) {
          for (const groupState of GROUP_STATES) {
            if (mine.some((g) => g.id === fixtures[other][groupState].groupId)) {
              problems.push(`${role} / ${state} sees ${other}'s ${groupState} group`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await checksum()).toBe(baselineChecksum);
  });

  it('lets admins, RTC staff and coordinators create groups, and not learners', async () => {
    for (const role of ROLES) {
      await request(app.getHttpServer())
        .post('/api/groups')
        .set(bearer(users[role].none.token))
        .send({ name: 'New', kind: 'expert_community' })
        .expect(role === 'learner' ? 403 : 201);
    }
    await restore();
  });

  it('answers 401 without a token on every route', async () => {
    const c: Case = { fixture: fixtures.learner.closed, users: users.learner, bystanderId };
    for (const spec of ROUTES) {
      const response = await request(app.getHttpServer())[spec.method](spec.path(c));
      expect([spec.name, response.status]).toEqual([spec.name, 401]);
    }
    expect(await checksum()).toBe(baselineChecksum);
  });
});
