import type { Launchable, ManifestItem, ManifestOrganization, ParsedManifest } from '@app/scorm';
import { ItemLaunchData } from '../cmi/player-cmi';

/** The manifest's item of a launchable, searched through every organization's tree. */
export function findManifestItem(
  manifest: ParsedManifest,
  itemId: string,
): { organization: ManifestOrganization; item: ManifestItem } | null {
  for (const organization of manifest.organizations) {
    const stack = [...organization.items];
    while (stack.length > 0) {
      const item = stack.pop()!;
      if (item.identifier === itemId) {
        return { organization, item };
      }
      stack.push(...item.children);
    }
  }
  return null;
}

/** What the run-time initialises from the manifest for one item. */
export function itemLaunchData(launchable: Launchable, item: ManifestItem | null, scorm2004: boolean): ItemLaunchData {
  const primary = item?.sequencing?.objectives?.primary ?? null;
  const threshold = launchable.completionThreshold;
  return {
    dataFromLms: launchable.dataFromLms,
    masteryScore: scorm2004 ? null : launchable.masteryScore,
    maxTimeAllowed: scorm2004
      ? (item?.sequencing?.limitConditions?.attemptAbsoluteDurationLimit ?? null)
      : launchable.maxTimeAllowed,
    timeLimitAction: launchable.timeLimitAction,
    completionThreshold: scorm2004 && threshold?.completedByMeasure ? threshold.minProgressMeasure : null,
    scaledPassingScore: scorm2004 && primary?.satisfiedByMeasure ? primary.minNormalizedMeasure : null,
  };
}
