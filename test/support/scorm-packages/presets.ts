/**
 * The project's own SCORM test packages (see README.md). Each preset answers a fresh
 * {@link CourseSpec}: change it freely (title, identifier, items) before building.
 */
import type { CourseSpec, InteractionSpec, ItemSpec, ScormVersion } from './course-spec';
import { controlMode, objectives, rollupRules, sequencing, sequencingRules } from './sequencing';

const QUESTIONS: InteractionSpec[] = [
  { id: 'q_transaction_value', type: 'choice', correct: 'a', description: 'The primary basis of customs value' },
  { id: 'q_incoterms', type: 'true-false', correct: 'true', description: 'Freight is part of the CIF value' },
  { id: 'q_rate', type: 'numeric', correct: '12', description: 'Duty rate of the example, in percent' },
];

/**
 * SCORM 1.2, one SCO: bookmark (`cmi.core.lesson_location`), suspend_data, score and status,
 * objectives and interactions. Resumable: "Suspend" sets `cmi.core.exit` to `suspend`.
 */
export function scorm12Bookmark(): CourseSpec {
  return {
    version: '1.2',
    identifier: 'clearance-scorm12-bookmark',
    title: 'Customs valuation basics',
    items: [
      {
        id: 'valuation',
        title: 'Valuation of imported goods',
        page: { objectives: ['obj_valuation'], interactions: QUESTIONS.map((q) => ({ ...q, description: undefined })) },
      },
    ],
  };
}

/**
 * SCORM 1.2 with `scos` SCOs (`part_1`…, each with `parameters="?part=N"`) and `assets` assets
 * after them (`asset_1`…, `?asset=N`): a table of contents, one attempt per SCO, course rollup.
 */
export function scorm12MultiSco(options: { scos?: number; assets?: number; identifier?: string } = {}): CourseSpec {
  const scos = options.scos ?? 4;
  const assets = options.assets ?? 0;
  const items: ItemSpec[] = [
    ...Array.from({ length: scos }, (_, i) => ({
      id: `part_${i + 1}`,
      title: `Part ${i + 1}`,
      parameters: `?part=${i + 1}`,
      page: { objectives: [`obj_part_${i + 1}`] },
    })),
    ...Array.from({ length: assets }, (_, i) => ({
      id: `asset_${i + 1}`,
      title: `Reading ${i + 1}`,
      kind: 'asset' as const,
      parameters: `?asset=${i + 1}`,
    })),
  ];
  return {
    version: '1.2',
    identifier: options.identifier ?? `clearance-scorm12-${scos}-scos${assets > 0 ? `-${assets}-assets` : ''}`,
    title: scos > 0 ? 'Risk management in several parts' : 'Risk management readings',
    items,
  };
}

/** SCORM 2004 (2nd, 3rd or 4th edition), one SCO with no sequencing of its own. */
export function scorm2004Single(version: Exclude<ScormVersion, '1.2'> = '2004-3rd'): CourseSpec {
  const edition = version.slice(5);
  return {
    version,
    identifier: `clearance-scorm2004-${edition}-single`,
    title: `Transit procedures (SCORM 2004 ${edition})`,
    items: [
      {
        id: 'transit',
        title: 'Transit procedures',
        page: { objectives: ['obj_transit'], interactions: QUESTIONS.slice(0, 2) },
      },
    ],
  };
}

/** The global objective Part 2 writes and Part 3's precondition reads (see {@link scorm2004Sequenced}). */
export const PART2_GLOBAL_OBJECTIVE = 'urn:clearance:test:seq3:part2-satisfied';

/**
 * SCORM 2004 3rd edition, three SCOs under flow and choice. Part 2's primary objective writes the
 * global objective {@link PART2_GLOBAL_OBJECTIVE}; Part 3 reads it into its local objective
 * `part2_gate` and is disabled while that is not satisfied. Rollup: the course is completed when
 * every part is, satisfied when Parts 2 and 3 are (Part 1 takes no part in satisfaction), and not
 * satisfied as soon as one of them is not.
 */
export function scorm2004Sequenced(): CourseSpec {
  return {
    version: '2004-3rd',
    identifier: 'clearance-scorm2004-3rd-sequenced',
    title: 'Rules of origin in three parts',
    objectivesGlobalToSystem: false,
    organizationSequencing: sequencing([
      controlMode({ choice: true, flow: true }),
      rollupRules([
        { childActivitySet: 'all', conditions: [{ condition: 'completed' }], action: 'completed' },
        { childActivitySet: 'all', conditions: [{ condition: 'satisfied' }], action: 'satisfied' },
        {
          childActivitySet: 'any',
          conditions: [{ condition: 'satisfied', operator: 'not' }],
          action: 'notSatisfied',
        },
      ]),
    ]),
    items: [
      {
        id: 'part_1',
        title: 'Part 1: Origin criteria',
        page: { body: 'Wholly obtained goods and sufficient processing.' },
        sequencing: sequencing([
          rollupRules([], { objectiveSatisfied: false }),
          objectives({ objectiveID: 'part1_satisfied' }),
        ]),
      },
      {
        id: 'part_2',
        title: 'Part 2: Cumulation',
        page: { body: 'Bilateral, diagonal and full cumulation.' },
        sequencing: sequencing([
          objectives({
            objectiveID: 'part2_satisfied',
            mapInfo: [
              { targetObjectiveID: PART2_GLOBAL_OBJECTIVE, readSatisfiedStatus: false, writeSatisfiedStatus: true },
            ],
          }),
        ]),
      },
      {
        id: 'part_3',
        title: 'Part 3: Proofs of origin',
        page: { body: 'Certificates and statements on origin.', interactions: QUESTIONS.slice(0, 1) },
        sequencing: sequencing([
          sequencingRules({
            pre: [
              {
                combination: 'any',
                conditions: [
                  { referencedObjective: 'part2_gate', operator: 'not', condition: 'satisfied' },
                  { referencedObjective: 'part2_gate', operator: 'not', condition: 'objectiveStatusKnown' },
                ],
                action: 'disabled',
              },
            ],
          }),
          objectives({ objectiveID: 'part3_satisfied' }, [
            {
              objectiveID: 'part2_gate',
              mapInfo: [
                { targetObjectiveID: PART2_GLOBAL_OBJECTIVE, readSatisfiedStatus: true, writeSatisfiedStatus: false },
              ],
            },
          ]),
        ]),
      },
    ],
  };
}

/**
 * SCORM 2004 4th edition: a lesson completed by measure (`completionThreshold`
 * `completedByMeasure="true" minProgressMeasure="0.8"`: "Set progress" at 0.8 or more completes
 * it) with two objectives, and an assessment whose primary objective is satisfied by measure
 * (scaled score 0.7 or more) and whose page records interactions linked to objectives.
 */
export function scorm2004Measure(): CourseSpec {
  return {
    version: '2004-4th',
    identifier: 'clearance-scorm2004-4th-measure',
    title: 'Tariff classification by measure',
    organizationSequencing: sequencing([controlMode({ choice: true, flow: true })]),
    items: [
      {
        id: 'lesson',
        title: 'Lesson: the Harmonized System',
        completionThreshold: { completedByMeasure: true, minProgressMeasure: 0.8, progressWeight: 1 },
        page: { objectives: ['obj_headings', 'obj_rules'] },
        sequencing: sequencing([
          objectives({ objectiveID: 'lesson_primary' }, [
            { objectiveID: 'obj_headings' },
            { objectiveID: 'obj_rules' },
          ]),
        ]),
      },
      {
        id: 'assessment',
        title: 'Assessment: classify three goods',
        page: {
          objectives: ['obj_classify'],
          interactions: QUESTIONS.map((q) => ({ ...q, objectiveId: 'obj_classify' })),
        },
        sequencing: sequencing([
          objectives({ objectiveID: 'assessment_primary', satisfiedByMeasure: true, minNormalizedMeasure: 0.7 }, [
            { objectiveID: 'obj_classify' },
          ]),
        ]),
      },
    ],
  };
}

/** The global objective the pre-test writes in {@link scorm2004Remediation}. */
export const PRETEST_GLOBAL_OBJECTIVE = 'urn:clearance:test:remediation:pretest-passed';

/**
 * SCORM 2004 3rd edition with a pre-test / post-test remediation path: a pre-test, a lessons
 * cluster skipped when the pre-test is passed (through {@link PRETEST_GLOBAL_OBJECTIVE}), and a
 * post-test. The course is satisfied when either test is, not satisfied when both are known and
 * failed. `lessons` sets how many SCOs the cluster has.
 */
export function scorm2004Remediation(options: { lessons?: number } = {}): CourseSpec {
  const lessons = options.lessons ?? 2;
  return {
    version: '2004-3rd',
    identifier: 'clearance-scorm2004-3rd-remediation',
    title: 'Post-clearance audit with a pre-test',
    objectivesGlobalToSystem: false,
    organizationSequencing: sequencing([
      controlMode({ choice: true, flow: true }),
      rollupRules([
        { childActivitySet: 'any', conditions: [{ condition: 'satisfied' }], action: 'satisfied' },
        {
          childActivitySet: 'all',
          conditions: [{ condition: 'satisfied', operator: 'not' }],
          action: 'notSatisfied',
        },
        { childActivitySet: 'any', conditions: [{ condition: 'completed' }], action: 'completed' },
      ]),
    ]),
    items: [
      {
        id: 'pretest',
        title: 'Pre-test',
        page: { interactions: QUESTIONS },
        sequencing: sequencing([
          objectives({
            objectiveID: 'pretest_passed',
            mapInfo: [
              { targetObjectiveID: PRETEST_GLOBAL_OBJECTIVE, readSatisfiedStatus: false, writeSatisfiedStatus: true },
            ],
          }),
        ]),
      },
      {
        id: 'lessons',
        title: 'Lessons',
        sequencing: sequencing([
          controlMode({ choice: true, flow: true }),
          sequencingRules({
            pre: [{ conditions: [{ referencedObjective: 'pretest_gate', condition: 'satisfied' }], action: 'skip' }],
          }),
          rollupRules([], { objectiveSatisfied: false }),
          objectives({ objectiveID: 'lessons_primary' }, [
            {
              objectiveID: 'pretest_gate',
              mapInfo: [
                { targetObjectiveID: PRETEST_GLOBAL_OBJECTIVE, readSatisfiedStatus: true, writeSatisfiedStatus: false },
              ],
            },
          ]),
        ]),
        children: Array.from({ length: lessons }, (_, i) => ({ id: `lesson_${i + 1}`, title: `Lesson ${i + 1}` })),
      },
      { id: 'posttest', title: 'Post-test', page: { interactions: QUESTIONS } },
    ],
  };
}
