import { JobName } from './job-name.enum';
import { InvalidJobPayloadError, parseJobPayload } from './payload-validation';

describe(parseJobPayload.name, () => {
  it('returns a typed payload and drops unknown fields (newer producers, older workers)', () => {
    const sut = parseJobPayload(JobName.SystemEcho, { message: 'hi', delayMs: 10, addedLater: true });
    expect(sut).toEqual({ message: 'hi', delayMs: 10 });
  });

  it.each([null, 'text', [], { message: 1, delayMs: 10 }, { message: 'x', delayMs: -1 }, { message: 'x' }])(
    'refuses %p',
    (data) => {
      expect(() => parseJobPayload(JobName.SystemEcho, data)).toThrow(InvalidJobPayloadError);
    },
  );
});
