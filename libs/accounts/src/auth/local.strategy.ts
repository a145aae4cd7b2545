import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { User } from '../entities/user.entity';
import { AuthService } from './auth.service';
import { DEVICE_COOKIE } from './device-cookie.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', session: false, passReqToCallback: true });
  }

  validate(request: FastifyRequest, email: string, password: string): Promise<User> {
    return this.auth.validateCredentials(email, password, request.ip, request.cookies?.[DEVICE_COOKIE]);
  }
}
