import { Attempt } from '../entities/attempt.entity';
import { decideLaunch } from './launch-rules';

const attempt = (fields: Partial<Attempt>): Attempt =>
  Object.assign(new Attempt(), {
    number: 3,
    completionStatus: 'incomplete',
    exitMode: '',
    terminated: false,
    ...fields,
  } satisfies Partial<Attempt>);

describe('decideLaunch', () => {
  it('starts attempt 1 when there is none', () => {
    expect(decideLaunch(null, 'scorm2004', 'sco', false)).toEqual({ kind: 'new', number: 1 });
    expect(decideLaunch(null, 'scorm12', 'asset', true)).toEqual({ kind: 'new', number: 1 });
  });

  it('completed: review, or the next attempt when asked', () => {
    const done = attempt({ completionStatus: 'completed', exitMode: 'suspend' });
    expect(decideLaunch(done, 'scorm12', 'sco', false)).toEqual({ kind: 'review', attempt: done });
    expect(decideLaunch(done, 'scorm2004', 'sco', true)).toEqual({ kind: 'new', number: 4 });
  });

  it('suspended: resume, whatever else', () => {
    const suspended = attempt({ exitMode: 'suspend', terminated: true });
    expect(decideLaunch(suspended, 'scorm2004', 'sco', true)).toEqual({
      kind: 'session',
      attempt: suspended,
      entry: 'resume',
    });
    expect(decideLaunch(suspended, 'scorm12', 'sco', false)).toEqual(expect.objectContaining({ entry: 'resume' }));
  });

  it('SCORM 2004 terminated with a non-suspend exit: the attempt has ended', () => {
    for (const exitMode of ['normal', '', 'logout', 'time-out']) {
      expect(decideLaunch(attempt({ exitMode, terminated: true }), 'scorm2004', 'sco', false)).toEqual({
        kind: 'new',
        number: 4,
      });
    }
  });

  it('otherwise the same attempt with entry ""', () => {
    const open = attempt({ exitMode: 'logout', terminated: false });
    expect(decideLaunch(open, 'scorm2004', 'sco', false)).toEqual({ kind: 'session', attempt: open, entry: '' });
    const ended12 = attempt({ exitMode: '', terminated: true });
    expect(decideLaunch(ended12, 'scorm12', 'sco', false)).toEqual({ kind: 'session', attempt: ended12, entry: '' });
  });

  it('an asset reopens its attempt', () => {
    const asset = attempt({ completionStatus: 'completed' });
    expect(decideLaunch(asset, 'scorm12', 'asset', true)).toEqual({ kind: 'session', attempt: asset, entry: '' });
  });
});
