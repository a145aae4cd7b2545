import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { DecisionOutcome } from '../entities/registration-decision.entity';
import { User, UserRole, UserStatus } from '../entities/user.entity';
import { ALL_COUNTRIES, countriesScope } from '../repositories/country-scope';
import { RegistrationReviewService } from './registration-review.service';
import { MailTemplate } from '@app/notifications';

const coordinator: AuthenticatedUser = {
  id: 'coordinator-1',
  email: 'coordinator@kra.example',
  displayName: 'Coordinator',
  country: 'KE',
  roles: [UserRole.Learner, 'coordinator'],
  coordinatorCountries: ['KE'],
  rtcIds: [],
  sessionId: 'session-1',
};
const admin: AuthenticatedUser = { ...coordinator, id: 'admin-1', roles: [UserRole.Admin], coordinatorCountries: [] };

const pending = (id = 'user-1'): User =>
  Object.assign(new User(), {
    id,
    email: `${id}@kra.example`,
    displayName: `Officer ${id}`,
    country: 'KE',
    preferredLanguage: 'fr',
    status: UserStatus.Pending,
  });

describe(RegistrationReviewService.name, () => {
  const manager = { name: 'the transaction' };
  const dataSource = { transaction: jest.fn((work: (m: unknown) => Promise<unknown>) => work(manager)) };
  const users = { findRegistration: jest.fn(), findRegistrationsByIds: jest.fn(), transition: jest.fn() };
  const decisions = { append: jest.fn() };
  const sessions = { endAllOfUser: jest.fn() };
  const notifications = { sendEmail: jest.fn() };
  const audit = { record: jest.fn() };
  const config = { publicUrl: new URL('https://clearance.example') } as AppConfig;
  let sut: RegistrationReviewService;

  beforeEach(() => {
    jest.clearAllMocks();
    users.transition.mockResolvedValue(true);
    sut = new RegistrationReviewService(
      dataSource as never,
      users as never,
      decisions as never,
      sessions as never,
      notifications as never,
      config,
      audit as never,
    );
  });

  it('looks registrations up within the caller scope: a coordinator their countries, the Secretariat all', async () => {
    users.findRegistration.mockResolvedValue(pending());
    await sut.approve(coordinator, 'user-1');
    expect(users.findRegistration).toHaveBeenCalledWith(countriesScope(['KE']), 'user-1');
    await sut.approve(admin, 'user-1');
    expect(users.findRegistration).toHaveBeenLastCalledWith(ALL_COUNTRIES, 'user-1');
  });

  it('approves: pending → active and the decision in one transaction, then the approval mail with the sign-in link', async () => {
    users.findRegistration.mockResolvedValue(pending());

    const approved = await sut.approve(coordinator, 'user-1');

    expect(approved.status).toBe(UserStatus.Active);
    expect(users.transition).toHaveBeenCalledWith('user-1', UserStatus.Pending, { status: UserStatus.Active }, manager);
    expect(audit.record).toHaveBeenCalledWith(manager, {
      action: 'registration.approve',
      targetType: 'user',
      targetId: 'user-1',
      targetCountry: 'KE',
    });
    expect(decisions.append).toHaveBeenCalledWith(
      expect.objectContaining({
        userId: 'user-1',
        country: 'KE',
        outcome: DecisionOutcome.Approved,
        reason: null,
        decidedBy: 'coordinator-1',
      }),
      manager,
    );
    expect(notifications.sendEmail).toHaveBeenCalledWith({
      to: 'user-1@kra.example',
      template: MailTemplate.RegistrationApproved,
      language: 'fr',
      params: { displayName: 'Officer user-1', link: 'https://clearance.example/sign-in' },
    });
    expect(sessions.endAllOfUser).not.toHaveBeenCalled();
  });

  it('rejects with the trimmed reason, ends the account sessions and mails the reason', async () => {
    users.findRegistration.mockResolvedValue(pending());

    const rejected = await sut.reject(coordinator, 'user-1', '  Not a customs officer  ');

    expect(rejected.status).toBe(UserStatus.Rejected);
    expect(decisions.append).toHaveBeenCalledWith(
      expect.objectContaining({ outcome: DecisionOutcome.Rejected, reason: 'Not a customs officer' }),
      manager,
    );
    expect(sessions.endAllOfUser).toHaveBeenCalledWith('user-1', 'rejected', expect.any(Date));
    expect(notifications.sendEmail).toHaveBeenCalledWith(
      expect.objectContaining({
        template: MailTemplate.RegistrationRejected,
        params: { displayName: 'Officer user-1', reason: 'Not a customs officer' },
      }),
    );
  });

  it('answers 404 for a registration outside the scope, and writes nothing', async () => {
    users.findRegistration.mockResolvedValue(null);

    const failure = await sut.approve(coordinator, 'user-9').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DomainException);
    expect(failure).toMatchObject({ code: ErrorCode.RegistrationNotFound });
    expect(dataSource.transaction).not.toHaveBeenCalled();
    expect(notifications.sendEmail).not.toHaveBeenCalled();
  });

  it('answers 409 when the registration is no longer pending (another decided first): no decision, no mail', async () => {
    users.findRegistration.mockResolvedValue(pending());
    users.transition.mockResolvedValue(false);

    await expect(sut.approve(coordinator, 'user-1')).rejects.toMatchObject({
      code: ErrorCode.RegistrationNotPending,
    });
    expect(decisions.append).not.toHaveBeenCalled();
    expect(notifications.sendEmail).not.toHaveBeenCalled();
  });

  it('decides in bulk: each once, with an outcome per id (unknown ones not found, decided ones not pending)', async () => {
    users.findRegistrationsByIds.mockResolvedValue([pending('user-1'), pending('user-2')]);
    users.transition.mockImplementation((id: string) => Promise.resolve(id === 'user-1'));

    const results = await sut.bulk(coordinator, 'approve', ['user-1', 'user-2', 'user-1', 'user-3']);

    expect(users.findRegistrationsByIds).toHaveBeenCalledWith(countriesScope(['KE']), ['user-1', 'user-2', 'user-3']);
    expect(results).toEqual([
      { userId: 'user-1', outcome: 'approved' },
      { userId: 'user-2', outcome: 'not_pending' },
      { userId: 'user-3', outcome: 'not_found' },
    ]);
    expect(notifications.sendEmail).toHaveBeenCalledTimes(1);
  });

  it('refuses a bulk rejection without a reason before reading anything', async () => {
    await expect(sut.bulk(coordinator, 'reject', ['user-1'], '   ')).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    expect(users.findRegistrationsByIds).not.toHaveBeenCalled();
  });
});
