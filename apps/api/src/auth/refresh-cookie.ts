import type { FastifyReply, FastifyRequest } from 'fastify';

/** The refresh token's cookie: HttpOnly, Secure, SameSite=Strict, sent only to /api/auth. */
export const REFRESH_COOKIE = 'clearance_refresh';
const PATH = '/api/auth';

export function setRefreshCookie(reply: FastifyReply, token: string, expires: Date): void {
  void reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: PATH,
    expires,
  });
}

export function clearRefreshCookie(reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: PATH });
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  return request.cookies?.[REFRESH_COOKIE];
}
