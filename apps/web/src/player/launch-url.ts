/** The launch token from a player URL's fragment (`#token=…`), which never reaches a server. */
export function readToken(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && /^[A-Za-z0-9._~+/=-]+$/.test(token) ? token : null;
}
