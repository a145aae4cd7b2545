import { negotiate } from '@fastify/accept-negotiator';
import compress from '@fastify/compress';
import send, { type FileSendResult, type SendOptions, type SendResult } from '@fastify/send';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pipeline, type Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/**
 * What the api compresses and how (docs/wire.md):
 * - the web app's and the launcher's files: precompressed by the web build (apps/web/precompress.ts),
 *   sent as they are ({@link sendPrecompressed}, @fastify/static's `preCompressed`);
 * - JSON and other text answers of 1 KB or more: compressed as they go (@fastify/compress);
 * - text files of SCORM packages of 1 KB or more: compressed as they stream ({@link compressContent}),
 *   never a range (Content-Range counts bytes of the file as stored).
 * Brotli when the browser takes it, gzip otherwise; every answer that could differ says
 * `Vary: Accept-Encoding`.
 */
export const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

/** Smaller answers are sent as they are: compressing them saves too little to pay for itself. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/** Brotli quality for answers compressed as they go: 4 is about gzip's speed, smaller output (11 is for builds). */
const ON_THE_FLY_BROTLI_QUALITY = 4;

/** Text types worth compressing (not images, media, fonts or zips: they are compressed already). */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript|ecmascript)\b|image\/svg\+xml\b)/i;

export function preferredEncoding(request: FastifyRequest): Encoding | null {
  const header = request.headers['accept-encoding'];
  return header ? negotiate<Encoding>(header, [...ENCODINGS]) : null;
}

function addVary(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  const current = typeof vary === 'string' ? vary : '';
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(current)) {
    void reply.header('Vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
  }
}

/**
 * Routes whose answers are always tiny, left without the compression hooks: the SCORM commit (the
 * hot path of docs/player.md; its answer is `{"result":true,"errorCode":0}`).
 */
const NEVER_COMPRESSED = /^\/api\/attempts\/:[A-Za-z]+\/commit$/;

/** JSON and text answers of the api, compressed as they go (registered before any route). */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook, which then adds nothing to these routes.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (NEVER_COMPRESSED.test(route.url)) {
        route.compress = false;
      }
    });
  await app.register(compress, {
    global: true,
    // Request bodies are never compressed by our clients: no decompression hook on every request.
    globalDecompression: false,
    encodings: [...ENCODINGS],
    threshold: COMPRESS_THRESHOLD_BYTES,
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: ON_THE_FLY_BROTLI_QUALITY } },
  });
}

/**
 * A file of an imported package, as @fastify/send opened it, compressed for the browser when it is
 * a whole text file (status 200, no Range asked) of {@link COMPRESS_THRESHOLD_BYTES} or more. The
 * ETag stays the file's weak one: both encodings are the same content. Answers the body to send.
 */
export function compressContent(
  request: FastifyRequest,
  reply: FastifyReply,
  result: FileSendResult,
  contentType: string,
): Readable {
  if (!COMPRESSIBLE.test(contentType) || request.headers.range !== undefined) {
    return result.stream;
  }
  addVary(reply);
  const size = Number(result.headers['Content-Length'] ?? 0);
  const encoding = preferredEncoding(request);
  if (result.statusCode !== 200 || size < COMPRESS_THRESHOLD_BYTES || encoding === null) {
    return result.stream;
  }
  const compressor =
    encoding === 'br'
      ? createBrotliCompress({
          params: {
            [constants.BROTLI_PARAM_QUALITY]: ON_THE_FLY_BROTLI_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: size,
          },
        })
      : createGzip();
  void reply.removeHeader('Content-Length').header('Content-Encoding', encoding);
  // A read error or a client gone ends both streams; Fastify reports the first.
  pipeline(result.stream, compressor, () => undefined);
  return compressor;
}

/**
 * @fastify/send of a built asset, preferring its precompressed `.br` or `.gz` sibling when the
 * browser takes that encoding (the file itself otherwise). Sets Content-Encoding and Vary.
 */
export async function sendPrecompressed(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  options: SendOptions,
): Promise<SendResult> {
  addVary(reply);
  const encoding = preferredEncoding(request);
  if (encoding !== null) {
    const result = await send(request.raw, `${file}.${encoding === 'br' ? 'br' : 'gz'}`, options);
    if (result.type === 'file') {
      void reply.header('Content-Encoding', encoding);
      return result;
    }
    if (result.type !== 'error' || result.statusCode !== 404) {
      return result;
    }
    result.stream.destroy();
  }
  return send(request.raw, file, options);
}
