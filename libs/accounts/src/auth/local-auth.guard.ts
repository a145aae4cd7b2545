import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException, ValidationFailedException } from '@app/common';
import { LoginDto } from '../dto/login.dto';

/**
 * Passport's local strategy behind a shape check: a malformed body is a 400 from the same rules as
 * every other endpoint (guards run before pipes), not passport's bare 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(
    context: ExecutionContext,
  ): ReturnType<ReturnType<typeof AuthGuard>['prototype']['canActivate']> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body;
    const dto = plainToInstance(LoginDto, typeof body === 'object' && body !== null ? body : {});
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw new ValidationFailedException(errors.flatMap((error) => Object.values(error.constraints ?? {})));
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof Error) {
      throw error;
    }
    if (!user) {
      throw DomainException.unauthorized('Wrong email or password');
    }
    return user;
  }
}
