import { parseManifest, type ParsedManifest } from '@app/scorm';
import {
  buildPackageFiles,
  scorm12MultiSco,
  scorm2004Sequenced,
  type CourseSpec,
} from '../../../../test/support/scorm-packages';
import { computeCourseResult, LatestItemAttempt, PackageForResult } from './course-result-rules';

function packageOf(spec: CourseSpec): PackageForResult {
  const files = buildPackageFiles(spec);
  const manifest: ParsedManifest = parseManifest(files.get('imsmanifest.xml')!, { fileExists: (p) => files.has(p) });
  return {
    standard: manifest.standard,
    manifest,
    launchables: manifest.launchables.map((l) => ({ itemIdentifier: l.itemIdentifier, type: l.type })),
  };
}

function latest(itemId: string, fields: Partial<LatestItemAttempt> = {}): LatestItemAttempt {
  return {
    itemId,
    itemType: 'sco',
    attempts: 1,
    completionStatus: 'completed',
    successStatus: 'unknown',
    scoreScaled: null,
    exitMode: '',
    terminated: true,
    committed: true,
    ...fields,
  };
}

describe('computeCourseResult', () => {
  describe('SCORM 1.2 and assets', () => {
    const sut = (attempts: LatestItemAttempt[]) =>
      computeCourseResult(packageOf(scorm12MultiSco({ scos: 3, assets: 1 })), attempts);

    it('not attempted, then incomplete until every launchable is completed', () => {
      expect(sut([])).toMatchObject({
        completionStatus: 'not attempted',
        successStatus: 'unknown',
        partsDone: 0,
        partsTotal: 4,
      });
      const scos = ['part_1', 'part_2', 'part_3'].map((id) =>
        latest(id, { successStatus: 'passed', scoreScaled: 0.9 }),
      );
      expect(sut(scos)).toMatchObject({ completionStatus: 'incomplete', successStatus: 'passed', partsDone: 3 });
      const all = [...scos, latest('asset_1', { itemType: 'asset' })];
      expect(sut(all)).toMatchObject({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.9,
        partsDone: 4,
      });
    });

    it('not passed after one part of three, although that part passed', () => {
      expect(sut([latest('part_1', { successStatus: 'passed' })])).toMatchObject({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        partsDone: 1,
      });
    });

    it('a SCO completed without a result does not keep the course from passing; a failed one fails it', () => {
      const attempts = [
        latest('part_1', { successStatus: 'passed' }),
        latest('part_2'),
        latest('part_3', { successStatus: 'passed' }),
      ];
      expect(sut(attempts).successStatus).toBe('passed');
      expect(sut([...attempts.slice(0, 2), latest('part_3', { successStatus: 'failed' })]).successStatus).toBe(
        'failed',
      );
      expect(sut([attempts[0], attempts[2], latest('part_2', { completionStatus: 'incomplete' })]).successStatus).toBe(
        'unknown',
      );
    });
  });

  describe('SCORM 2004: the activity tree rollup', () => {
    const pkg = packageOf(scorm2004Sequenced());

    it('Part 1 alone passed: neither completed nor passed; one part of three done', () => {
      expect(computeCourseResult(pkg, [latest('part_1', { successStatus: 'passed' })])).toMatchObject({
        completionStatus: 'incomplete',
        successStatus: 'unknown',
        partsDone: 1,
        partsTotal: 3,
      });
    });

    it('a SCO launched but never committed has reported nothing', () => {
      expect(
        computeCourseResult(pkg, [
          latest('part_1', { committed: false, completionStatus: 'not attempted', terminated: false }),
        ]),
      ).toMatchObject({ completionStatus: 'incomplete', partsDone: 0 });
    });

    it('every part passed: completed and passed, with the rolled-up score', () => {
      const attempts = ['part_1', 'part_2', 'part_3'].map((id, i) =>
        latest(id, { successStatus: 'passed', scoreScaled: [0.6, 0.8, 1][i] }),
      );
      expect(computeCourseResult(pkg, attempts)).toMatchObject({
        completionStatus: 'completed',
        successStatus: 'passed',
        scoreScaled: 0.8,
        partsDone: 3,
      });
    });

    it('a part left suspended is not taken as ended', () => {
      const attempts = [
        latest('part_1'),
        latest('part_2', { completionStatus: 'unknown', exitMode: 'suspend', terminated: true }),
        latest('part_3', { successStatus: 'passed' }),
      ];
      expect(computeCourseResult(pkg, attempts)).toMatchObject({ successStatus: 'unknown', partsDone: 2 });
    });
  });
});
