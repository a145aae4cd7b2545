import { ApiProperty } from '@nestjs/swagger';
import type { LicenceChangeKind } from '../entities/licence-change.entity';
import type { LicenceLanguage } from '../entities/licence.entity';

const LANGUAGES = ['en', 'fr', 'es'];
const KINDS = ['created', 'edited', 'ended'];

/** The terms a revision of a licence set. */
export class LicenceTermsView {
  @ApiProperty({ type: [String], format: 'uuid' }) courseIds: string[];
  @ApiProperty({ enum: LANGUAGES, enumName: 'CourseLanguage', isArray: true }) languages: LicenceLanguage[];
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ example: '2026-12-31' }) validUntil: string;
  @ApiProperty({ nullable: true, type: Number }) seatCap: number | null;
  @ApiProperty() translationAllowed: boolean;
}

export class LicenceCourseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: 'object',
    properties: { en: { type: 'string' }, fr: { type: 'string' }, es: { type: 'string' } },
    description: 'The course title per language the hub has',
  })
  titles: Partial<Record<LicenceLanguage, string>>;
}

export class LicenceLastChangeView {
  @ApiProperty() revision: number;
  @ApiProperty({ enum: KINDS, enumName: 'LicenceChangeKind' }) kind: LicenceChangeKind;
  @ApiProperty({ format: 'uuid' }) changedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt: Date;
}

/** A licence granted by the hub, as stored. */
export class LicenceRecordView extends LicenceTermsView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() revision: number;
  @ApiProperty({ example: 'KE' }) licenseeCountry: string;
  @ApiProperty() licenseeAdministration: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) updatedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** A licence granted by the hub, with its courses' titles and latest change. */
export class LicenceGrantView extends LicenceRecordView {
  @ApiProperty({ type: [LicenceCourseView] }) courses: LicenceCourseView[];
  @ApiProperty({ nullable: true, type: LicenceLastChangeView }) lastChange: LicenceLastChangeView | null;
}

/** One revision of a licence: who made it, when, and its terms. */
export class LicenceRevisionView {
  @ApiProperty({ format: 'uuid' }) licenceId: string;
  @ApiProperty() revision: number;
  @ApiProperty({ enum: KINDS, enumName: 'LicenceChangeKind' }) kind: LicenceChangeKind;
  @ApiProperty({ format: 'uuid' }) changedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt: Date;
  @ApiProperty({ type: LicenceTermsView }) terms: LicenceTermsView;
}
