import { CanActivate, ExecutionContext, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';

/** Fetch metadata values a browser sends for a request made by the app's own pages. */
const OWN_SITE = new Set(['same-origin', 'none']);

/**
 * Sign-in, refresh and sign-out answer only the app's own pages (login CSRF, docs/security.md):
 * a request a browser marks as coming from another origin (`Origin` not PUBLIC_URL's, or
 * `Sec-Fetch-Site` other than same-origin) is 403 CROSS_SITE_REQUEST, and a body that is not
 * `application/json` (what an HTML form or a "simple" cross-site fetch can send) is 415
 * UNSUPPORTED_MEDIA_TYPE. Runs before the route, so no cookie is set or read. Clients that are not
 * browsers send neither header and are judged by the media type alone.
 */
@Injectable()
export class SameOriginJsonGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if (
      (origin !== undefined && origin !== this.config.publicUrl.origin) ||
      (typeof site === 'string' && !OWN_SITE.has(site.toLowerCase()))
    ) {
      throw DomainException.forbidden("Only the app's own pages may do this", ErrorCode.CrossSiteRequest);
    }
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new UnsupportedMediaTypeException({
        message: 'Send a JSON body (Content-Type: application/json)',
        code: ErrorCode.UnsupportedMediaType,
      });
    }
    return true;
  }
}
