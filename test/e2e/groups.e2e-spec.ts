import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '@app/accounts';
import { createTestApp, createUser, login, resetDatabase, TestApp } from '../support/app';
import { GroupDigestService } from '@app/groups';
import { QueueName, QueueService } from '@app/queue';
import { appoint, bearer, isolateRedisPrefix, uniqueEmail } from '../support/accounts';

type Person = { id: string; email: string; password: string; token: string };

const NO_SUCH_ID = '6b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f';

describe('closed user groups, fora and files', () => {
  let restorePrefix: () => void;
  let app: TestApp;
  let admin: Person;
  let coordinator: Person;
  let rtc: Person;
  let expert: Person;
  let colleague: Person;
  let outsider: Person;

  const http = () => request(app.getHttpServer());
  const as = (person: Person) => ({
    get: (path: string) => http().get(path).set(bearer(person.token)),
    post: (path: string, body: object = {}) => http().post(path).set(bearer(person.token)).send(body),
    patch: (path: string, body: object) => http().patch(path).set(bearer(person.token)).send(body),
    put: (path: string, body: object) => http().put(path).set(bearer(person.token)).send(body),
    delete: (path: string) => http().delete(path).set(bearer(person.token)),
  });

  const person = async (overrides: Parameters<typeof createUser>[1] = {}): Promise<Person> => {
    const user = await createUser(app, overrides);
    return { ...user, token: await login(app, user.email, user.password) };
  };

  beforeAll(async () => {
    // Mail jobs queued here stay in this file's own queues.
    restorePrefix = isolateRedisPrefix('groups');
    app = await createTestApp();
    await resetDatabase(app);
    admin = await person({ role: UserRole.Admin, country: null });
    coordinator = await person({ country: 'KE' });
    await appoint(app, admin.token, coordinator.id, 'KE');
    rtc = await person({ role: UserRole.RtcStaff, displayName: 'RTC Nairobi' });
    expert = await person({ displayName: 'Expert Amina' });
    colleague = await person({ displayName: 'Colleague Juan', country: 'ES' });
    outsider = await person({ displayName: 'Outsider' });
  });

  afterAll(async () => {
    await app.close();
    restorePrefix();
  });

  describe('creating groups', () => {
    it('needs a signed-in admin, RTC staff or coordinator', async () => {
      await http().post('/api/groups').send({ name: 'x', kind: 'expert_community' }).expect(401);
      await as(expert).post('/api/groups', { name: 'x', kind: 'expert_community' }).expect(403);
      for (const creator of [admin, coordinator, rtc]) {
        await as(creator).post('/api/groups', { name: 'Valuation experts', kind: 'expert_community' }).expect(201);
      }
    });

    it('validates the body', async () => {
      await as(rtc).post('/api/groups', { name: '', kind: 'expert_community' }).expect(400);
      await as(rtc).post('/api/groups', { name: 'x', kind: 'party' }).expect(400);
      await as(rtc).post('/api/groups', { name: 'x', kind: 'expert_community', extra: 1 }).expect(400);
    });
  });

  describe('membership', () => {
    let groupId: string;

    beforeAll(async () => {
      groupId = (
        await as(rtc)
          .post('/api/groups', {
            name: 'HS classification workshop',
            kind: 'material_workshop',
            description: 'Material for the 2027 workshop',
            language: 'fr',
          })
          .expect(201)
      ).body.id as string;
    });

    it('is closed by default: non-members get 404 and never see it listed', async () => {
      const mine = await as(rtc).get('/api/groups').expect(200);
      expect(mine.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: groupId, myRole: 'owner', kind: 'material_workshop', language: 'fr' }),
        ]),
      );
      await as(outsider).get(`/api/groups/${groupId}`).expect(404);
      await as(admin).get(`/api/groups/${groupId}`).expect(404);
      expect((await as(outsider).get('/api/groups').expect(200)).body).toEqual([]);
      expect((await as(outsider).get('/api/groups/open').expect(200)).body).toEqual([]);
      await as(outsider).post(`/api/groups/${groupId}/join-requests`).expect(404);
      await as(outsider).get(`/api/groups/${NO_SUCH_ID}`).expect(404);
      await as(outsider).get('/api/groups/not-a-uuid').expect(400);
    });

    it('invites an account, which accepts', async () => {
      await as(expert).post(`/api/groups/${groupId}/invitations`, { userId: colleague.id }).expect(404);
      const invitation = await as(rtc).post(`/api/groups/${groupId}/invitations`, { userId: expert.id }).expect(201);
      await as(rtc).post(`/api/groups/${groupId}/invitations`, { userId: expert.id }).expect(409);
      // Invited is not yet a member.
      await as(expert).get(`/api/groups/${groupId}`).expect(404);
      const invitations = await as(expert).get('/api/me/group-invitations').expect(200);
      expect(invitations.body).toEqual([
        expect.objectContaining({ id: invitation.body.id, groupId, groupName: 'HS classification workshop' }),
      ]);
      // Another user's ids: the invitation is not theirs to see, accept or decline (the web's group page
      // shows an invited person the invitation from this list, never from the group itself).
      expect((await as(outsider).get('/api/me/group-invitations').expect(200)).body).toEqual([]);
      const foreignAccept = await as(outsider).post(`/api/group-invitations/${invitation.body.id}/accept`).expect(404);
      const foreignDecline = await as(outsider)
        .post(`/api/group-invitations/${invitation.body.id}/decline`)
        .expect(404);
      expect([foreignAccept.body.code, foreignDecline.body.code]).toEqual([
        'INVITATION_NOT_FOUND',
        'INVITATION_NOT_FOUND',
      ]);
      expect((await as(expert).get('/api/me/group-invitations').expect(200)).body).toHaveLength(1);
      const accepted = await as(expert).post(`/api/group-invitations/${invitation.body.id}/accept`).expect(200);
      expect(accepted.body).toMatchObject({ id: groupId, myRole: 'member' });
      await as(expert).post(`/api/group-invitations/${invitation.body.id}/accept`).expect(404);
      const members = await as(expert).get(`/api/groups/${groupId}/members`).expect(200);
      expect(members.body).toEqual([
        expect.objectContaining({ userId: rtc.id, role: 'owner', displayName: 'RTC Nairobi' }),
        expect.objectContaining({ userId: expert.id, role: 'member', displayName: 'Expert Amina' }),
      ]);
    });

    it('invites an email that joins when its owner registers', async () => {
      const email = uniqueEmail('future-expert');
      await as(rtc).post(`/api/groups/${groupId}/invitations`, { email: email.toUpperCase() }).expect(201);
      await as(rtc).post(`/api/groups/${groupId}/invitations`, { email }).expect(409);
      await as(rtc).post(`/api/groups/${groupId}/invitations`, { email, userId: expert.id }).expect(400);
      await as(rtc).post(`/api/groups/${groupId}/invitations`, {}).expect(400);
      const pending = await as(rtc).get(`/api/groups/${groupId}/members`).expect(200);
      expect(pending.body).toEqual(expect.arrayContaining([expect.objectContaining({ email, state: 'invited' })]));
      // Members below moderator see active members only.
      expect((await as(expert).get(`/api/groups/${groupId}/members`).expect(200)).body).toHaveLength(2);

      const newcomer = await person({ email });
      const invitations = await as(newcomer).get('/api/me/group-invitations').expect(200);
      expect(invitations.body).toEqual([expect.objectContaining({ groupId })]);
      await as(newcomer).post(`/api/group-invitations/${invitations.body[0].id}/accept`).expect(200);
      await as(newcomer).get(`/api/groups/${groupId}`).expect(200);
      await as(newcomer).post(`/api/groups/${groupId}/leave`).expect(204);
      await as(newcomer).get(`/api/groups/${groupId}`).expect(404);
    });

    it('takes join requests for open groups, approved by a moderator', async () => {
      await as(rtc).patch(`/api/groups/${groupId}`, { openForRequests: true }).expect(200);
      const open = await as(outsider).get('/api/groups/open').expect(200);
      expect(open.body).toEqual([expect.objectContaining({ id: groupId, myState: null })]);
      expect(JSON.stringify(open.body)).not.toContain('quota');
      const joinRequest = await as(outsider).post(`/api/groups/${groupId}/join-requests`).expect(201);
      await as(outsider).post(`/api/groups/${groupId}/join-requests`).expect(409);
      expect((await as(outsider).get('/api/groups/open').expect(200)).body[0]).toMatchObject({ myState: 'requested' });
      await as(outsider).get(`/api/groups/${groupId}`).expect(404);
      await as(outsider).post(`/api/group-join-requests/${joinRequest.body.id}/approve`).expect(404);
      await as(expert).post(`/api/group-join-requests/${joinRequest.body.id}/approve`).expect(403);
      const approved = await as(rtc).post(`/api/group-join-requests/${joinRequest.body.id}/approve`).expect(200);
      expect(approved.body).toMatchObject({ userId: outsider.id, state: 'active', role: 'member' });
      await as(outsider).get(`/api/groups/${groupId}`).expect(200);
      expect((await as(outsider).get('/api/groups/open').expect(200)).body).toEqual([]);
      const list = (await as(rtc).get(`/api/groups/${groupId}/members`).expect(200)).body as Array<{
        id: string;
        userId: string;
      }>;
      await as(expert)
        .delete(`/api/groups/${groupId}/members/${list.find((m) => m.userId === outsider.id)!.id}`)
        .expect(403);
      await as(rtc)
        .delete(`/api/groups/${groupId}/members/${list.find((m) => m.userId === outsider.id)!.id}`)
        .expect(204);
      await as(outsider).get(`/api/groups/${groupId}`).expect(404);
      await as(rtc).patch(`/api/groups/${groupId}`, { openForRequests: false }).expect(200);
    });

    it('makes moderators and transfers ownership', async () => {
      const list = (await as(rtc).get(`/api/groups/${groupId}/members`).expect(200)).body as Array<{
        id: string;
        userId: string;
        role: string;
      }>;
      const expertMembership = list.find((m) => m.userId === expert.id)!;
      await as(expert)
        .patch(`/api/groups/${groupId}/members/${expertMembership.id}`, { role: 'moderator' })
        .expect(403);
      await as(rtc).patch(`/api/groups/${groupId}/members/${expertMembership.id}`, { role: 'owner' }).expect(400);
      await as(rtc).patch(`/api/groups/${groupId}/members/${expertMembership.id}`, { role: 'moderator' }).expect(200);
      await as(rtc).post(`/api/groups/${groupId}/leave`).expect(409);
      await as(rtc).post(`/api/groups/${groupId}/transfer-ownership`, { userId: outsider.id }).expect(404);
      await as(rtc).post(`/api/groups/${groupId}/transfer-ownership`, { userId: expert.id }).expect(204);
      expect((await as(expert).get(`/api/groups/${groupId}`).expect(200)).body.myRole).toBe('owner');
      expect((await as(rtc).get(`/api/groups/${groupId}`).expect(200)).body.myRole).toBe('moderator');
      await as(expert).post(`/api/groups/${groupId}/transfer-ownership`, { userId: rtc.id }).expect(204);
    });

    it('is read-only once archived, until the owner unarchives it', async () => {
      const thread = await as(expert)
        .post(`/api/groups/${groupId}/threads`, { title: 'Before', body: 'x' })
        .expect(201);
      await as(expert).patch(`/api/groups/${groupId}`, { archived: true }).expect(403);
      await as(rtc).patch(`/api/groups/${groupId}`, { archived: true }).expect(200);
      await as(expert).get(`/api/threads/${thread.body.id}`).expect(200);
      await as(expert).post(`/api/threads/${thread.body.id}/posts`, { body: 'late' }).expect(409);
      await as(rtc).post(`/api/groups/${groupId}/threads`, { title: 'x', body: 'x' }).expect(409);
      await as(rtc).post(`/api/groups/${groupId}/invitations`, { userId: colleague.id }).expect(409);
      await as(rtc).patch(`/api/groups/${groupId}`, { name: 'renamed' }).expect(409);
      const unarchived = await as(rtc).patch(`/api/groups/${groupId}`, { archived: false }).expect(200);
      expect(unarchived.body).toMatchObject({ archived: false, name: 'HS classification workshop' });
    });
  });

  describe('the forum', () => {
    let groupId: string;
    let threadId: string;

    beforeAll(async () => {
      groupId = (await as(coordinator).post('/api/groups', { name: 'Forum', kind: 'expert_community' }).expect(201))
        .body.id as string;
      for (const member of [expert, colleague]) {
        const invitation = await as(coordinator)
          .post(`/api/groups/${groupId}/invitations`, { userId: member.id })
          .expect(201);
        await as(member).post(`/api/group-invitations/${invitation.body.id}/accept`).expect(200);
      }
    });

    it('renders Markdown and keeps the source; raw HTML stays text', async () => {
      await as(outsider).post(`/api/groups/${groupId}/threads`, { title: 't', body: 'b' }).expect(404);
      await as(expert).post(`/api/groups/${groupId}/threads`, { title: '', body: 'b' }).expect(400);
      const body = '**Agenda** <script>alert(1)</script> [link](javascript:alert(1)) [ok](https://wcoomd.org)';
      const created = await as(expert).post(`/api/groups/${groupId}/threads`, { title: 'Agenda', body }).expect(201);
      threadId = created.body.id as string;
      const thread = await as(colleague).get(`/api/threads/${threadId}`).expect(200);
      expect(thread.body).toMatchObject({
        title: 'Agenda',
        postCount: 1,
        authorName: 'Expert Amina',
        canModerate: false,
      });
      const [post] = thread.body.posts;
      expect(post.bodySource).toBe(body);
      expect(post.bodyHtml).toContain('<strong>Agenda</strong>');
      expect(post.bodyHtml).toContain('&lt;script&gt;');
      expect(post.bodyHtml).not.toContain('<script');
      expect(post.bodyHtml).not.toContain('javascript:alert(1)"');
      expect(post.bodyHtml).toContain('<a href="https://wcoomd.org" rel="nofollow ugc noopener noreferrer">ok</a>');
      await as(outsider).get(`/api/threads/${threadId}`).expect(404);
    });

    it('lets authors edit their own posts and moderators any', async () => {
      const reply = await as(colleague).post(`/api/threads/${threadId}/posts`, { body: 'I agree' }).expect(201);
      await as(outsider).post(`/api/threads/${threadId}/posts`, { body: 'x' }).expect(404);
      await as(expert).patch(`/api/posts/${reply.body.id}`, { body: 'changed by another' }).expect(403);
      await as(outsider).patch(`/api/posts/${reply.body.id}`, { body: 'x' }).expect(404);
      const edited = await as(colleague).patch(`/api/posts/${reply.body.id}`, { body: 'I _fully_ agree' }).expect(200);
      expect(edited.body).toMatchObject({ bodyHtml: '<p>I <em>fully</em> agree</p>\n', canEdit: true });
      expect(edited.body.editedAt).not.toBeNull();
      await as(coordinator).patch(`/api/posts/${reply.body.id}`, { body: 'moderated' }).expect(200);
      await as(expert).delete(`/api/posts/${reply.body.id}`).expect(403);
      await as(colleague).delete(`/api/posts/${reply.body.id}`).expect(204);
      await as(colleague).delete(`/api/posts/${reply.body.id}`).expect(409);
      const thread = await as(expert).get(`/api/threads/${threadId}`).expect(200);
      expect(thread.body.postCount).toBe(2);
      expect(thread.body.posts[1]).toMatchObject({ deleted: true, bodySource: '', bodyHtml: '' });
    });

    it('pins threads (moderators) and lists pinned first', async () => {
      const later = await as(colleague)
        .post(`/api/groups/${groupId}/threads`, { title: 'Later', body: 'x' })
        .expect(201);
      let list = (await as(expert).get(`/api/groups/${groupId}/threads`).expect(200)).body as Array<{ id: string }>;
      expect(list.map((t) => t.id)).toEqual([later.body.id, threadId]);
      await as(expert).patch(`/api/threads/${threadId}`, { pinned: true }).expect(403);
      await as(expert).patch(`/api/threads/${threadId}`, { title: 'Agenda (final)' }).expect(200);
      await as(colleague).patch(`/api/threads/${threadId}`, { title: 'nope' }).expect(403);
      await as(coordinator).patch(`/api/threads/${threadId}`, { pinned: true }).expect(200);
      list = (await as(expert).get(`/api/groups/${groupId}/threads`).expect(200)).body as Array<{ id: string }>;
      expect(list.map((t) => t.id)).toEqual([threadId, later.body.id]);
      await as(expert).delete(`/api/threads/${later.body.id}`).expect(403);
      await as(colleague).delete(`/api/threads/${later.body.id}`).expect(204);
      await as(colleague).get(`/api/threads/${later.body.id}`).expect(404);
    });
  });

  describe('mentions and the daily digest', () => {
    let groupId: string;
    const mailJob = async (jobId: string) =>
      app.get(QueueService).queue(QueueName.Notifications).getJob(jobId) as Promise<
        { data: { to: string; template: string; language: string; params: Record<string, string> } } | undefined
      >;

    beforeAll(async () => {
      groupId = (await as(rtc).post('/api/groups', { name: 'Mentions', kind: 'expert_community' }).expect(201)).body
        .id as string;
      for (const member of [expert, colleague]) {
        const invitation = await as(rtc).post(`/api/groups/${groupId}/invitations`, { userId: member.id }).expect(201);
        await as(member).post(`/api/group-invitations/${invitation.body.id}/accept`).expect(200);
      }
    });

    it('mails the members named as @Display Name in a new post, not others nor non-members', async () => {
      const thread = await as(rtc)
        .post(`/api/groups/${groupId}/threads`, {
          title: 'Review',
          body: 'Could @expert amina have a look? cc @Outsider',
        })
        .expect(201);
      const posts = (await as(rtc).get(`/api/threads/${thread.body.id}`).expect(200)).body.posts as Array<{
        id: string;
      }>;
      const mention = await mailJob(`group-mention-${posts[0].id}-${expert.id}`);
      expect(mention?.data).toMatchObject({
        to: expert.email,
        template: 'group-mention',
        params: {
          displayName: 'Expert Amina',
          authorName: 'RTC Nairobi',
          groupName: 'Mentions',
          threadTitle: 'Review',
        },
      });
      expect(mention?.data.params.link).toMatch(new RegExp(`/threads/${thread.body.id}$`));
      expect(await mailJob(`group-mention-${posts[0].id}-${outsider.id}`)).toBeUndefined();
      expect(await mailJob(`group-mention-${posts[0].id}-${colleague.id}`)).toBeUndefined();

      const reply = await as(expert)
        .post(`/api/threads/${thread.body.id}/posts`, { body: 'Yes, @Colleague Juan too' })
        .expect(201);
      expect((await mailJob(`group-mention-${reply.body.id}-${colleague.id}`))?.data.to).toBe(colleague.email);
    });

    it('sends each member one digest a day of what others posted in their groups', async () => {
      const now = new Date(Date.now() + 1000);
      const result = await app.get(GroupDigestService).run(now);
      expect(result.mails).toBeGreaterThanOrEqual(3);
      const day = now.toISOString().slice(0, 10);
      const toColleague = await mailJob(`group-digest-${colleague.id}-${day}`);
      expect(toColleague?.data).toMatchObject({ to: colleague.email, template: 'group-digest' });
      expect(toColleague?.data.params.summary).toContain('Mentions — Review (2)');
      const toExpert = await mailJob(`group-digest-${expert.id}-${day}`);
      // The expert's own reply is not news to them.
      expect(toExpert?.data.params.summary).toContain('Mentions — Review (1)');
      expect(await mailJob(`group-digest-${outsider.id}-${day}`)).toBeUndefined();
      // A second run the same day queues nothing new.
      const again = await app.get(GroupDigestService).run(now);
      expect(again.mails).toBe(result.mails);
      expect(
        (await app.get(QueueService).queue(QueueName.Notifications).getJobs()).filter((j) =>
          j.id?.startsWith(`group-digest-${colleague.id}`),
        ),
      ).toHaveLength(1);
    });
  });

  describe('workshops', () => {
    let groupId: string;

    beforeAll(async () => {
      groupId = (await as(rtc).post('/api/groups', { name: 'Workshop 2027', kind: 'material_workshop' }).expect(201))
        .body.id as string;
      const invitation = await as(rtc).post(`/api/groups/${groupId}/invitations`, { userId: expert.id }).expect(201);
      await as(expert).post(`/api/group-invitations/${invitation.body.id}/accept`).expect(200);
    });

    const session = {
      title: 'HS classification; day 1',
      description: 'Bring your tariff, please',
      start: '2027-03-15T09:00',
      end: '2027-03-15T12:30',
      timeZone: 'Africa/Nairobi',
      meetingUrl: 'https://meet.example.org/hs-day-1',
    };

    it('are scheduled by moderators in an IANA time zone, and validated', async () => {
      await as(expert).post(`/api/groups/${groupId}/workshops`, session).expect(403);
      await as(outsider).post(`/api/groups/${groupId}/workshops`, session).expect(404);
      await as(rtc)
        .post(`/api/groups/${groupId}/workshops`, { ...session, timeZone: 'Mars/Olympus' })
        .expect(400);
      await as(rtc)
        .post(`/api/groups/${groupId}/workshops`, { ...session, end: '2027-03-15T08:00' })
        .expect(400);
      await as(rtc)
        .post(`/api/groups/${groupId}/workshops`, { ...session, start: '2027-02-30T09:00' })
        .expect(400);
      await as(rtc)
        .post(`/api/groups/${groupId}/workshops`, { ...session, meetingUrl: 'javascript:alert(1)' })
        .expect(400);
      const created = await as(rtc).post(`/api/groups/${groupId}/workshops`, session).expect(201);
      expect(created.body).toMatchObject({
        startsAt: '2027-03-15T06:00:00.000Z',
        endsAt: '2027-03-15T09:30:00.000Z',
        start: '2027-03-15T09:00',
        timeZone: 'Africa/Nairobi',
      });
      const list = await as(expert).get(`/api/groups/${groupId}/workshops`).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ id: created.body.id })]);
      await as(outsider).get(`/api/groups/${groupId}/workshops`).expect(404);
      await as(outsider).get(`/api/workshops/${created.body.id}`).expect(404);
      const moved = await as(rtc)
        .patch(`/api/workshops/${created.body.id}`, { timeZone: 'Europe/Brussels' })
        .expect(200);
      expect(moved.body).toMatchObject({ start: '2027-03-15T09:00', startsAt: '2027-03-15T08:00:00.000Z' });
      await as(rtc).patch(`/api/workshops/${created.body.id}`, { meetingUrl: 'javascript:alert(1)' }).expect(400);
      const unlinked = await as(rtc).patch(`/api/workshops/${created.body.id}`, { meetingUrl: '' }).expect(200);
      expect(unlinked.body).toMatchObject({ meetingUrl: '', start: '2027-03-15T09:00' });
      await as(rtc).patch(`/api/workshops/${created.body.id}`, { meetingUrl: session.meetingUrl }).expect(200);
    });

    it('download as .ics, and carry linked material', async () => {
      const [workshop] = (await as(expert).get(`/api/groups/${groupId}/workshops`).expect(200)).body as Array<{
        id: string;
      }>;
      await as(outsider).get(`/api/workshops/${workshop.id}/ics`).expect(404);
      const ics = await as(expert).get(`/api/workshops/${workshop.id}/ics`).expect(200);
      expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(ics.headers['content-disposition']).toBe('attachment; filename="workshop.ics"');
      const text = ics.text;
      expect(text).toContain('\r\nDTSTART:20270315T080000Z\r\n');
      expect(text).toContain('SUMMARY:HS classification\\; day 1');
      expect(text).toContain('URL:https://meet.example.org/hs-day-1');
      expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
      for (const line of text.split('\r\n')) {
        expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      }

      const file = await http()
        .post(`/api/groups/${groupId}/files`)
        .set(bearer(rtc.token))
        .attach('file', Buffer.from('%PDF-1.4 reading'), 'pre-reading.pdf')
        .expect(201);
      await as(expert).put(`/api/workshops/${workshop.id}/materials/${file.body.id}`, { phase: 'before' }).expect(403);
      await as(rtc).put(`/api/workshops/${workshop.id}/materials/${NO_SUCH_ID}`, { phase: 'before' }).expect(404);
      await as(rtc).put(`/api/workshops/${workshop.id}/materials/${file.body.id}`, { phase: 'during' }).expect(400);
      const linked = await as(rtc)
        .put(`/api/workshops/${workshop.id}/materials/${file.body.id}`, { phase: 'before' })
        .expect(200);
      expect(linked.body.materials).toEqual([{ fileId: file.body.id, name: 'pre-reading.pdf', phase: 'before' }]);
      await as(rtc).delete(`/api/workshops/${workshop.id}/materials/${file.body.id}`).expect(204);
      await as(expert).delete(`/api/workshops/${workshop.id}`).expect(403);
      await as(rtc).delete(`/api/workshops/${workshop.id}`).expect(204);
      await as(expert).get(`/api/workshops/${workshop.id}`).expect(404);
    });

    it('lose their link to a file deleted from the library', async () => {
      const workshop = await as(rtc).post(`/api/groups/${groupId}/workshops`, session).expect(201);
      const file = await http()
        .post(`/api/groups/${groupId}/files`)
        .set(bearer(rtc.token))
        .attach('file', Buffer.from('notes'), 'notes.txt')
        .expect(201);
      await as(rtc).put(`/api/workshops/${workshop.body.id}/materials/${file.body.id}`, { phase: 'after' }).expect(200);
      await as(rtc).delete(`/api/group-files/${file.body.id}`).expect(204);
      expect((await as(expert).get(`/api/workshops/${workshop.body.id}`).expect(200)).body.materials).toEqual([]);
      const [{ n }] = await app
        .get(DataSource)
        .query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM group_workshop_materials WHERE file_id = ?', [
          file.body.id,
        ]);
      expect(Number(n)).toBe(0);
    });
  });

  describe('the file library', () => {
    let groupId: string;

    beforeAll(async () => {
      groupId = (await as(admin).post('/api/groups', { name: 'Library', kind: 'workshop_follow_up' }).expect(201)).body
        .id as string;
      const invitation = await as(admin).post(`/api/groups/${groupId}/invitations`, { userId: expert.id }).expect(201);
      await as(expert).post(`/api/group-invitations/${invitation.body.id}/accept`).expect(200);
    });

    const upload = (who: Person, content: Buffer | string, name: string, fields: Record<string, string> = {}) => {
      const req = http().post(`/api/groups/${groupId}/files`).set(bearer(who.token));
      for (const [key, value] of Object.entries(fields)) {
        void req.field(key, value);
      }
      return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
    };

    it('stores uploads under blob keys, with versions and the quota counted', async () => {
      await upload(outsider, 'x', 'a.txt').expect(404);
      await http().post(`/api/groups/${groupId}/files`).set(bearer(expert.token)).send({}).expect(415);
      const folder = await as(expert).post(`/api/groups/${groupId}/folders`, { name: 'Slides' }).expect(201);
      const first = await upload(expert, 'version one', '../../etc/passwd', { folderId: folder.body.id }).expect(201);
      expect(first.body).toMatchObject({ name: 'passwd', currentVersion: 1, sizeBytes: 11, folderId: folder.body.id });
      const second = await upload(expert, 'version two!', 'ignored.txt', { fileId: first.body.id }).expect(201);
      expect(second.body).toMatchObject({ name: 'passwd', currentVersion: 2, sizeBytes: 12 });
      expect(second.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

      const keys = await app
        .get(DataSource)
        .query('SELECT blob_key FROM group_file_versions WHERE file_id = ?', [first.body.id]);
      for (const { blob_key: key } of keys as Array<{ blob_key: string }>) {
        expect(key).toMatch(new RegExp(`^group-files/${groupId}/[0-9a-f-]{36}$`));
      }
      const library = await as(expert).get(`/api/groups/${groupId}/files`).expect(200);
      expect(library.body).toMatchObject({ usedBytes: 23, folders: [{ name: 'Slides' }], files: [] });
      const inFolder = await as(expert).get(`/api/groups/${groupId}/files?folderId=${folder.body.id}`).expect(200);
      expect(inFolder.body.files).toEqual([expect.objectContaining({ id: first.body.id })]);
      await as(outsider).get(`/api/groups/${groupId}/files`).expect(404);
      await as(outsider).get(`/api/group-files/${first.body.id}`).expect(404);
      await as(outsider).get(`/api/group-files/${first.body.id}/download`).expect(404);

      const old = await as(expert).get(`/api/group-files/${first.body.id}/download?version=1`).expect(200);
      expect(old.headers['content-disposition']).toMatch(/^attachment; filename="passwd"/);
      expect(old.headers['content-type']).toBe('application/octet-stream');
      expect(old.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.from(old.body as Buffer).toString()).toBe('version one');

      await as(expert).delete(`/api/groups/${groupId}/folders/${folder.body.id}`).expect(403);
      await as(admin).delete(`/api/groups/${groupId}/folders/${folder.body.id}`).expect(409);
      await as(expert).delete(`/api/group-files/${first.body.id}`).expect(204);
      expect((await as(expert).get(`/api/groups/${groupId}/files`).expect(200)).body.usedBytes).toBe(0);
      await as(admin).delete(`/api/groups/${groupId}/folders/${folder.body.id}`).expect(204);
    });

    it('serves safe types inline with range requests, and stops at the quota', async () => {
      const video = Buffer.alloc(5000, 7);
      const file = await upload(expert, video, 'recorded session.mp4').expect(201);
      const full = await as(expert).get(`/api/group-files/${file.body.id}/download`).buffer(true).expect(200);
      expect(full.headers['content-type']).toBe('video/mp4');
      expect(full.headers['content-disposition']).toMatch(/^inline; filename="recorded session.mp4"/);
      expect(full.headers['accept-ranges']).toBe('bytes');
      const part = await as(expert)
        .get(`/api/group-files/${file.body.id}/download`)
        .set('Range', 'bytes=100-199')
        .buffer(true)
        .expect(206);
      expect(part.headers['content-range']).toBe('bytes 100-199/5000');
      expect((part.body as Buffer).length).toBe(100);
      await as(expert).get(`/api/group-files/${file.body.id}/download`).set('Range', 'bytes=9000-9999').expect(416);
      const svg = await upload(expert, '<svg onload="alert(1)"/>', 'logo.svg').expect(201);
      const served = await as(expert).get(`/api/group-files/${svg.body.id}/download`).expect(200);
      expect(served.headers['content-disposition']).toMatch(/^attachment;/);

      await app
        .get(DataSource)
        .query('UPDATE community_groups SET quota_bytes = used_bytes + 100 WHERE id = ?', [groupId]);
      await upload(expert, Buffer.alloc(101, 1), 'too-big.bin').expect(413);
      await upload(expert, Buffer.alloc(100, 1), 'fits.bin').expect(201);
      await upload(expert, 'x', 'full.bin').expect(413);
      const [{ n }] = await app
        .get(DataSource)
        .query<Array<{ n: string }>>('SELECT COUNT(*) AS n FROM group_files WHERE group_id = ? AND name IN (?, ?)', [
          groupId,
          'too-big.bin',
          'full.bin',
        ]);
      expect(Number(n)).toBe(0);
    });

    it('attaches library files to posts', async () => {
      await app.get(DataSource).query('UPDATE community_groups SET quota_bytes = 1000000 WHERE id = ?', [groupId]);
      const file = await upload(expert, '%PDF-1.4 minutes', 'minutes.pdf').expect(201);
      const other = (await as(colleague).post('/api/groups', { name: 'x', kind: 'expert_community' }).expect(403)).body;
      expect(other.code).toBe('FORBIDDEN');
      await as(expert)
        .post(`/api/groups/${groupId}/threads`, { title: 'Minutes', body: 'attached', attachmentIds: [NO_SUCH_ID] })
        .expect(404);
      const thread = await as(expert)
        .post(`/api/groups/${groupId}/threads`, { title: 'Minutes', body: 'attached', attachmentIds: [file.body.id] })
        .expect(201);
      const view = await as(admin).get(`/api/threads/${thread.body.id}`).expect(200);
      expect(view.body.posts[0].attachments).toEqual([
        { fileId: file.body.id, name: 'minutes.pdf', sizeBytes: 16, contentType: 'application/pdf' },
      ]);
    });
  });
});
