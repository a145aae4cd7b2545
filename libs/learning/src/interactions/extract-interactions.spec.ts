import { extractInteractions, hasInteractions } from './extract-interactions';

describe('extractInteractions', () => {
  it('reads SCORM 2004 interactions sent as objects keyed by index', () => {
    const cmi = {
      interactions: {
        '0': {
          id: 'q1',
          type: 'choice',
          learner_response: 'b',
          result: 'incorrect',
          correct_responses: { '0': { pattern: 'a' } },
        },
        '1': { id: 'q2', type: 'numeric', learner_response: 4, result: 'correct', correct_responses: {} },
      },
    };
    expect(extractInteractions(cmi, 'scorm2004')).toEqual([
      { interactionId: 'q1', position: 0, type: 'choice', response: 'b', result: 'incorrect', correctResponse: 'a' },
      { interactionId: 'q2', position: 1, type: 'numeric', response: '4', result: 'correct', correctResponse: null },
    ]);
  });

  it('keeps the last record of a SCORM 1.2 journal and calls `wrong` incorrect', () => {
    const cmi = {
      interactions: [
        { id: 'q1', type: 'choice', student_response: 'c', result: 'wrong', correct_responses: [{ pattern: 'a' }] },
        { id: 'q2', type: 'true-false', student_response: 't', result: 'correct' },
        { id: 'q1', type: 'choice', student_response: 'a', result: 'correct', correct_responses: [{ pattern: 'a' }] },
        { type: 'choice', student_response: 'x' },
      ],
    };
    expect(extractInteractions(cmi, 'scorm12')).toEqual([
      { interactionId: 'q2', position: 1, type: 'true-false', response: 't', result: 'correct', correctResponse: null },
      { interactionId: 'q1', position: 2, type: 'choice', response: 'a', result: 'correct', correctResponse: 'a' },
    ]);
  });

  it('finds nothing in a CMI without interactions', () => {
    expect(extractInteractions(null, 'scorm12')).toEqual([]);
    expect(extractInteractions({ interactions: 'x' }, 'scorm2004')).toEqual([]);
    expect(hasInteractions({ interactions: {} })).toBe(false);
    expect(hasInteractions({ interactions: { '0': { id: 'q' } } })).toBe(true);
  });
});
