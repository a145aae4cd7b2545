import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { NotificationsModule } from '@app/notifications';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalAuthGuard } from './auth/local-auth.guard';
import { LocalStrategy } from './auth/local.strategy';
import { RolesGuard } from './auth/roles.guard';
import { TokenService } from './auth/token.service';
import { DeviceCookieService } from './auth/device-cookie.service';
import { CoordinatorService } from './coordinators/coordinator.service';
import { CountriesService } from './countries/countries.service';
import { AuthSession } from './entities/auth-session.entity';
import { AutoApproveDomain } from './entities/auto-approve-domain.entity';
import { CoordinatorAppointment } from './entities/coordinator-appointment.entity';
import { OneTimeToken } from './entities/one-time-token.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { RegistrationDecision } from './entities/registration-decision.entity';
import { RtcStaffAppointment } from './entities/rtc-staff-appointment.entity';
import { Rtc } from './entities/rtc.entity';
import { SignIn } from './entities/sign-in.entity';
import { User } from './entities/user.entity';
import { RateLimitService } from './rate-limit/rate-limit.service';
import { PendingReminderService } from './registration/pending-reminder.service';
import { RegistrationReviewService } from './registration/registration-review.service';
import { RegistrationService } from './registration/registration.service';
import { AutoApproveDomainRepository } from './repositories/auto-approve-domain.repository';
import { CoordinatorAppointmentRepository } from './repositories/coordinator-appointment.repository';
import { OneTimeTokenRepository } from './repositories/one-time-token.repository';
import { RegistrationDecisionRepository } from './repositories/registration-decision.repository';
import { SessionRepository } from './repositories/session.repository';
import { RtcRepository } from './repositories/rtc.repository';
import { SignInRepository } from './repositories/sign-in.repository';
import { UserRepository } from './repositories/user.repository';
import { UserAdministrationService } from './people/user-administration.service';
import { RtcService } from './rtcs/rtc.service';
import { BulkOnboardingService } from './onboarding/bulk-onboarding.service';
import { AccountsService } from './services/accounts.service';
import { PasswordHasher } from './services/password-hasher.service';
import { PasswordService } from './services/password.service';
import { ProfileService } from './services/profile.service';
import { SessionService } from './sessions/session.service';
import { SignInLogService } from './sessions/sign-in-log.service';

const SERVICES = [
  AccountsService,
  AuthService,
  TokenService,
  SessionService,
  SignInLogService,
  RegistrationService,
  RegistrationReviewService,
  PendingReminderService,
  CoordinatorService,
  PasswordService,
  ProfileService,
  CountriesService,
  RateLimitService,
  DeviceCookieService,
  PasswordHasher,
  RtcService,
  UserAdministrationService,
  BulkOnboardingService,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([
      User,
      CoordinatorAppointment,
      RegistrationDecision,
      AuthSession,
      RefreshToken,
      OneTimeToken,
      AutoApproveDomain,
      Rtc,
      RtcStaffAppointment,
      SignIn,
    ]),
    PassportModule,
    JwtModule.register({}),
    NotificationsModule,
    AuditModule,
  ],
  providers: [
    UserRepository,
    CoordinatorAppointmentRepository,
    RegistrationDecisionRepository,
    SessionRepository,
    OneTimeTokenRepository,
    AutoApproveDomainRepository,
    RtcRepository,
    SignInRepository,
    ...SERVICES,
    LocalStrategy,
    JwtStrategy,
    JwtAuthGuard,
    LocalAuthGuard,
    RolesGuard,
  ],
  exports: [...SERVICES, JwtAuthGuard, LocalAuthGuard, RolesGuard],
})
export class AccountsModule {}
