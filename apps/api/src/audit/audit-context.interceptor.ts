import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import type { AuthenticatedUser } from '@app/accounts';
import { AuditContextStore } from '@app/audit';

/**
 * Runs every route handler inside its request's audit context (who, from which address), so the
 * services that record privileged actions need no extra argument (docs/audit.md). Interceptors run
 * after the guards: the caller is known here.
 */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const audit = { actorId: request.user?.id ?? null, actorCountry: request.user?.country ?? null, ip: request.ip };
    return new Observable((subscriber) => AuditContextStore.run(audit, () => next.handle().subscribe(subscriber)));
  }
}
