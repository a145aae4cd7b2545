import { Injectable } from '@nestjs/common';
import type { ParsedManifest } from '@app/scorm';
import { SharedDataRepository } from '../repositories/shared-data.repository';
import { findManifestItem } from './package-items';

/** Where an item's shared data lives, and which targets it may read and write. */
export interface SharedDataAccess {
  scope: string;
  readable: string[];
  writable: string[];
}

/**
 * SCORM 2004 4th edition shared data (`adl.data`): stores kept per learner, read and written only
 * through the `adlcp:data` maps of the item being delivered (docs/course-results.md).
 */
@Injectable()
export class SharedDataService {
  constructor(private readonly stores: SharedDataRepository) {}

  accessOf(manifest: ParsedManifest, courseId: string, itemId: string): SharedDataAccess {
    const found = findManifestItem(manifest, itemId);
    const maps = found?.item.sharedDataMaps ?? [];
    return {
      scope: found && !found.organization.sharedDataGlobalToSystem ? courseId : '',
      readable: maps.filter((m) => m.readSharedData).map((m) => m.targetID),
      writable: maps.filter((m) => m.writeSharedData).map((m) => m.targetID),
    };
  }

  read(userId: string, access: SharedDataAccess): Promise<Record<string, string>> {
    return this.stores.read(userId, access.scope, access.readable);
  }

  /** Writes what the SCO sent for the targets it may write; anything else is ignored. */
  write(userId: string, access: SharedDataAccess, sent: Record<string, string>): Promise<void> {
    const allowed = Object.fromEntries(Object.entries(sent).filter(([id]) => access.writable.includes(id)));
    return this.stores.write(userId, access.scope, allowed);
  }
}
