import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CoordinatorAppointment } from '../entities/coordinator-appointment.entity';
import { LANGUAGES, Language, User, UserStatus } from '../entities/user.entity';
import { DecisionRow } from '../repositories/registration-decision.repository';

export class RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty() administration: string;
  @ApiProperty() jobTitle: string;
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
  @ApiProperty({ enum: LANGUAGES }) preferredLanguage: Language;
  @ApiProperty() registeredAt: string;
  @ApiProperty({ nullable: true, type: String }) pendingSince: string | null;

  static of(user: User): RegistrationView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      country: user.country,
      administration: user.administration,
      jobTitle: user.jobTitle,
      status: user.status,
      preferredLanguage: user.preferredLanguage,
      registeredAt: user.createdAt.toISOString(),
      pendingSince: user.pendingSince?.toISOString() ?? null,
    };
  }
}

export class RegistrationPage {
  @ApiProperty({ type: [RegistrationView] }) items: RegistrationView[];
  @ApiProperty() total: number;
}

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: ['approved', 'rejected'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: decided by the system' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) deciderName: string | null;
  @ApiProperty() decidedAt: string;

  static of(row: DecisionRow): DecisionView {
    return {
      id: row.id,
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      country: row.country,
      outcome: row.outcome,
      reason: row.reason,
      decidedBy: row.decidedBy,
      deciderName: row.deciderName,
      decidedAt: row.decidedAt.toISOString(),
    };
  }
}

export class DecisionPage {
  @ApiProperty({ type: [DecisionView] }) items: DecisionView[];
  @ApiProperty() total: number;
}

export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ isArray: true, enum: ['learner', 'coordinator', 'rtc_staff', 'admin'] }) roles: string[];
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
  @ApiProperty() administration: string;
  @ApiProperty() jobTitle: string;
  @ApiProperty({ enum: LANGUAGES }) preferredLanguage: Language;
  @ApiProperty({ type: [String] }) coordinatorCountries: string[];

  static of(user: User, caller: AuthenticatedUser): MeView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      country: user.country,
      roles: caller.roles,
      status: user.status,
      administration: user.administration,
      jobTitle: user.jobTitle,
      preferredLanguage: user.preferredLanguage,
      coordinatorCountries: caller.coordinatorCountries,
    };
  }
}

export class AppointmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() country: string;
  @ApiProperty({ format: 'uuid' }) appointedBy: string;
  @ApiProperty() startsAt: string;
  @ApiProperty({ nullable: true, type: String }) endsAt: string | null;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) appointedByName?: string | null;

  static of(
    appointment: CoordinatorAppointment & { email?: string; displayName?: string; appointedByName?: string | null },
  ): AppointmentView {
    return {
      id: appointment.id,
      userId: appointment.userId,
      country: appointment.country,
      appointedBy: appointment.appointedBy,
      startsAt: appointment.startsAt.toISOString(),
      endsAt: appointment.endsAt?.toISOString() ?? null,
      ...(appointment.email !== undefined ? { email: appointment.email } : {}),
      ...(appointment.displayName !== undefined ? { displayName: appointment.displayName } : {}),
      ...(appointment.appointedByName !== undefined ? { appointedByName: appointment.appointedByName } : {}),
    };
  }
}

export class UserSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
  @ApiProperty({ type: [String] }) roles: string[];

  static of(user: User): UserSummaryView {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      country: user.country,
      status: user.status,
      roles: [user.role],
    };
  }
}
