import { CommitBodyError, markSuspended, MAX_SUSPEND_DATA, parseCommitBody } from './commit-body';

const problem = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof CommitBodyError ? error.problem : 'other';
  }
  return undefined;
};

describe('parseCommitBody', () => {
  it('derives SCORM 2004 columns', () => {
    const sut = parseCommitBody(
      {
        cmi: {
          completion_status: 'completed',
          success_status: 'passed',
          score: { scaled: '0.75' },
          session_time: 'PT1M',
          exit: 'suspend',
          interactions: { '0': { id: 'q1' } },
        },
        commitSequence: 4,
      },
      'scorm2004',
    );
    expect(sut).toEqual(
      expect.objectContaining({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.75,
        sessionSeconds: 60,
        totalSeconds: null,
        exit: 'suspend',
        terminated: false,
        commitSequence: 4,
        adl: null,
      }),
    );
  });

  it('reads the terminate commit by its total_time, and unknown values as unknown', () => {
    const sut = parseCommitBody(
      {
        cmi: {
          completion_status: 'done',
          success_status: 'great',
          score: { scaled: '7' },
          total_time: 'PT90S',
          exit: 'x',
        },
      },
      'scorm2004',
    );
    expect(sut).toEqual(
      expect.objectContaining({
        completionStatus: 'unknown',
        successStatus: 'unknown',
        scoreScaled: null,
        totalSeconds: 90,
        terminated: true,
        exit: '',
        commitSequence: null,
      }),
    );
  });

  it('derives SCORM 1.2 columns from lesson_status and the raw score', () => {
    const derive = (core: object) => parseCommitBody({ cmi: { core } }, 'scorm12');
    expect(derive({ lesson_status: 'passed', score: { raw: '90' } })).toEqual(
      expect.objectContaining({ completionStatus: 'completed', successStatus: 'passed', scoreScaled: 0.9 }),
    );
    expect(derive({ lesson_status: 'failed', score: { raw: '5', min: '0', max: '10' } })).toEqual(
      expect.objectContaining({ completionStatus: 'completed', successStatus: 'failed', scoreScaled: 0.5 }),
    );
    expect(derive({ lesson_status: 'completed' })).toEqual(
      expect.objectContaining({ completionStatus: 'completed', successStatus: 'unknown', scoreScaled: null }),
    );
    expect(derive({ lesson_status: 'browsed' }).completionStatus).toBe('incomplete');
    expect(derive({ lesson_status: 'not attempted' }).completionStatus).toBe('not attempted');
    expect(derive({ session_time: '00:01:00.50', exit: 'suspend' })).toEqual(
      expect.objectContaining({ sessionSeconds: 60.5, exit: 'suspend', terminated: false }),
    );
    expect(derive({ total_time: '00:02:00' })).toEqual(
      expect.objectContaining({ totalSeconds: 120, terminated: true }),
    );
    expect(derive({ score: { raw: '1e308' } }).scoreScaled).toBe(1);
  });

  it('accepts shared data keyed by long target IDs', () => {
    const target = `urn:clearance:shared:${'x'.repeat(3000)}`;
    expect(parseCommitBody({ cmi: {}, sharedData: { [target]: 'store' } }, 'scorm2004').cmi).toEqual({});
  });

  it('parses text/plain bodies', () => {
    expect(parseCommitBody('{"cmi":{"location":"p1"},"commitSequence":1}', 'scorm2004').cmi).toEqual({
      location: 'p1',
    });
    expect(problem(() => parseCommitBody('{"cmi":', 'scorm2004'))).toBe('invalid');
  });

  it('refuses wrong shapes', () => {
    for (const body of [
      null,
      [],
      'null',
      '[]',
      42,
      {},
      { cmi: [] },
      { cmi: 'x' },
      { cmi: {}, other: 1 },
      { cmi: {}, commitSequence: 1.5 },
      { cmi: {}, commitSequence: -1 },
      { cmi: {}, adl: [] },
      { cmi: { interactions: [] } },
      { cmi: { score: 'x' } },
      { cmi: { interactions: 'x' } },
      { cmi: { objectives: 7 } },
    ]) {
      expect(problem(() => parseCommitBody(body, 'scorm2004'))).toBe('invalid');
    }
    expect(problem(() => parseCommitBody({ cmi: { core: 'x' } }, 'scorm12'))).toBe('invalid');
    expect(problem(() => parseCommitBody({ cmi: { student_data: 'x' } }, 'scorm12'))).toBe('invalid');
    // Not an element of SCORM 2004: kept as it is.
    expect(problem(() => parseCommitBody({ cmi: { core: 'x' } }, 'scorm2004'))).toBeUndefined();
    expect(problem(() => parseCommitBody('{"cmi":{"__proto__":{"x":1}}}', 'scorm2004'))).toBe('invalid');
  });

  it('enforces the limits', () => {
    expect(
      problem(() => parseCommitBody({ cmi: { suspend_data: 'x'.repeat(MAX_SUSPEND_DATA) } }, 'scorm2004')),
    ).toBeUndefined();
    expect(
      problem(() => parseCommitBody({ cmi: { suspend_data: 'x'.repeat(MAX_SUSPEND_DATA + 1) } }, 'scorm2004')),
    ).toBe('suspend-data-too-long');
    expect(problem(() => parseCommitBody({ cmi: { comments: 'x'.repeat(64_001) } }, 'scorm2004'))).toBe('invalid');
    const wide: Record<string, number> = {};
    for (let i = 0; i < 20_001; i++) {
      wide[i] = 1;
    }
    expect(problem(() => parseCommitBody({ cmi: { interactions: wide } }, 'scorm2004'))).toBe('invalid');
    let deep: object = { x: 1 };
    for (let i = 0; i < 9; i++) {
      deep = { d: deep };
    }
    expect(problem(() => parseCommitBody({ cmi: deep }, 'scorm2004'))).toBe('invalid');
    expect(problem(() => parseCommitBody({ cmi: { ['k'.repeat(4001)]: 1 } }, 'scorm2004'))).toBe('invalid');
  });

  it('refuses lone UTF-16 surrogates in values and keys, also in text/plain bodies, and keeps emoji', () => {
    expect(problem(() => parseCommitBody({ cmi: { suspend_data: 'a\ud800b' } }, 'scorm2004'))).toBe('invalid');
    expect(problem(() => parseCommitBody({ cmi: { ['k\udc00']: 'v' } }, 'scorm2004'))).toBe('invalid');
    expect(problem(() => parseCommitBody('{"cmi":{"location":"\\ud83d"}}', 'scorm2004'))).toBe('invalid');
    expect(parseCommitBody({ cmi: { location: '\u{1F600}' } }, 'scorm2004').cmi.location).toBe('\u{1F600}');
  });

  it('pagehide: a missing exit becomes suspend, a set one stays', () => {
    const commit2004 = parseCommitBody({ cmi: { location: 'a' } }, 'scorm2004');
    expect(markSuspended(commit2004, 'scorm2004')).toEqual(
      expect.objectContaining({ exit: 'suspend', cmi: { location: 'a', exit: 'suspend' } }),
    );
    const commit12 = parseCommitBody({ cmi: { core: { lesson_location: 'b' } } }, 'scorm12');
    expect(markSuspended(commit12, 'scorm12').cmi).toEqual({ core: { lesson_location: 'b', exit: 'suspend' } });
    const normal = parseCommitBody({ cmi: { exit: 'normal' } }, 'scorm2004');
    expect(markSuspended(normal, 'scorm2004')).toBe(normal);
  });
});
