/**
 * The messages between the player (app origin) and the launcher (content origin). Both ends pin the
 * exact peer origin; the player also checks that a message comes from the launcher frame's window.
 * The bridge carries the current attempt's SCORM calls and nothing else: no tokens, no URLs of the
 * app's API, no other attempt.
 */
export const BRIDGE_CHANNEL = 'clearance-scorm-bridge';

/** The SCORM calls that change state: the launcher runs them locally, then forwards them. */
export type ForwardedMethod = 'Initialize' | 'SetValue' | 'Commit' | 'Terminate';

export type ScormStandard = 'scorm12' | 'scorm2004';

/** Launcher → player. */
export type LauncherMessage =
  | { channel: typeof BRIDGE_CHANNEL; type: 'ready' }
  | { channel: typeof BRIDGE_CHANNEL; type: 'call'; method: ForwardedMethod; element?: string; value?: string }
  | { channel: typeof BRIDGE_CHANNEL; type: 'unloaded' };

/** One shared data map of the delivered item (`adlcp:map`, SCORM 2004 4th `adl.data`). */
export interface BridgeSharedDataMap {
  targetID: string;
  readSharedData: boolean;
  writeSharedData: boolean;
}

/**
 * What sequencing allows now, as `adl.nav.request_valid.*` answers it: `continue` / `previous`, and
 * per activity id `choice` and `jump` (absent ids: `false`).
 */
export interface NavigationValidity {
  continue: boolean;
  previous: boolean;
  choice: Record<string, boolean>;
  jump: Record<string, boolean>;
}

/** Player → launcher. */
export type PlayerMessage =
  | {
      channel: typeof BRIDGE_CHANNEL;
      type: 'start';
      standard: ScormStandard;
      /** The attempt's CMI as the player loaded it (scorm-again's JSON form). */
      cmi: Record<string, unknown>;
      /** The signed content URL of the SCO or asset. */
      scoUrl: string;
      /** The SCO's title, for the frame's accessible name. */
      title: string;
      /** SCORM 2004 4th: the item's `adl.data` maps and the stores it may read (by target ID). */
      sharedDataMaps: BridgeSharedDataMap[];
      sharedData: Record<string, string>;
      /** What sequencing allows now (`adl.nav.request_valid.*`); later changes come as `navigation`. */
      navigation: NavigationValidity;
    }
  | { channel: typeof BRIDGE_CHANNEL; type: 'navigation'; navigation: NavigationValidity }
  | { channel: typeof BRIDGE_CHANNEL; type: 'unload' };

const FORWARDED: ReadonlySet<string> = new Set<ForwardedMethod>(['Initialize', 'SetValue', 'Commit', 'Terminate']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The launcher's message, or null for anything else (wrong shape, other channel). */
export function parseLauncherMessage(data: unknown): LauncherMessage | null {
  if (!isRecord(data) || data.channel !== BRIDGE_CHANNEL) {
    return null;
  }
  switch (data.type) {
    case 'ready':
    case 'unloaded':
      return { channel: BRIDGE_CHANNEL, type: data.type };
    case 'call': {
      if (typeof data.method !== 'string' || !FORWARDED.has(data.method)) {
        return null;
      }
      const element = typeof data.element === 'string' ? data.element : undefined;
      const value = typeof data.value === 'string' ? data.value : undefined;
      if (data.method === 'SetValue' && (element === undefined || value === undefined)) {
        return null;
      }
      return { channel: BRIDGE_CHANNEL, type: 'call', method: data.method as ForwardedMethod, element, value };
    }
    default:
      return null;
  }
}

function booleanMap(value: unknown): Record<string, boolean> | null {
  if (!isRecord(value)) {
    return null;
  }
  const map: Record<string, boolean> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'boolean') {
      return null;
    }
    map[key] = entry;
  }
  return map;
}

function parseNavigation(value: unknown): NavigationValidity | null {
  if (!isRecord(value) || typeof value.continue !== 'boolean' || typeof value.previous !== 'boolean') {
    return null;
  }
  const choice = booleanMap(value.choice);
  const jump = booleanMap(value.jump);
  return choice && jump ? { continue: value.continue, previous: value.previous, choice, jump } : null;
}

function parseSharedDataMaps(value: unknown): BridgeSharedDataMap[] | null {
  if (!Array.isArray(value)) {
    return null;
  }
  const maps: BridgeSharedDataMap[] = [];
  for (const map of value as unknown[]) {
    if (
      !isRecord(map) ||
      typeof map.targetID !== 'string' ||
      typeof map.readSharedData !== 'boolean' ||
      typeof map.writeSharedData !== 'boolean'
    ) {
      return null;
    }
    maps.push({ targetID: map.targetID, readSharedData: map.readSharedData, writeSharedData: map.writeSharedData });
  }
  return maps;
}

function parseStores(value: unknown): Record<string, string> | null {
  if (!isRecord(value)) {
    return null;
  }
  const stores: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      return null;
    }
    stores[key] = entry;
  }
  return stores;
}

/** The player's message, or null for anything else. */
export function parsePlayerMessage(data: unknown): PlayerMessage | null {
  if (!isRecord(data) || data.channel !== BRIDGE_CHANNEL) {
    return null;
  }
  if (data.type === 'unload') {
    return { channel: BRIDGE_CHANNEL, type: 'unload' };
  }
  if (data.type === 'navigation') {
    const navigation = parseNavigation(data.navigation);
    return navigation ? { channel: BRIDGE_CHANNEL, type: 'navigation', navigation } : null;
  }
  if (
    data.type === 'start' &&
    (data.standard === 'scorm12' || data.standard === 'scorm2004') &&
    isRecord(data.cmi) &&
    typeof data.scoUrl === 'string' &&
    typeof data.title === 'string'
  ) {
    const sharedDataMaps = parseSharedDataMaps(data.sharedDataMaps);
    const sharedData = parseStores(data.sharedData);
    const navigation = parseNavigation(data.navigation);
    if (!sharedDataMaps || !sharedData || !navigation) {
      return null;
    }
    return {
      channel: BRIDGE_CHANNEL,
      type: 'start',
      standard: data.standard,
      cmi: data.cmi,
      scoUrl: data.scoUrl,
      title: data.title,
      sharedDataMaps,
      sharedData,
      navigation,
    };
  }
  return null;
}
