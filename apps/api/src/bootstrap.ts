import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { ContentSigner } from '@app/scorm';
import { BlobStore } from '@app/storage';
import { AppModule } from './app.module';
import { createOpenApiDocument } from './contract/openapi-document';
import { registerContentRoutes } from './content/content-routes';
import { registerInputGuard } from './input-guard';
import { registerCompression } from './web/compression';
import { registerWebApp } from './web/web-app';

function trustProxy(value: string | undefined): boolean | string[] {
  if (!value) {
    return false;
  }
  return value === 'true' ? true : value.split(',').map((entry) => entry.trim());
}

/** Builds the HTTP application as `main` runs it; tests call this too, so they test the real thing. */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: trustProxy(process.env.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    // Route matching ignores a trailing slash; request ids come from pino-http.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix('api');

  const config = app.get(AppConfig);
  registerInputGuard(app.getHttpAdapter().getInstance());
  await app.register(cookie);
  // Before any route: it hooks each route as it is added (docs/wire.md).
  await registerCompression(app);
  // Limits per request are set where files are read (streamed to disk, never buffered).
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 1000, parts: 12, headerPairs: 100 } });
  const contentOrigin = config.contentUrl.origin;
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // The file library's player: signed links on the app's own origin (range requests), no blob:.
        mediaSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameSrc: [contentOrigin],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
    },
    // Swagger UI needs inline styles; it is a developer page under /api/docs only.
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.publicUrl.protocol === 'https:' ? { maxAge: 31536000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });

  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });

  // Before the web app: its catch-all must not answer the content origin.
  registerContentRoutes(app.getHttpAdapter().getInstance(), {
    config,
    blobs: app.get(BlobStore),
    signer: app.get(ContentSigner),
  });
  await registerWebApp(app.getHttpAdapter().getInstance());
  return app;
}
