import type { Launchable, ManifestItem, ParsedManifest } from '@app/scorm';
import { findManifestItem, itemLaunchData } from './package-items';

const launchable: Launchable = {
  organizationIdentifier: 'org',
  itemIdentifier: 'i2',
  title: 'Two',
  resourceIdentifier: 'r2',
  type: 'sco',
  href: 'two.html?x=1',
  external: false,
  isvisible: true,
  dataFromLms: 'level=2',
  masteryScore: 80,
  maxTimeAllowed: '00:30:00',
  timeLimitAction: 'exit,message',
  completionThreshold: { completedByMeasure: true, minProgressMeasure: 0.75, progressWeight: 1, form: 'text' },
};

function item(identifier: string, fields: Partial<ManifestItem> = {}): ManifestItem {
  return {
    identifier,
    title: identifier,
    identifierref: null,
    isvisible: true,
    parameters: null,
    launchable: true,
    masteryScore: null,
    prerequisites: null,
    maxTimeAllowed: null,
    timeLimitAction: null,
    dataFromLms: null,
    completionThreshold: null,
    sequencing: null,
    presentation: null,
    sharedDataMaps: [],
    children: [],
    ...fields,
  };
}

const measured = item('i2', {
  sequencing: {
    limitConditions: { attemptLimit: null, attemptAbsoluteDurationLimit: 'PT1H' },
    objectives: {
      primary: { objectiveID: 'p', satisfiedByMeasure: true, minNormalizedMeasure: 0.6, mapInfo: [] },
      others: [],
    },
  } as unknown as ManifestItem['sequencing'],
});
const manifest = {
  organizations: [{ identifier: 'org', items: [item('i1', { children: [measured] })] }],
} as unknown as ParsedManifest;

describe('item launch data', () => {
  it('finds an item anywhere in the organization trees', () => {
    expect(findManifestItem(manifest, 'i2')?.item).toBe(measured);
    expect(findManifestItem(manifest, 'org')).toBeNull();
  });

  it('SCORM 2004: threshold when completed by measure, passing score from a primary objective satisfied by measure', () => {
    expect(itemLaunchData(launchable, measured, true)).toEqual({
      dataFromLms: 'level=2',
      masteryScore: null,
      maxTimeAllowed: 'PT1H',
      timeLimitAction: 'exit,message',
      completionThreshold: 0.75,
      scaledPassingScore: 0.6,
    });
    const notByMeasure = {
      ...launchable,
      completionThreshold: { ...launchable.completionThreshold!, completedByMeasure: false },
    };
    expect(itemLaunchData(notByMeasure, item('i2'), true)).toEqual(
      expect.objectContaining({ completionThreshold: null, scaledPassingScore: null, maxTimeAllowed: null }),
    );
  });

  it('SCORM 1.2: mastery score and max time from the item', () => {
    expect(itemLaunchData(launchable, measured, false)).toEqual(
      expect.objectContaining({
        masteryScore: 80,
        maxTimeAllowed: '00:30:00',
        completionThreshold: null,
        scaledPassingScore: null,
      }),
    );
  });
});
