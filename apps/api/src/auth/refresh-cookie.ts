import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, DEVICE_COOKIE_PATH } from '@app/accounts';

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

/** The device cookie (docs/security.md): HttpOnly, Secure, SameSite=Strict, sent only to sign-in. */
export function setDeviceCookie(reply: FastifyReply, value: string): void {
  void reply.setCookie(DEVICE_COOKIE, value, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: DEVICE_COOKIE_PATH,
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}

export function readDeviceCookie(request: FastifyRequest): string | undefined {
  return request.cookies?.[DEVICE_COOKIE];
}
