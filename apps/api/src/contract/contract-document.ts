import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { createOpenApiDocument } from './openapi-document';

/**
 * The app's OpenAPI document without a database, Redis or a listening server: Nest's preview mode
 * resolves the module graph and reads the routes' metadata without creating a provider.
 */
export async function buildContractDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api');
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
