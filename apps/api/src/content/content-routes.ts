import send from '@fastify/send';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { ContentPathError, ContentSigner, parseContentPath, resolveContentFile } from '@app/scorm';
import { BlobStore } from '@app/storage';
import { compressContent, sendPrecompressed } from '../web/compression';
import { WEB_DIST } from '../web/web-app';

/**
 * Error codes of content links. Literal strings for now: they belong at the end of ErrorCode's
 * groups (libs/common/src/errors/error-code.ts) once nobody else is editing that file.
 */
export const CONTENT_LINK_EXPIRED = ErrorCode.ContentLinkExpired;
export const CONTENT_LINK_INVALID = ErrorCode.ContentLinkInvalid;

const CONTENT_PATH = /^\/content(?:[/?#]|$)/;

/** Where the launcher's build lands (`npm run build:web`), served under `/content/_launcher/`. */
export const LAUNCHER_DIST = path.join(WEB_DIST, '_launcher');
const LAUNCHER_PAGE = '/content/_launcher/launcher.html';
const LAUNCHER_ASSET = /^\/content\/_launcher\/assets\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:js|css))$/;
const APP_ORIGIN_PLACEHOLDER = '__CLEARANCE_APP_ORIGIN__';

export interface ContentRoutesOptions {
  config: AppConfig;
  blobs: BlobStore;
  signer: ContentSigner;
  /** The launcher's build; LAUNCHER_DIST unless a test says otherwise. */
  launcherDist?: string;
}

/**
 * Serves imported SCORM packages on the content origin (CONTENT_URL) under signed, expiring
 * prefixes `/content/<packageId>/<expires>/<signature>/<file>`. The two origins never serve each
 * other's things: on the content host only `/content/…` exists, and on every other host
 * `/content/…` does not. In development both are one server and port, told apart by `Host`.
 *
 * Content responses skip the app's helmet headers (its CSP forbids framing and inline scripts,
 * which packages need) and send their own: `nosniff`, `frame-ancestors` limited to the app and
 * content origins, `no-referrer`. No `script-src`: authoring tools use inline handlers; the
 * content origin as a whole is the unit of distrust. Text files of 1 KB or more go out compressed
 * (docs/wire.md).
 */
export function registerContentRoutes(
  fastify: FastifyInstance,
  { config, blobs, signer, launcherDist = LAUNCHER_DIST }: ContentRoutesOptions,
): void {
  const contentHost = config.contentUrl.host.toLowerCase();
  const defaultPort = config.contentUrl.protocol === 'https:' ? ':443' : ':80';
  const frameAncestors = `frame-ancestors ${config.publicUrl.origin} ${config.contentUrl.origin}`;

  const isContentHost = (request: FastifyRequest): boolean => {
    let host = (request.host ?? '').toLowerCase();
    if (host.endsWith(defaultPort)) {
      host = host.slice(0, -defaultPort.length);
    }
    return host === contentHost;
  };

  fastify.addHook('onRequest', (request, reply, done) => {
    if (isContentHost(request) !== CONTENT_PATH.test(request.url)) {
      void reply.code(404).send(errorBody(404, ErrorCode.RouteNotFound, 'Not found'));
      return;
    }
    done();
  });

  const fail = (reply: FastifyReply, status: number, code: string, message: string): FastifyReply =>
    reply
      .code(status)
      .header('Cache-Control', 'no-store')
      .send(errorBody(status, code, message));

  registerLauncherRoutes(fastify, config, launcherDist, fail);

  fastify.route({
    method: ['GET', 'HEAD'],
    url: '/content/*',
    helmet: false,
    // Compressed by the handler (compressContent): never a range, the file's own ETag.
    compress: false,
    handler: async (request, reply) => {
      void reply
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', frameAncestors)
        .header('Referrer-Policy', 'no-referrer');
      try {
        const parsed = parseContentPath(request.raw.url ?? request.url);
        const check = signer.verify(parsed.packageId, parsed.expires, parsed.signature);
        if (check === 'invalid') {
          return fail(reply, 403, CONTENT_LINK_INVALID, 'This content link is not valid');
        }
        if (check === 'expired') {
          return fail(reply, 403, CONTENT_LINK_EXPIRED, 'This content link has expired: launch the course again');
        }
        const { root, file } = await resolveContentFile(
          blobs.localPath(`packages/${parsed.packageId}`),
          parsed.segments,
        );
        const relative = path
          .relative(root, file)
          .split(path.sep)
          .map((segment) => encodeURIComponent(segment))
          .join('/');
        const result = await send(request.raw, `/${relative}`, {
          root,
          index: false,
          dotfiles: 'allow',
          cacheControl: false,
          acceptRanges: true,
          etag: true,
          lastModified: true,
        });
        if (result.type !== 'file') {
          result.stream.destroy();
          if (result.statusCode === 416 || result.statusCode === 412) {
            const range = result.headers['Content-Range'];
            if (range) {
              void reply.header('Content-Range', range);
            }
            return fail(reply, result.statusCode, ErrorCode.BadRequest, STATUS_CODES[result.statusCode] ?? 'Error');
          }
          return fail(reply, 404, ErrorCode.NotFound, 'File not found');
        }
        const { 'Content-Type': _sendType, ...headers } = result.headers;
        const remaining = Math.max(0, Number(parsed.expires) - Math.floor(Date.now() / 1000));
        void reply.code(result.statusCode).headers(headers).header('Cache-Control', `private, max-age=${remaining}`);
        // The file's own type, without a charset: a <meta charset>, BOM or @charset in the file decides.
        const type = send.mime.getType(file) ?? 'application/octet-stream';
        if (result.statusCode !== 304) {
          void reply.header('Content-Type', type);
        }
        return reply.send(compressContent(request, reply, result, type));
      } catch (error) {
        if (error instanceof ContentPathError) {
          return error.problem === 'bad-request'
            ? fail(reply, 400, ErrorCode.BadRequest, 'Bad content path')
            : fail(reply, 404, ErrorCode.NotFound, 'File not found');
        }
        throw error;
      }
    },
  });
}

/**
 * The SCORM launcher (apps/web/launcher.html, docs/player.md): the page the player frames on the
 * content origin, which frames the SCO and bridges its SCORM calls to the player. Its own scripts only
 * (`script-src 'self'`), framed by the app origin only, with the app origin written into a meta tag
 * so that both ends of the bridge pin their peer. Its assets are hashed: cached for a year.
 */
function registerLauncherRoutes(
  fastify: FastifyInstance,
  config: AppConfig,
  launcherDist: string,
  fail: (reply: FastifyReply, status: number, code: string, message: string) => FastifyReply,
): void {
  const appOrigin = config.publicUrl.origin;
  const policy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "frame-src 'self' https:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${appOrigin}`,
  ].join('; ');
  let page: Promise<string> | null = null;
  const launcherPage = (): Promise<string> => {
    page ??= readFile(path.join(launcherDist, 'launcher.html'), 'utf8').then((html) => {
      if (!html.includes(APP_ORIGIN_PLACEHOLDER)) {
        throw new Error('launcher.html has no app origin placeholder');
      }
      // An origin has no characters that need escaping in an attribute, but be sure.
      return html.replace(APP_ORIGIN_PLACEHOLDER, appOrigin.replace(/[&"<>]/g, ''));
    });
    page.catch(() => (page = null));
    return page;
  };
  const secure = (reply: FastifyReply): FastifyReply =>
    reply
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', policy)
      .header('Referrer-Policy', 'no-referrer')
      .header('Cross-Origin-Resource-Policy', 'same-origin');

  fastify.route({
    method: ['GET', 'HEAD'],
    url: LAUNCHER_PAGE,
    helmet: false,
    handler: async (_request, reply) => {
      secure(reply);
      let html: string;
      try {
        html = await launcherPage();
      } catch {
        return fail(reply, 404, ErrorCode.NotFound, 'The player is not built');
      }
      return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
    },
  });

  fastify.route({
    method: ['GET', 'HEAD'],
    url: '/content/_launcher/*',
    helmet: false,
    // Precompressed by the web build (apps/web/precompress.ts), sent as they are.
    compress: false,
    handler: async (request, reply) => {
      secure(reply);
      const match = LAUNCHER_ASSET.exec((request.raw.url ?? request.url).split('?')[0]);
      if (!match) {
        return fail(reply, 404, ErrorCode.NotFound, 'File not found');
      }
      const result = await sendPrecompressed(request, reply, `/${match[1]}`, {
        root: path.join(launcherDist, 'assets'),
        index: false,
        dotfiles: 'deny',
        cacheControl: false,
        etag: true,
        lastModified: true,
      });
      if (result.type !== 'file') {
        result.stream.destroy();
        return fail(reply, 404, ErrorCode.NotFound, 'File not found');
      }
      const { 'Content-Type': _sendType, ...headers } = result.headers;
      return reply
        .code(result.statusCode)
        .headers(headers)
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .header('Content-Type', match[1].endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8')
        .send(result.stream);
    },
  });
}

function errorBody(statusCode: number, code: string, message: string) {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, code };
}
