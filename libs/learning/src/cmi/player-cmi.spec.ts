import { buildPlayerCmi, forLoading, ItemLaunchData } from './player-cmi';

const noItemData: ItemLaunchData = {
  dataFromLms: null,
  masteryScore: null,
  maxTimeAllowed: null,
  timeLimitAction: null,
  completionThreshold: null,
  scaledPassingScore: null,
};

describe('the CMI the player loads', () => {
  it('turns committed collections back into arrays and drops keywords and empty values', () => {
    expect(
      forLoading({
        interactions: { '0': { id: 'a', objectives: { '0': { id: 'o' } }, _count: 1 }, '1': { id: 'b' } },
        objectives: {},
        location: '',
        _version: '1.0',
        score: { scaled: '0.5', raw: '' },
        odd: { '1': 'x' },
      }),
    ).toEqual({
      interactions: [{ id: 'a', objectives: [{ id: 'o' }] }, { id: 'b' }],
      objectives: {},
      score: { scaled: '0.5' },
      odd: { '1': 'x' },
    });
  });

  it('SCORM 2004: stored data plus what the LMS owns for this session', () => {
    const sut = buildPlayerCmi({
      standard: 'scorm2004',
      entry: 'resume',
      mode: 'normal',
      learnerId: 'u1',
      learnerName: 'Ana',
      totalSeconds: 75.5,
      stored: {
        location: 'p3',
        suspend_data: 'sd',
        exit: 'suspend',
        session_time: 'PT10S',
        total_time: 'PT1S',
        entry: 'ab-initio',
        credit: 'no-credit',
        learner_id: 'someone else',
        completion_status: 'incomplete',
      },
      item: {
        ...noItemData,
        dataFromLms: 'level=2',
        completionThreshold: 0.8,
        scaledPassingScore: 0.6,
        maxTimeAllowed: 'PT1H',
        timeLimitAction: 'exit,message',
      },
    });
    expect(sut).toEqual({
      location: 'p3',
      suspend_data: 'sd',
      completion_status: 'incomplete',
      learner_id: 'u1',
      learner_name: 'Ana',
      credit: 'credit',
      mode: 'normal',
      entry: 'resume',
      total_time: 'PT0H1M15.50S',
      launch_data: 'level=2',
      completion_threshold: '0.8',
      scaled_passing_score: '0.6',
      max_time_allowed: 'PT1H',
      time_limit_action: 'exit,message',
    });
  });

  it('SCORM 1.2: core and student_data, review without credit, empty entry left out', () => {
    const sut = buildPlayerCmi({
      standard: 'scorm12',
      entry: '',
      mode: 'review',
      learnerId: 'u2',
      learnerName: 'Bo',
      totalSeconds: 3600,
      stored: {
        suspend_data: 'sd',
        launch_data: 'old',
        core: {
          lesson_location: 'p9',
          lesson_status: 'passed',
          exit: 'suspend',
          session_time: '00:00:05',
          entry: 'resume',
        },
        student_data: { mastery_score: '10' },
      },
      item: { ...noItemData, masteryScore: 80, maxTimeAllowed: '00:30:00', dataFromLms: 'x=1' },
    });
    expect(sut).toEqual({
      suspend_data: 'sd',
      launch_data: 'x=1',
      core: {
        lesson_location: 'p9',
        lesson_status: 'passed',
        student_id: 'u2',
        student_name: 'Bo',
        credit: 'no-credit',
        lesson_mode: 'review',
        total_time: '01:00:00',
      },
      student_data: { mastery_score: '80', max_time_allowed: '00:30:00' },
    });
  });

  it('a new attempt starts from nothing but the LMS values', () => {
    expect(
      buildPlayerCmi({
        standard: 'scorm2004',
        entry: 'ab-initio',
        mode: 'normal',
        learnerId: 'u',
        learnerName: 'N',
        totalSeconds: 0,
        stored: null,
        item: noItemData,
      }),
    ).toEqual({
      learner_id: 'u',
      learner_name: 'N',
      credit: 'credit',
      mode: 'normal',
      entry: 'ab-initio',
      total_time: 'PT0H0M0S',
    });
  });
});
