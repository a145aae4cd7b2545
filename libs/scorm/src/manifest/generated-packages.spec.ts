import {
  buildPackage,
  buildPackageFiles,
  largeCourse,
  PART2_GLOBAL_OBJECTIVE,
  PRETEST_GLOBAL_OBJECTIVE,
  scorm12Bookmark,
  scorm12MultiSco,
  scorm2004Measure,
  scorm2004Remediation,
  scorm2004Sequenced,
  scorm2004Single,
  type CourseSpec,
} from '../../../../test/support/scorm-packages';
import { parseManifest } from './manifest-parser';
import type { ParsedManifest } from './manifest.types';

/** The manifest of a generated package, parsed as an import would, with its files known. */
function parsed(spec: CourseSpec): ParsedManifest {
  const files = buildPackageFiles(spec);
  return parseManifest(files.get('imsmanifest.xml')!, { fileExists: (p) => files.has(p) });
}

describe("the project's generated SCORM packages", () => {
  const cases: Array<{
    name: string;
    build: () => CourseSpec;
    standard: ParsedManifest['standard'];
    edition: ParsedManifest['edition'];
    scos: number;
    assets: number;
  }> = [
    { name: 'scorm12Bookmark', build: scorm12Bookmark, standard: 'scorm12', edition: null, scos: 1, assets: 0 },
    {
      name: 'scorm12MultiSco',
      build: () => scorm12MultiSco({ scos: 5, assets: 3 }),
      standard: 'scorm12',
      edition: null,
      scos: 5,
      assets: 3,
    },
    {
      name: 'scorm2004Single (2nd)',
      build: () => scorm2004Single('2004-2nd'),
      standard: 'scorm2004',
      edition: '2nd',
      scos: 1,
      assets: 0,
    },
    {
      name: 'scorm2004Single (3rd)',
      build: scorm2004Single,
      standard: 'scorm2004',
      edition: '3rd',
      scos: 1,
      assets: 0,
    },
    {
      name: 'scorm2004Sequenced',
      build: scorm2004Sequenced,
      standard: 'scorm2004',
      edition: '3rd',
      scos: 3,
      assets: 0,
    },
    { name: 'scorm2004Measure', build: scorm2004Measure, standard: 'scorm2004', edition: '4th', scos: 2, assets: 0 },
    {
      name: 'scorm2004Remediation',
      build: () => scorm2004Remediation({ lessons: 3 }),
      standard: 'scorm2004',
      edition: '3rd',
      scos: 5,
      assets: 0,
    },
  ];

  it.each(cases)('$name: $standard $edition, $scos SCOs, $assets assets, no warnings', (fixture) => {
    const spec = fixture.build();
    const manifest = parsed(spec);
    expect(manifest).toMatchObject({
      standard: fixture.standard,
      edition: fixture.edition,
      scoCount: fixture.scos,
      assetCount: fixture.assets,
      title: spec.title,
    });
    expect(manifest.warnings).toEqual([]);
    expect(manifest.identifier).toBe(spec.identifier);
  });

  it('gives each SCO its own page with the shared run-time, and joins item parameters to the href', () => {
    const spec = scorm12MultiSco({ scos: 2, assets: 1 });
    const files = buildPackageFiles(spec);
    expect([...files.keys()].sort()).toEqual(
      [
        'imsmanifest.xml',
        'content/part_1.html',
        'content/part_2.html',
        'content/asset_1.html',
        'content/sco.js',
        'content/sco.css',
      ].sort(),
    );
    expect(parsed(spec).launchables.map((l) => [l.href, l.type])).toEqual([
      ['content/part_1.html?part=1', 'sco'],
      ['content/part_2.html?part=2', 'sco'],
      ['content/asset_1.html?asset=1', 'asset'],
    ]);
    const page = files.get('content/part_1.html')!.toString();
    expect(page).toContain('<script src="sco.js"></script>');
    expect(page).toContain('"version":"1.2"');
    expect(files.get('content/asset_1.html')!.toString()).not.toContain('sco.js');
  });

  it('writes the 3rd edition course: flow and choice, a global objective gating Part 3, rollup rules', () => {
    const organization = parsed(scorm2004Sequenced()).organizations[0];
    expect(organization.objectivesGlobalToSystem).toBe(false);
    expect(organization.sequencing?.controlMode).toMatchObject({ choice: true, flow: true });
    expect(organization.sequencing?.rollupRules?.rules.map((r) => [r.childActivitySet, r.action])).toEqual([
      ['all', 'completed'],
      ['all', 'satisfied'],
      ['any', 'notSatisfied'],
    ]);
    const [part1, part2, part3] = organization.items;
    expect(part1.sequencing?.rollupRules?.rollupObjectiveSatisfied).toBe(false);
    expect(part2.sequencing?.objectives?.primary?.mapInfo).toEqual([
      expect.objectContaining({ targetObjectiveID: PART2_GLOBAL_OBJECTIVE, writeSatisfiedStatus: true }),
    ]);
    expect(part3.sequencing?.sequencingRules?.preConditionRules).toEqual([
      expect.objectContaining({
        action: 'disabled',
        conditions: [
          expect.objectContaining({ referencedObjective: 'part2_gate', operator: 'not', condition: 'satisfied' }),
          expect.objectContaining({
            referencedObjective: 'part2_gate',
            operator: 'not',
            condition: 'objectiveStatusKnown',
          }),
        ],
      }),
    ]);
    expect(part3.sequencing?.objectives?.others[0]).toMatchObject({
      objectiveID: 'part2_gate',
      mapInfo: [expect.objectContaining({ targetObjectiveID: PART2_GLOBAL_OBJECTIVE, readSatisfiedStatus: true })],
    });
  });

  it('writes the 4th edition course: completion by measure and an objective satisfied by measure', () => {
    const manifest = parsed(scorm2004Measure());
    const [lesson, assessment] = manifest.organizations[0].items;
    expect(lesson.completionThreshold).toEqual({
      completedByMeasure: true,
      minProgressMeasure: 0.8,
      progressWeight: 1,
      form: 'attributes',
    });
    expect(lesson.sequencing?.objectives?.others.map((o) => o.objectiveID)).toEqual(['obj_headings', 'obj_rules']);
    expect(assessment.sequencing?.objectives?.primary).toMatchObject({
      objectiveID: 'assessment_primary',
      satisfiedByMeasure: true,
      minNormalizedMeasure: 0.7,
    });
    expect(manifest.launchables[0].completionThreshold?.minProgressMeasure).toBe(0.8);
  });

  it('writes the remediation course: a lessons cluster skipped once the pre-test is passed', () => {
    const [, lessons] = parsed(scorm2004Remediation()).organizations[0].items;
    expect(lessons.children.map((c) => c.identifier)).toEqual(['lesson_1', 'lesson_2']);
    expect(lessons.launchable).toBe(false);
    expect(lessons.sequencing?.sequencingRules?.preConditionRules[0]).toMatchObject({ action: 'skip' });
    expect(lessons.sequencing?.objectives?.others[0].mapInfo[0].targetObjectiveID).toBe(PRETEST_GLOBAL_OBJECTIVE);
  });

  it('is deterministic: the same spec gives the same bytes', async () => {
    expect((await buildPackage(scorm2004Sequenced())).equals(await buildPackage(scorm2004Sequenced()))).toBe(true);
    const small = largeCourse({ files: 30, bytes: 30 * 1024 });
    expect((await buildPackage(small)).equals(await buildPackage(largeCourse({ files: 30, bytes: 30 * 1024 })))).toBe(
      true,
    );
    expect(Object.keys(small.extraFiles!)).toHaveLength(30);
    expect(parsed(small).warnings).toEqual([]);
  });
});
