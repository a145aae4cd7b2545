import { Scorm12API, Scorm2004API } from 'scorm-again';
import {
  BRIDGE_CHANNEL,
  parsePlayerMessage,
  type ForwardedMethod,
  type LauncherMessage,
  type NavigationValidity,
  type PlayerMessage,
} from '../player/bridge-protocol';

/**
 * The launcher runs on the content origin, framed by the player (app origin), and frames the SCO.
 * It answers the SCO's SCORM calls from a local scorm-again instance loaded from the attempt's CMI
 * snapshot (so GetValue right after Initialize returns the resume data and error codes are exact),
 * and forwards every state-changing call that succeeded to the player, which replays it on the real
 * API. It knows nothing else: no token, no commit URL, no other attempt.
 */

/** The app origin the api wrote into the page; anything else means "do nothing". */
function pinnedAppOrigin(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="clearance-app-origin"]');
  const value = meta?.content ?? '';
  try {
    return new URL(value).origin === value ? value : null;
  } catch {
    return null;
  }
}

type LocalApi = Scorm12API | Scorm2004API;

const appOrigin = pinnedAppOrigin();
const player = window.parent;
let started = false;
let frame: HTMLIFrameElement | null = null;
let unloading = false;
/** What the player's sequencing allows now; `adl.nav.request_valid.*` answers from it. */
let navigation: NavigationValidity | null = null;

const REQUEST_VALID = /^adl\.nav\.request_valid\.(continue|previous)$/;
const REQUEST_VALID_TARGET = /^adl\.nav\.request_valid\.(choice|jump)\.\{target=([^}]+)\}$/;

/**
 * The answer to `adl.nav.request_valid.*` from the player's sequencing state (the local API has no
 * activity tree, so it would say "unknown"); null for any other element.
 */
function requestValid(element: string): string | null {
  if (!navigation) {
    return null;
  }
  const flow = REQUEST_VALID.exec(element);
  if (flow) {
    return String(flow[1] === 'continue' ? navigation.continue : navigation.previous);
  }
  const target = REQUEST_VALID_TARGET.exec(element);
  if (target) {
    const map = target[1] === 'choice' ? navigation.choice : navigation.jump;
    return String(map[target[2]] === true);
  }
  return null;
}

function send(message: LauncherMessage): void {
  if (appOrigin) {
    player.postMessage(message, appOrigin);
  }
}

function forward(method: ForwardedMethod, element?: string, value?: string): void {
  send({ channel: BRIDGE_CHANNEL, type: 'call', method, element, value });
}

/** SCORM 2004 names; SCORM 1.2's LMS* names map onto them. */
function facade(api: LocalApi, standard: 'scorm12' | 'scorm2004') {
  const initialize = (parameter = ''): string => {
    const result = api.lmsInitialize(parameter);
    if (result === 'true') {
      forward('Initialize');
    }
    return result;
  };
  const terminate = (parameter = ''): string => {
    const result = api.lmsFinish(parameter);
    if (result === 'true') {
      forward('Terminate');
    }
    return result;
  };
  const getValue = (element: string): string => {
    const name = String(element);
    const local = String(api.lmsGetValue(name));
    // The local API decides the error (not initialised, terminated); sequencing decides the value.
    const sequenced = standard === 'scorm2004' && String(api.lmsGetLastError()) === '0' ? requestValid(name) : null;
    return sequenced ?? local;
  };
  const setValue = (element: string, value: unknown): string => {
    const text = String(value);
    const result = api.lmsSetValue(String(element), text);
    if (result === 'true') {
      forward('SetValue', String(element), text);
    }
    return result;
  };
  const commit = (parameter = ''): string => {
    const result = api.lmsCommit(parameter);
    if (result === 'true') {
      forward('Commit');
    }
    return result;
  };
  const getLastError = (): string => String(api.lmsGetLastError());
  const getErrorString = (code: string | number): string => String(api.lmsGetErrorString(String(code)));
  const getDiagnostic = (code: string | number): string => String(api.lmsGetDiagnostic(String(code)));
  return standard === 'scorm12'
    ? {
        LMSInitialize: initialize,
        LMSFinish: terminate,
        LMSGetValue: getValue,
        LMSSetValue: setValue,
        LMSCommit: commit,
        LMSGetLastError: getLastError,
        LMSGetErrorString: getErrorString,
        LMSGetDiagnostic: getDiagnostic,
      }
    : {
        version: '1.0',
        Initialize: initialize,
        Terminate: terminate,
        GetValue: getValue,
        SetValue: setValue,
        Commit: commit,
        GetLastError: getLastError,
        GetErrorString: getErrorString,
        GetDiagnostic: getDiagnostic,
      };
}

function start(message: Extract<PlayerMessage, { type: 'start' }>): void {
  started = true;
  // No commits from here (the player commits), no timers, no console noise.
  const settings = { lmsCommitUrl: false, autocommit: false, logLevel: 5 as const };
  const api: LocalApi = message.standard === 'scorm12' ? new Scorm12API(settings) : new Scorm2004API(settings);
  api.loadFromJSON(message.cmi);
  navigation = message.navigation;
  if (api instanceof Scorm2004API) {
    // SCORM 2004 4th adl.data: the stores this item may read, under its own maps (docs/player.md).
    api.adl.restoreSharedDataSnapshot(message.sharedData);
    api.adl.configureSharedDataMaps(message.sharedDataMaps);
  }
  const exposed = facade(api, message.standard);
  Object.defineProperty(window, message.standard === 'scorm12' ? 'API' : 'API_1484_11', {
    value: Object.freeze(exposed),
    configurable: false,
    writable: false,
  });

  frame = document.createElement('iframe');
  frame.title = message.title;
  frame.setAttribute('allow', 'fullscreen');
  frame.src = message.scoUrl;
  document.body.append(frame);
}

/**
 * Navigating the SCO's frame to about:blank runs its beforeunload/unload handlers (where content
 * sets exit and calls Terminate) while this page stays alive to forward them; "unloaded" follows
 * every message they caused, because postMessage keeps order.
 */
function unload(): void {
  if (unloading) {
    return;
  }
  unloading = true;
  const current = frame;
  if (!current) {
    send({ channel: BRIDGE_CHANNEL, type: 'unloaded' });
    return;
  }
  current.addEventListener('load', () => send({ channel: BRIDGE_CHANNEL, type: 'unloaded' }), { once: true });
  current.src = 'about:blank';
}

if (appOrigin && player !== window) {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.origin !== appOrigin || event.source !== player) {
      return;
    }
    const message = parsePlayerMessage(event.data);
    if (!message) {
      return;
    }
    if (message.type === 'start' && !started) {
      start(message);
    } else if (message.type === 'navigation') {
      navigation = message.navigation;
    } else if (message.type === 'unload') {
      unload();
    }
  });
  send({ channel: BRIDGE_CHANNEL, type: 'ready' });
}
