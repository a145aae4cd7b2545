import { DomainException, ErrorCode } from '@app/common';
import { LaunchClaims } from '../tokens/launch-token.service';
import { COMMIT_ACCEPTED, CommitService } from './commit.service';

const claims: LaunchClaims = {
  sub: 'learner-1',
  sid: 'sign-in-1',
  att: 'attempt-1',
  ses: 2,
  std: 'scorm2004',
} as LaunchClaims;
const body = { cmi: { completion_status: 'incomplete', suspend_data: 'page=3' } };

describe(CommitService.name, () => {
  const attempts = { commit: jest.fn(), placeOf: jest.fn() };
  const tokens = { verify: jest.fn() };
  const results = { afterStatusChange: jest.fn() };
  const sharedData = { accessOf: jest.fn(), write: jest.fn() };
  const catalogue = { packageWithManifest: jest.fn() };
  const interactions = { schedule: jest.fn() };
  const sessions = { standing: jest.fn() };
  let sut: CommitService;

  beforeEach(() => {
    jest.clearAllMocks();
    tokens.verify.mockReturnValue(claims);
    attempts.commit.mockResolvedValue('written');
    attempts.placeOf.mockResolvedValue({ courseId: 'course-1', packageId: 'package-1', itemId: 'item-1' });
    sut = new CommitService(
      attempts as never,
      tokens as never,
      sessions as never,
      results as never,
      sharedData as never,
      catalogue as never,
      interactions as never,
    );
  });

  it("queues the job that extracts interactions and refreshes the reports' time after a written commit, and only then", async () => {
    await sut.commit({ attemptId: 'attempt-1', token: 't', body });
    expect(interactions.schedule).toHaveBeenCalledWith('attempt-1');
    interactions.schedule.mockClear();
    const answered = { cmi: { ...body.cmi, interactions: { '0': { id: 'q1', result: 'correct' } } } };
    await sut.commit({ attemptId: 'attempt-1', token: 't', body: answered });
    expect(interactions.schedule).toHaveBeenCalledWith('attempt-1');
    interactions.schedule.mockClear();
    attempts.commit.mockResolvedValue('stale');
    await sut.commit({ attemptId: 'attempt-1', token: 't', body: answered });
    expect(interactions.schedule).not.toHaveBeenCalled();
  });

  it('writes the commit of the session the token names, and answers as scorm-again expects', async () => {
    await expect(sut.commit({ attemptId: 'attempt-1', token: 't', body })).resolves.toEqual(COMMIT_ACCEPTED);

    expect(tokens.verify).toHaveBeenCalledWith('t');
    expect(attempts.commit).toHaveBeenCalledWith(
      'attempt-1',
      'learner-1',
      2,
      'sign-in-1',
      expect.objectContaining({ completionStatus: 'incomplete' }),
    );
  });

  it('recomputes the course result only when the commit changed the item status', async () => {
    await sut.commit({ attemptId: 'attempt-1', token: 't', body });
    expect(results.afterStatusChange).not.toHaveBeenCalled();

    attempts.commit.mockResolvedValue('status-changed');
    await expect(sut.commit({ attemptId: 'attempt-1', token: 't', body })).resolves.toEqual(COMMIT_ACCEPTED);
    expect(attempts.placeOf).toHaveBeenCalledWith('attempt-1', 'learner-1');
    expect(results.afterStatusChange).toHaveBeenCalledWith('learner-1', 'course-1');
  });

  it('refuses a token of another attempt as if the attempt did not exist, writing nothing', async () => {
    const failure = await sut.commit({ attemptId: 'attempt-2', token: 't', body }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DomainException);
    expect(failure).toMatchObject({ code: ErrorCode.AttemptNotFound });
    expect(attempts.commit).not.toHaveBeenCalled();
  });

  it('refuses a body that is not a commit (400 COMMIT_INVALID), writing nothing', async () => {
    await expect(sut.commit({ attemptId: 'attempt-1', token: 't', body: 'not json' })).rejects.toMatchObject({
      code: ErrorCode.CommitInvalid,
    });
    expect(attempts.commit).not.toHaveBeenCalled();
  });

  it('accepts and drops the commits of a review (nothing changes a completed attempt)', async () => {
    tokens.verify.mockReturnValue({ ...claims, rev: true });
    sessions.standing.mockResolvedValue('live');

    await expect(sut.commit({ attemptId: 'attempt-1', token: 't', body })).resolves.toEqual(COMMIT_ACCEPTED);
    expect(sessions.standing).toHaveBeenCalledWith('sign-in-1', 'learner-1');
    expect(attempts.commit).not.toHaveBeenCalled();
  });

  it('marks the terminate commit, and the pagehide beacon as a suspend', async () => {
    await sut.commit({ attemptId: 'attempt-1', token: 't', body, terminate: true, reason: 'pagehide' });

    expect(attempts.commit).toHaveBeenCalledWith(
      'attempt-1',
      'learner-1',
      2,
      'sign-in-1',
      expect.objectContaining({ terminated: true, exit: 'suspend' }),
    );
  });

  it.each([
    ['stale', COMMIT_ACCEPTED],
    ['written', COMMIT_ACCEPTED],
  ])('answers success when the repository says %s', async (outcome, expected) => {
    attempts.commit.mockResolvedValue(outcome);
    await expect(sut.commit({ attemptId: 'attempt-1', token: 't', body })).resolves.toEqual(expected);
  });

  it.each([
    ['not-found', ErrorCode.AttemptNotFound],
    ['superseded', ErrorCode.SessionSuperseded],
  ])('turns the repository outcome %s into %s', async (outcome, code) => {
    attempts.commit.mockResolvedValue(outcome);
    await expect(sut.commit({ attemptId: 'attempt-1', token: 't', body })).rejects.toMatchObject({ code });
  });
});
