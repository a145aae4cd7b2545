import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../dto/account.dto';
import { AppointmentView } from '../dto/views';
import { AuthSession } from '../entities/auth-session.entity';
import { CoordinatorAppointment } from '../entities/coordinator-appointment.entity';
import { LANGUAGES, Language, User, UserRole, UserStatus } from '../entities/user.entity';
import { DirectoryRole } from '../repositories/user.repository';
import { RtcStaffDetails, RtcStaffView } from '../rtcs/rtc.dto';

export const DIRECTORY_ROLES: readonly DirectoryRole[] = [...Object.values(UserRole), 'coordinator'];

export class UserDirectoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Searches name and e-mail', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ enum: DIRECTORY_ROLES })
  @IsOptional()
  @IsIn(DIRECTORY_ROLES)
  role?: DirectoryRole;

  @ApiPropertyOptional({ enum: UserStatus })
  @IsOptional()
  @IsIn(Object.values(UserStatus))
  status?: UserStatus;
}

/** An account with the roles it holds now (base role, plus `coordinator` while appointed). */
export interface DirectoryEntry {
  user: User;
  roles: string[];
}

export class DirectoryEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty() administration: string;
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
  @ApiProperty({ isArray: true, enum: DIRECTORY_ROLES }) roles: string[];

  static of(entry: DirectoryEntry): DirectoryEntryView {
    const { user } = entry;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      country: user.country,
      administration: user.administration,
      status: user.status,
      roles: entry.roles,
    };
  }
}

export class UserDirectoryPage {
  @ApiProperty({ type: [DirectoryEntryView] }) items: DirectoryEntryView[];
  @ApiProperty() total: number;
}

export class SignInView {
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedReason: string | null;

  static of(session: AuthSession): SignInView {
    return {
      at: session.createdAt.toISOString(),
      endedAt: session.revokedAt?.toISOString() ?? null,
      endedReason: session.revokedReason,
    };
  }
}

export class PersonGroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiProperty() archived: boolean;
}

export interface PersonDetails extends DirectoryEntry {
  coordinatorAppointments: CoordinatorAppointment[];
  rtcAppointments: RtcStaffDetails[];
  signIns: AuthSession[];
}

export class PersonView extends DirectoryEntryView {
  @ApiProperty() jobTitle: string;
  @ApiProperty({ enum: LANGUAGES }) preferredLanguage: Language;
  @ApiProperty() registeredAt: string;
  @ApiProperty({ nullable: true, type: String }) emailVerifiedAt: string | null;
  @ApiProperty({ type: [AppointmentView], description: 'Coordinator appointments, newest first' })
  coordinatorAppointments: AppointmentView[];
  @ApiProperty({ type: [RtcStaffView], description: 'RTC staff appointments, newest first' })
  rtcAppointments: RtcStaffView[];
  @ApiProperty({ type: [PersonGroupView], description: 'Groups the person is an active member of' })
  groups: PersonGroupView[];
  @ApiProperty({ type: [SignInView], description: 'The last sign-ins, newest first' })
  signIns: SignInView[];
  @ApiProperty({ nullable: true, type: String }) lastSignInAt: string | null;

  static ofPerson(person: PersonDetails, groups: PersonGroupView[]): PersonView {
    const { user } = person;
    return {
      ...DirectoryEntryView.of(person),
      jobTitle: user.jobTitle,
      preferredLanguage: user.preferredLanguage,
      registeredAt: user.createdAt.toISOString(),
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      coordinatorAppointments: person.coordinatorAppointments.map((row) => AppointmentView.of(row)),
      rtcAppointments: person.rtcAppointments.map((row) => RtcStaffView.of(row)),
      groups,
      signIns: person.signIns.map((session) => SignInView.of(session)),
      lastSignInAt: person.signIns[0]?.createdAt.toISOString() ?? null,
    };
  }
}
