import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IS_OPTIONAL_AUTH, IS_PUBLIC, REQUIRED_ROLES } from '@app/accounts';

/** The scheme of the player's routes: the launch token, sent as a bearer token or `?token=` (docs/player.md). */
export const LAUNCH_TOKEN_SCHEME = 'launchToken';

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'options' | 'head' | 'trace';
const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

const operationId = (controller: string, method: string): string => `${controller}_${method}`;

type RoleAnnotated = OperationObject & { 'x-roles'?: string[] };

interface Access {
  isPublic: boolean;
  /** Reachable without a token too (OptionalAuth): the handler decides, e.g. by PUBLIC_CATALOGUE. */
  isOptional: boolean;
  roles: string[];
}

/** Who may call each handler, read from the metadata the guards read (handler first, then class). */
function accessByOperation(app: INestApplication): Map<string, Access> {
  const access = new Map<string, Access>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) {
        continue;
      }
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') {
          continue;
        }
        const read = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, type) as T | undefined);
        access.set(operationId(type.name, name), {
          isPublic: read<boolean>(IS_PUBLIC) === true,
          isOptional: read<boolean>(IS_OPTIONAL_AUTH) === true,
          roles: read<string[]>(REQUIRED_ROLES) ?? [],
        });
      }
    }
  }
  return access;
}

/**
 * The OpenAPI document of the app: every route with its response DTO, and who may call it. Public
 * routes carry no bearer requirement; the others carry it, and `x-roles` names the roles a route
 * needs beyond a sign-in (the same metadata JwtAuthGuard and RolesGuard read). The web's client
 * and docs/api-routes.md are generated from it (`npm run contract`).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Clearance API')
      .setDescription('The public contract of Clearance. Errors are {statusCode, error, message, code}.')
      .setVersion('1')
      .addBearerAuth()
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A launch token' }, LAUNCH_TOKEN_SCHEME)
      .build(),
    { operationIdFactory: operationId },
  );
  const access = accessByOperation(app);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      const rule = operation?.operationId ? access.get(operation.operationId) : undefined;
      if (!operation || !rule) {
        continue;
      }
      if (rule.isPublic) {
        // A public route may still take another credential (the player's launch token), never a sign-in.
        const others = (operation.security ?? []).filter((requirement) => !('bearer' in requirement));
        if (others.length > 0) {
          operation.security = others;
        } else {
          delete operation.security;
        }
      } else {
        // OpenAPI's empty requirement: the bearer token is optional.
        operation.security = rule.isOptional ? [{ bearer: [] }, {}] : [{ bearer: [] }];
        if (rule.roles.length > 0) {
          (operation as RoleAnnotated)['x-roles'] = [...rule.roles].sort();
        }
      }
    }
  }
  return document;
}
