import type { ImportedPackage } from '@app/catalogue';
import type { Inspection } from '../sandbox/package-inspector';

/** What the catalogue records of an inspected package stored under `storageKey`. */
export function packageRecord(
  inspection: Inspection,
  storageKey: string,
): Pick<
  ImportedPackage,
  'title' | 'standard' | 'edition' | 'manifest' | 'launchables' | 'scoCount' | 'sizeBytes' | 'sha256' | 'storageKey'
> {
  const { manifest } = inspection;
  return {
    title: manifest.title,
    standard: manifest.standard,
    edition: manifest.edition,
    manifest,
    launchables: manifest.launchables.map((item) => ({
      itemIdentifier: item.itemIdentifier,
      title: item.title,
      resourceIdentifier: item.resourceIdentifier,
      type: item.type,
      href: item.href,
    })),
    scoCount: manifest.scoCount,
    sizeBytes: inspection.totalBytes,
    sha256: inspection.sha256,
    storageKey,
  };
}
