import { Scorm12API, Scorm2004API, type Settings } from 'scorm-again';
import { CommitTransport } from './commit-transport';
import {
  hasSequencing,
  progressOf,
  seededGlobalObjectives,
  sequencingSettings,
  sharedDataMapsOf,
} from './activity-tree';
import {
  BRIDGE_CHANNEL,
  parseLauncherMessage,
  type LauncherMessage,
  type NavigationValidity,
  type PlayerMessage,
} from './bridge-protocol';
import { explainRefusal, type NavRequest, type Refusal } from './nav-reasons';
import { keepLaunchToken, readToken } from './launch-url';
import { createApiClient, unwrap, type ApiClient } from '../api/client';
import type { PlayerData, PlayerItem } from './types';

/** How long a SCO gets to call Terminate once asked to leave (docs/player.md, "Leaving": ~2 s). */
export const UNLOAD_GRACE_MS = 2000;
/** docs/player.md: periodic commits, so that closing the tab loses at most this much. */
export const AUTOCOMMIT_SECONDS = 30;

export interface Navigation {
  continue: boolean;
  previous: boolean;
  /** Item ids the learner may choose now; null = every item (no sequencing). */
  choice: ReadonlySet<string> | null;
  /** Activity ids sequencing could jump to (`adl.nav.request_valid.jump`); null = every item. */
  jump: ReadonlySet<string> | null;
  /** Why Previous / Next are not available now (shown beside the disabled buttons). */
  why: { continue: Refusal | null; previous: Refusal | null };
}

/** The SCORM elements whose change changes the item's status in the table of contents. */
const STATUS_ELEMENTS = new Set([
  'cmi.completion_status',
  'cmi.success_status',
  'cmi.score.scaled',
  'cmi.progress_measure',
  'cmi.core.lesson_status',
  'cmi.core.score.raw',
]);

export type SessionState = 'loading' | 'running' | 'switching' | 'ended' | 'leaving' | 'left';

export interface SessionListener {
  onData(data: PlayerData): void;
  onState(state: SessionState): void;
  onNavigation(navigation: Navigation): void;
  /** Sequencing refused a move (null: the last refusal no longer applies). */
  onRefusal(refusal: Refusal | null): void;
  /** A switch or a start failed: the error is for the page to show. */
  onError(error: unknown): void;
  /** The content asked to leave the course (exitAll, suspendAll). */
  onExitRequested(): void;
}

type RealApi = Scorm12API | Scorm2004API;

export class PlayerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
    this.name = 'PlayerError';
  }
}

/**
 * The generated client as the launch: the launch token as the bearer token, never the app's cookies
 * (the player works without a sign-in), and nothing cached.
 */
function launchClient(token: string): ApiClient {
  return createApiClient({ token: () => token }, { credentials: 'omit', cache: 'no-store' });
}

export function loadPlayerData(attemptId: string, token: string): Promise<PlayerData> {
  return unwrap(
    launchClient(token).GET('/api/attempts/{attemptId}/player', { params: { path: { attemptId } } }),
  ) as Promise<PlayerData>;
}

/**
 * One player page's run-time: the real scorm-again API (app origin), the launcher frame (content
 * origin) and the bridge between them, and the moves between items. Lives outside React so that a
 * SCO can be unloaded gracefully after the page itself has gone (in-app navigation): the stage it
 * draws into is its own element under <body>.
 */
export class PlayerSession {
  private data: PlayerData;
  private token: string;
  private api: RealApi | null = null;
  private launcher: HTMLIFrameElement | null = null;
  /** The launcher said ready and got its snapshot: a second "ready" (forged) gets nothing. */
  private started = false;
  private readonly stage: HTMLDivElement;
  private unloaded: (() => void) | null = null;
  private navRequest = '';
  /** SCORM 1.2: whether the SCO set lesson_status in this session. */
  private statusSet = false;
  private delivered: string | null = null;
  private sequenced = false;
  private busy = false;
  private state: SessionState = 'loading';
  private navigation: Navigation | null = null;
  /** The last sequencing exception scorm-again reported (SN code), for the refusal's reason. */
  private exception: string | null = null;
  private listener: SessionListener | null;
  private readonly transport = new CommitTransport();

  constructor(data: PlayerData, token: string, listener: SessionListener) {
    this.data = data;
    this.token = token;
    this.listener = listener;
    this.stage = document.createElement('div');
    this.stage.className = 'player-stage';
    document.body.append(this.stage);
    window.addEventListener('message', this.onMessage);
    window.addEventListener('pagehide', this.onPageHide);
  }

  get current(): PlayerData {
    return this.data;
  }

  /** The page no longer listens (it unmounted); the session may still be finishing. */
  detach(): void {
    this.listener = null;
  }

  setLayout(withToc: boolean): void {
    this.stage.classList.toggle('with-toc', withToc);
  }

  start(): void {
    const data = this.data;
    const settings: Settings = {
      lmsCommitUrl: data.commitUrl,
      includeCommitSequence: true,
      autocommit: true,
      autocommitSeconds: AUTOCOMMIT_SECONDS,
      // The server marks the session terminated on ?terminate=true (as well as by total_time).
      terminateCommitParam: 'terminate',
      httpService: this.transport,
      logLevel: 5,
    };
    this.sequenced =
      data.standard === 'scorm2004' &&
      data.organization !== null &&
      (hasSequencing(data.organization) || data.items.length > 1);
    if (data.standard === 'scorm2004') {
      if (this.sequenced && data.organization) {
        const byId = new Map(data.items.map((item) => [item.itemId, item]));
        const progress = (itemId: string) => (byId.has(itemId) ? progressOf(byId.get(itemId)) : undefined);
        settings.sequencing = {
          ...sequencingSettings(data.organization, progress),
          eventListeners: {
            onActivityDelivery: (activity) => {
              this.delivered = activity.id;
            },
            onNavigationValidityUpdate: (validity) => {
              const allowed = (map: Record<string, string> | undefined) =>
                new Set(
                  Object.entries(map ?? {})
                    .filter(([, value]) => value === 'true')
                    .map(([id]) => id),
                );
              this.setNavigation({
                continue: validity.continue,
                previous: validity.previous,
                choice: allowed(validity.choice),
                jump: allowed(validity.jump),
              });
            },
            onSequencingError: (error) => {
              this.exception = /^[A-Z]{2}\.[0-9.]+-[0-9]+$/.test(error) ? error : this.exception;
            },
          },
        };
        const api = new Scorm2004API(settings);
        api.restoreGlobalObjectiveSnapshot(seededGlobalObjectives(data.organization, progress));
        this.api = api;
      } else {
        this.api = new Scorm2004API(settings);
      }
    } else {
      this.api = new Scorm12API(settings);
    }
    this.api.loadFromJSON(data.cmi);
    this.loadSharedData();
    if (this.sequenced && this.api instanceof Scorm2004API) {
      // The server chose the item (the last one launched): deliver it if the rules allow, else
      // whatever the rules start with.
      this.delivered = null;
      const chosen = this.api.processNavigationRequest('choice', data.attempt.itemId);
      if (!chosen || this.delivered !== data.attempt.itemId) {
        this.delivered = null;
        this.api.processNavigationRequest('start');
        const first = this.delivered as string | null;
        if (first && first !== data.attempt.itemId) {
          void this.switchTo(first, false);
          return;
        }
      }
      // Delivery showed the delivered activity's maps; the stores are the server's.
      this.loadSharedData();
    } else {
      this.setNavigation(this.flatNavigation());
    }
    this.openLauncher();
    this.setState('running');
  }

  /** Without sequencing: previous/next in the order of the launchables, any item by choice. */
  private flatNavigation(): Omit<Navigation, 'why'> {
    const index = this.data.items.findIndex((item) => item.itemId === this.data.attempt.itemId);
    return {
      previous: index > 0,
      continue: index >= 0 && index < this.data.items.length - 1,
      choice: null,
      jump: null,
    };
  }

  /** SCORM 2004 4th adl.data: the server's stores, seen through the delivered item's maps. */
  private loadSharedData(): void {
    const api = this.api;
    if (api instanceof Scorm2004API) {
      api.adl.restoreSharedDataSnapshot(this.data.sharedData);
      api.adl.configureSharedDataMaps(sharedDataMapsOf(this.data.organization, this.data.attempt.itemId));
    }
  }

  /** New validity from sequencing (or the flat order): the page, and the launcher's request_valid. */
  private setNavigation(given: Omit<Navigation, 'why'>): void {
    const navigation = {
      ...given,
      continue: this.confirmed('continue', given.continue),
      previous: this.confirmed('previous', given.previous),
    };
    const explained: Navigation = {
      ...navigation,
      why: {
        continue: navigation.continue ? null : this.explain('continue'),
        previous: navigation.previous ? null : this.explain('previous'),
      },
    };
    this.navigation = explained;
    this.listener?.onNavigation(explained);
    if (this.started) {
      this.post({ channel: BRIDGE_CHANNEL, type: 'navigation', navigation: this.validity() });
    }
  }

  /**
   * scorm-again's look-ahead predicts Continue/Previous from the tree's shape; while the SCO runs,
   * its preview also runs the pre-condition rules of what would be delivered (a part disabled until
   * another is passed), so a move it blocks is not offered.
   */
  private confirmed(request: 'continue' | 'previous', predicted: boolean): boolean {
    const api = this.api;
    if (!predicted || !this.sequenced || !(api instanceof Scorm2004API) || !api.isInitialized()) {
      return predicted;
    }
    try {
      return api.previewNavigationRequest(request).outcome !== 'blocked';
    } catch {
      return predicted;
    }
  }

  /** `adl.nav.request_valid.*` as the launcher answers it. */
  private validity(): NavigationValidity {
    const navigation = this.navigation;
    const ids = this.data.items.map((item) => item.itemId);
    const map = (allowed: ReadonlySet<string> | null | undefined) =>
      Object.fromEntries(ids.map((id) => [id, allowed === null || allowed === undefined ? true : allowed.has(id)]));
    if (!navigation) {
      return { continue: false, previous: false, choice: map(new Set()), jump: map(new Set()) };
    }
    const choice = map(navigation.choice);
    const jump = map(navigation.jump);
    if (navigation.choice) {
      // Activities that are not launchables (clusters) keep what sequencing said.
      for (const id of navigation.choice) {
        choice[id] = true;
      }
    }
    if (navigation.jump) {
      for (const id of navigation.jump) {
        jump[id] = true;
      }
    }
    return { continue: navigation.continue, previous: navigation.previous, choice, jump };
  }

  /** Why a move is refused, from the organization, the stored statuses and the last SN exception. */
  private explain(request: NavRequest, target?: string | null, exception?: string | null): Refusal {
    return explainRefusal({
      organization: this.data.organization,
      items: this.data.items,
      current: this.data.attempt.itemId,
      request,
      target,
      exception,
    });
  }

  private refuse(refusal: Refusal): void {
    this.listener?.onRefusal(refusal);
  }

  /**
   * The current item's status as the real API holds it, so that the table of contents follows the
   * content between launches (a review session records nothing, so it changes nothing).
   */
  private refreshStatus(): void {
    const api = this.api;
    if (!api || this.data.attempt.mode === 'review') {
      return;
    }
    let status: PlayerItem['status'];
    if (api instanceof Scorm2004API) {
      const completion = String(api.cmi.completion_status);
      const success = String(api.cmi.success_status);
      const scaled = Number.parseFloat(String(api.cmi.score.scaled));
      status = {
        completion: (['completed', 'incomplete', 'not attempted'].includes(completion)
          ? completion
          : 'unknown') as PlayerItem['status']['completion'],
        success: (['passed', 'failed'].includes(success) ? success : 'unknown') as PlayerItem['status']['success'],
        scoreScaled: Number.isFinite(scaled) ? scaled : null,
      };
    } else {
      const lesson = String(api.cmi.core.lesson_status);
      const raw = Number.parseFloat(String(api.cmi.core.score.raw));
      const max = Number.parseFloat(String(api.cmi.core.score.max));
      const min = Number.parseFloat(String(api.cmi.core.score.min));
      status = {
        completion:
          lesson === 'passed' || lesson === 'failed' || lesson === 'completed'
            ? 'completed'
            : lesson === 'incomplete' || lesson === 'browsed'
              ? 'incomplete'
              : 'not attempted',
        success: lesson === 'passed' ? 'passed' : lesson === 'failed' ? 'failed' : 'unknown',
        scoreScaled: Number.isFinite(raw)
          ? Number.isFinite(max) && max > (Number.isFinite(min) ? min : 0)
            ? (raw - (Number.isFinite(min) ? min : 0)) / (max - (Number.isFinite(min) ? min : 0))
            : raw / 100
          : null,
      };
    }
    const itemId = this.data.attempt.itemId;
    const before = this.data.items.find((item) => item.itemId === itemId)?.status;
    if (
      !before ||
      (before.completion === status.completion &&
        before.success === status.success &&
        before.scoreScaled === status.scoreScaled)
    ) {
      return;
    }
    // A SCO that has not reported a completion keeps what the server stored.
    if (status.completion === 'unknown' || status.completion === 'not attempted') {
      status.completion = before.completion;
    }
    this.data = {
      ...this.data,
      items: this.data.items.map((item) => (item.itemId === itemId ? { ...item, status } : item)),
    };
    this.listener?.onData(this.data);
  }

  private setState(state: SessionState): void {
    this.state = state;
    this.listener?.onState(state);
  }

  /** The launcher frame, created after the bridge listener exists (early messages are lost otherwise). */
  private openLauncher(): void {
    const frame = document.createElement('iframe');
    frame.className = 'player-frame';
    frame.title = this.titleOf(this.data.attempt.itemId);
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-modals');
    frame.setAttribute('allow', 'fullscreen');
    frame.referrerPolicy = 'no-referrer';
    frame.src = this.data.launcherUrl;
    this.launcher = frame;
    this.started = false;
    this.statusSet = false;
    this.stage.replaceChildren(frame);
  }

  private titleOf(itemId: string): string {
    return this.data.items.find((item) => item.itemId === itemId)?.title ?? this.data.package.title;
  }

  private post(message: PlayerMessage): void {
    this.launcher?.contentWindow?.postMessage(message, this.data.contentOrigin);
  }

  private readonly onMessage = (event: MessageEvent<unknown>): void => {
    // The exact origin AND the launcher's own window: the SCO shares the content origin.
    if (!this.launcher || event.source !== this.launcher.contentWindow || event.origin !== this.data.contentOrigin) {
      return;
    }
    const message = parseLauncherMessage(event.data);
    if (message) {
      this.handle(message);
    }
  };

  private handle(message: LauncherMessage): void {
    const api = this.api;
    switch (message.type) {
      case 'ready':
        if (this.started) {
          return;
        }
        this.started = true;
        this.post({
          channel: BRIDGE_CHANNEL,
          type: 'start',
          standard: this.data.standard,
          cmi: this.data.cmi,
          scoUrl: this.data.scoUrl,
          title: this.titleOf(this.data.attempt.itemId),
          sharedDataMaps: sharedDataMapsOf(this.data.organization, this.data.attempt.itemId),
          sharedData: this.data.sharedData,
          navigation: this.validity(),
        });
        return;
      case 'unloaded':
        this.unloaded?.();
        return;
      case 'call':
        if (!api) {
          return;
        }
        switch (message.method) {
          case 'Initialize':
            api.lmsInitialize('');
            if (this.sequenced && this.navigation) {
              // Now that the SCO runs, sequencing can preview Continue/Previous (see confirmed()).
              this.setNavigation(this.navigation);
            }
            return;
          case 'SetValue':
            if (message.element === 'adl.nav.request') {
              this.navRequest = message.value ?? '';
            }
            if (message.element === 'cmi.core.lesson_status') {
              this.statusSet = true;
            }
            api.lmsSetValue(message.element ?? '', message.value ?? '');
            if (STATUS_ELEMENTS.has(message.element ?? '')) {
              this.refreshStatus();
            }
            return;
          case 'Commit':
            api.lmsCommit('');
            this.refreshStatus();
            return;
          case 'Terminate':
            this.delivered = null;
            this.exception = null;
            this.completeSilentSco(api);
            api.lmsFinish('');
            this.refreshStatus();
            this.afterTerminate();
            return;
        }
    }
  }

  /**
   * SCORM 1.2 RTE: a SCO that finishes without ever setting lesson_status is completed (the
   * "minimum calls" kind). scorm-again means to do this (autoCompleteLessonStatus) but its default
   * status of "not attempted" counts as set by the SCO, so the player does it.
   */
  private completeSilentSco(api: RealApi): void {
    if (
      this.data.standard === 'scorm12' &&
      !this.statusSet &&
      this.data.attempt.mode === 'normal' &&
      api.lmsGetValue('cmi.core.lesson_status') === 'not attempted'
    ) {
      api.lmsSetValue('cmi.core.lesson_status', 'completed');
    }
  }

  /** The SCO ended its session on its own: follow its navigation request, if any. */
  private afterTerminate(): void {
    const request = this.navRequest;
    this.navRequest = '';
    if (this.unloaded || this.busy) {
      return; // we asked it to leave: the caller decides what comes next
    }
    if (request === 'exitAll' || request === 'suspendAll' || request === 'abandonAll') {
      this.setState('ended');
      this.listener?.onExitRequested();
      return;
    }
    const target = this.sequenced ? this.delivered : this.flatTarget(request);
    if (target && target !== this.data.attempt.itemId) {
      void this.switchTo(target, false);
      return;
    }
    if (request !== '' && request !== '_none_') {
      this.setState('ended');
      const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
      if (request === 'continue' || request === 'previous') {
        this.refuse(this.explain(request, null, this.exception));
      } else if (choice) {
        this.refuse(this.explain('choice', choice[1], this.exception));
      }
    }
  }

  private flatTarget(request: string): string | null {
    const index = this.data.items.findIndex((item) => item.itemId === this.data.attempt.itemId);
    if (request === 'continue') {
      return this.data.items[index + 1]?.itemId ?? null;
    }
    if (request === 'previous') {
      return index > 0 ? this.data.items[index - 1].itemId : null;
    }
    const choice = /^\{target=([^}]+)\}choice$/.exec(request);
    return choice ? choice[1] : null;
  }

  /**
   * Asks the launcher to unload the SCO, waits up to UNLOAD_GRACE_MS for what that causes (its
   * Terminate) to arrive, then ends the real API's session itself if the SCO did not: a missing exit
   * becomes `suspend`, so the next launch resumes.
   */
  private async unloadSco(): Promise<void> {
    const api = this.api;
    if (this.launcher && api?.isInitialized()) {
      await new Promise<void>((resolve) => {
        const timer = window.setTimeout(done, UNLOAD_GRACE_MS);
        function done() {
          window.clearTimeout(timer);
          resolve();
        }
        this.unloaded = done;
        this.post({ channel: BRIDGE_CHANNEL, type: 'unload' });
      });
      this.unloaded = null;
    }
    if (api?.isInitialized()) {
      const exitElement = this.data.standard === 'scorm12' ? 'cmi.core.exit' : 'cmi.exit';
      if (api.lmsGetValue(exitElement) === '') {
        api.lmsSetValue(exitElement, 'suspend');
      }
      api.lmsFinish('');
    }
    this.launcher?.remove();
    this.launcher = null;
  }

  /**
   * Moves to another item of the package: the current SCO leaves first, then the new attempt loads.
   * A choice sequencing refuses is explained and the current part stays as it is.
   */
  async choose(itemId: string): Promise<void> {
    if (this.busy || itemId === this.data.attempt.itemId) {
      return;
    }
    const allowed = this.navigation?.choice;
    if (this.sequenced && allowed && !allowed.has(itemId)) {
      this.refuse(this.explain('choice', itemId, this.exception));
      return;
    }
    this.listener?.onRefusal(null);
    await this.switchTo(itemId, true);
  }

  /** Previous / Next: refused moves are explained before anything is unloaded. */
  async navigate(request: 'continue' | 'previous'): Promise<void> {
    if (this.busy) {
      return;
    }
    if (!this.sequenced) {
      const target = this.flatTarget(request);
      if (!target) {
        this.refuse(this.explain(request));
        return;
      }
      this.listener?.onRefusal(null);
      await this.switchTo(target, true);
      return;
    }
    if (this.navigation && !this.navigation[request]) {
      this.refuse(this.navigation.why[request] ?? this.explain(request, null, this.exception));
      return;
    }
    const api = this.api;
    if (api instanceof Scorm2004API) {
      const preview = api.previewNavigationRequest(request);
      if (preview.outcome === 'blocked') {
        this.refuse(this.explain(request, preview.targetActivityId, preview.exception));
        return;
      }
    }
    this.listener?.onRefusal(null);
    await this.switchTo(null, true, request);
  }

  private async switchTo(
    itemId: string | null,
    unloadFirst: boolean,
    request?: 'continue' | 'previous',
  ): Promise<void> {
    this.busy = true;
    this.setState('switching');
    try {
      if (unloadFirst) {
        await this.unloadSco();
      }
      let target = itemId;
      const api = this.api;
      if (this.sequenced && api instanceof Scorm2004API && unloadFirst) {
        this.delivered = null;
        this.exception = null;
        const allowed = request
          ? api.processNavigationRequest(request)
          : api.processNavigationRequest('choice', itemId ?? undefined);
        target = allowed ? this.delivered : null;
        if (!target) {
          // Refused by the rules once the SCO had left (the look-ahead allowed it): say why, and
          // open the current item again.
          this.refuse(this.explain(request ?? 'choice', request ? null : itemId, this.exception));
          target = this.data.attempt.itemId;
        }
      }
      if (!target) {
        return;
      }
      const answer = await unwrap(
        launchClient(this.token).POST('/api/attempts/{attemptId}/items/{itemId}/launch', {
          params: { path: { attemptId: this.data.attempt.id, itemId: target } },
          body: {},
        }),
      );
      const token = readToken(new URL(answer.launchUrl).hash);
      if (!token) {
        throw new PlayerError(0, 'LAUNCH_URL_INVALID');
      }
      const data = await loadPlayerData(answer.attemptId, token);
      this.data = data;
      this.token = token;
      keepLaunchToken(data.attempt.id, token);
      if (api) {
        api.reset({ lmsCommitUrl: data.commitUrl }, { preserveListeners: true });
        api.loadFromJSON(data.cmi);
        this.loadSharedData();
      }
      this.listener?.onData(data);
      if (!this.sequenced) {
        this.setNavigation(this.flatNavigation());
      } else if (this.navigation) {
        // The statuses the server stored may change the explanations.
        this.setNavigation(this.navigation);
      }
      this.openLauncher();
      this.setState('running');
    } catch (error) {
      this.setState('running');
      this.listener?.onError(error);
    } finally {
      this.busy = false;
    }
  }

  /** The learner leaves (Exit, or the page went away in the app): unload gracefully, then stop. */
  async leave(): Promise<void> {
    if (this.state === 'leaving' || this.state === 'left') {
      return;
    }
    this.setState('leaving');
    this.stage.classList.add('leaving');
    await this.unloadSco();
    this.dispose();
    this.setState('left');
  }

  private dispose(): void {
    window.removeEventListener('message', this.onMessage);
    window.removeEventListener('pagehide', this.onPageHide);
    this.launcher = null;
    this.stage.remove();
  }

  /**
   * The tab is closing: the SCO's own unload messages may never arrive, so send what the real API
   * holds, marked so that the server stores a missing exit as suspend.
   */
  private readonly onPageHide = (): void => {
    const api = this.api;
    if (!api?.isInitialized()) {
      return;
    }
    const url = this.data.commitUrl;
    this.transport.pageHiding = true;
    api.settings = { lmsCommitUrl: `${url}${url.includes('?') ? '&' : '?'}reason=pagehide` };
    try {
      api.storeData(true);
    } finally {
      api.settings = { lmsCommitUrl: url };
      // A page restored from the back/forward cache commits normally again.
      window.addEventListener('pageshow', () => (this.transport.pageHiding = false), { once: true });
    }
  };
}
