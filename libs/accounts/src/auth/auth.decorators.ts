import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedUser, Role } from './authenticated-user';

export const IS_PUBLIC = 'clearance:isPublic';
export const IS_OPTIONAL_AUTH = 'clearance:isOptionalAuth';
export const REQUIRED_ROLES = 'clearance:roles';

/** Deliberately reachable without signing in. Every other route needs a valid access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Reachable without a token (the handler then gets no user and decides, e.g. the public catalogue);
 * a token that is presented must still be valid, so a signed-in caller is always recognised.
 */
export const OptionalAuth = (): MethodDecorator & ClassDecorator => SetMetadata(IS_OPTIONAL_AUTH, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** The signed-in caller, or undefined on an {@link OptionalAuth} route reached without a token. */
export const OptionalUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>().user,
);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<FastifyRequest & { user: AuthenticatedUser }>().user,
);
