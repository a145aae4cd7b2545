import { ApiProperty } from '@nestjs/swagger';
import { OFFICER_STATUSES } from './report-query.dto';

export class RegistrationCountsDto {
  @ApiProperty() pending: number;
  @ApiProperty({ description: 'Accounts approved: active or suspended since' }) approved: number;
  @ApiProperty() rejected: number;
}

export class OfficersByStatusDto {
  @ApiProperty() unverified: number;
  @ApiProperty() pending: number;
  @ApiProperty() active: number;
  @ApiProperty() rejected: number;
  @ApiProperty() suspended: number;
}

export class MonthCountDto {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty() count: number;
}

export class DayCountDto {
  @ApiProperty({ example: '2026-03-14' }) day: string;
  @ApiProperty() count: number;
}

export class CourseFiguresDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ type: String, nullable: true, description: 'English display title' }) title: string | null;
  @ApiProperty() enrolments: number;
  @ApiProperty({ description: 'Enrolments whose course result was launched (incomplete or completed)' })
  started: number;
  @ApiProperty({ description: 'Course result incomplete' }) inProgress: number;
  @ApiProperty() completions: number;
  @ApiProperty() passed: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: Number, nullable: true, description: 'passed / (passed + failed), 0–1' }) passRate:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean scaled score of results with a score' })
  averageScore: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean seconds spent by the learners who launched it' })
  averageTimeSeconds: number | null;
}

/** `GET /api/reports/summary` (docs/reports.md). */
export class ReportSummaryDto {
  @ApiProperty({ type: RegistrationCountsDto }) registrations: RegistrationCountsDto;
  @ApiProperty({ description: 'Officers with an enrolment in the period' }) learners: number;
  @ApiProperty({ description: 'Enrolments made in the period' }) enrolments: number;
  @ApiProperty({ description: 'Course results completed in the period' }) completions: number;
  @ApiProperty({ type: OfficersByStatusDto }) officersByStatus: OfficersByStatusDto;
  @ApiProperty({ type: [MonthCountDto] }) registrationsPerMonth: MonthCountDto[];
  @ApiProperty({ type: [CourseFiguresDto] }) courses: CourseFiguresDto[];
}

export class LearnerRowDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty() country: string;
  @ApiProperty() administration: string;
  @ApiProperty({ enum: ['en', 'fr', 'es'] }) language: string;
  @ApiProperty({ enum: OFFICER_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) courseId: string | null;
  @ApiProperty({ type: String, nullable: true }) courseTitle: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) enrolledAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['completed', 'incomplete', 'not attempted'] })
  completionStatus: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['passed', 'failed', 'unknown'] }) successStatus: string | null;
  @ApiProperty({ type: Number, nullable: true }) scoreScaled: number | null;
  @ApiProperty({ type: Number, nullable: true }) partsDone: number | null;
  @ApiProperty({ type: Number, nullable: true }) partsTotal: number | null;
  @ApiProperty({ type: Number, nullable: true }) timeSeconds: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastActivityAt: string | null;
}

export class LearnerPageDto {
  @ApiProperty({ type: [LearnerRowDto] }) items: LearnerRowDto[];
  @ApiProperty() total: number;
}

export class TranscriptOfficerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty() country: string;
  @ApiProperty() administration: string;
  @ApiProperty({ enum: ['en', 'fr', 'es'] }) language: string;
  @ApiProperty({ enum: OFFICER_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSignInAt: string | null;
}

/** `GET /api/reports/learners/:userId`: one officer's courses, read-only. */
export class TranscriptDto {
  @ApiProperty({ type: TranscriptOfficerDto }) officer: TranscriptOfficerDto;
  @ApiProperty({ type: [LearnerRowDto] }) courses: LearnerRowDto[];
}
