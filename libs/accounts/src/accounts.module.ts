import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalAuthGuard } from './auth/local-auth.guard';
import { LocalStrategy } from './auth/local.strategy';
import { RolesGuard } from './auth/roles.guard';
import { TokenService } from './auth/token.service';
import { User } from './entities/user.entity';
import { UserRepository } from './repositories/user.repository';
import { AccountsService } from './services/accounts.service';
import { PasswordHasher } from './services/password-hasher.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), PassportModule, JwtModule.register({})],
  providers: [
    UserRepository,
    PasswordHasher,
    AccountsService,
    AuthService,
    TokenService,
    LocalStrategy,
    JwtStrategy,
    JwtAuthGuard,
    LocalAuthGuard,
    RolesGuard,
  ],
  exports: [AccountsService, AuthService, TokenService, JwtAuthGuard, LocalAuthGuard, RolesGuard, PasswordHasher],
})
export class AccountsModule {}
