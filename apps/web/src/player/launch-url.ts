/** The launch token from a player URL's fragment (`#token=…`), which never reaches a server. */
export function readToken(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && /^[A-Za-z0-9._~+/=-]+$/.test(token) ? token : null;
}

const KEPT = 'clearance.launch.';

/**
 * Takes the player's launch token out of the address bar and history (docs/player.md): kept in this
 * tab's sessionStorage instead, so a reload still finds it, and the URL becomes `/play/<attemptId>`.
 */
export function keepLaunchToken(attemptId: string, token: string): void {
  try {
    window.sessionStorage.setItem(KEPT + attemptId, token);
  } catch {
    // Storage refused (private mode, quota): the token lives in memory only; a reload needs a new launch.
  }
  window.history.replaceState(window.history.state, '', `/play/${encodeURIComponent(attemptId)}`);
}

/** The launch token of `attemptId`: from the URL's fragment once, then from this tab's storage. */
export function takeLaunchToken(attemptId: string): string | null {
  const fromUrl = readToken(window.location.hash);
  if (fromUrl) {
    keepLaunchToken(attemptId, fromUrl);
    return fromUrl;
  }
  let kept: string | null = null;
  try {
    kept = window.sessionStorage.getItem(KEPT + attemptId);
  } catch {
    // as above
  }
  return kept ? readToken(`token=${kept}`) : null;
}
