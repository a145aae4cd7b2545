import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build:web` writes the browser app. */
export const WEB_DIST = path.resolve(process.cwd(), 'apps/web/dist');

/**
 * Serves the built web app under `/`: hashed assets cached for a year, everything else revalidated,
 * and unknown non-API paths answered with index.html so client-side routes survive a reload. Files
 * go out as the build precompressed them (`.br`, `.gz` beside each, docs/wire.md) when the browser
 * takes that encoding, with `Vary: Accept-Encoding`.
 */
export async function registerWebApp(fastify: FastifyInstance, root = WEB_DIST): Promise<void> {
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    fastify.log.warn(`Web app not built (${index} missing): run npm run build:web`);
    return;
  }
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    preCompressed: true,
    // The precompressed files are variants of the others, not paths of their own.
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (request: FastifyRequest, reply: FastifyReply): FastifyReply | void => {
    if (request.url === '/api' || request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html', root);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
}
