import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainException, ErrorCode } from '@app/common';
import { IS_OPTIONAL_AUTH, IS_PUBLIC } from './auth.decorators';

/** Global guard: a route is guarded unless marked {@link Public}. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(
    context: ExecutionContext,
  ): ReturnType<ReturnType<typeof AuthGuard>['prototype']['canActivate']> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) {
      return true;
    }
    const optional = this.reflector.getAllAndOverride<boolean>(IS_OPTIONAL_AUTH, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (optional && !context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization) {
      return true;
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false, info?: unknown): TUser {
    if (error instanceof DomainException) {
      throw error;
    }
    if (error || !user) {
      // A token was presented but is expired, forged or malformed: TOKEN_INVALID tells clients to
      // refresh or sign in again; no token at all is plain UNAUTHORIZED.
      const presented = info instanceof Error && info.message !== 'No auth token';
      throw presented
        ? DomainException.unauthorized('Session expired or invalid: sign in again', ErrorCode.TokenInvalid)
        : DomainException.unauthorized('Sign in to continue', ErrorCode.Unauthorized);
    }
    return user;
  }
}
