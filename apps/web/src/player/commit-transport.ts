import type { IHttpService, ResultObject } from 'scorm-again';

const FAILED: ResultObject = { result: 'false', errorCode: 101 };

function beacon(url: string, body: string): ResultObject {
  const queued = navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  return queued ? { result: 'true', errorCode: 0 } : FAILED;
}

/**
 * How the real API's commits reach the server. scorm-again sends every terminate commit by
 * sendBeacon, whose answer is never known: a learner who moves to another SCO, or launches again
 * straight after Exit, could then race it (a stale status, or a new session superseding the one whose
 * final commit is still in flight). Here commits are synchronous XHRs, acknowledged before the player
 * moves on, and only a page that is going away sends a beacon (text/plain, no custom headers: the
 * token is in the URL).
 */
export class CommitTransport implements IHttpService {
  /** Set on pagehide: nothing but a beacon leaves a page that is being unloaded. */
  pageHiding = false;

  processHttpRequest(url: string, params: unknown, immediate: boolean): ResultObject {
    const body = JSON.stringify(params);
    if (immediate && this.pageHiding) {
      return beacon(url, body);
    }
    const xhr = new XMLHttpRequest();
    try {
      xhr.open('POST', url, false);
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.send(body);
    } catch {
      // Browsers refuse synchronous XHR while a page is being dismissed (beforeunload, pagehide):
      // the final commit still leaves, as a beacon.
      return immediate ? beacon(url, body) : FAILED;
    }
    if (xhr.status < 200 || xhr.status > 299) {
      return FAILED;
    }
    try {
      const answer = JSON.parse(xhr.responseText) as { result?: unknown; errorCode?: unknown };
      if (answer.result === true || answer.result === 'true') {
        return { result: 'true', errorCode: 0 };
      }
      if (answer.result === undefined) {
        return { result: 'true', errorCode: 0 };
      }
      return { result: 'false', errorCode: typeof answer.errorCode === 'number' ? answer.errorCode : 101 };
    } catch {
      return { result: 'true', errorCode: 0 };
    }
  }

  updateSettings(): void {
    // Nothing read from the settings: the URL comes with each request.
  }
}
