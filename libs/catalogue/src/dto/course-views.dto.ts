import { ApiProperty } from '@nestjs/swagger';
import { CourseOrigin, CourseStatus } from '../entities/course.entity';
import type { CatalogueLanguage } from '../repositories/course.repository';

const LANGUAGES = ['en', 'fr', 'es'];

/** A WCO topic area, named in each UI language. */
export class TopicView {
  @ApiProperty() code: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() nameFr: string;
  @ApiProperty() nameEs: string;
  @ApiProperty() sortOrder: number;
}

export class CourseSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A topic code; null for an imported course not yet classified',
  })
  topic: string | null;
  @ApiProperty({ enum: CourseStatus, enumName: 'CourseStatus' }) status: CourseStatus;
  @ApiProperty({ enum: CourseOrigin, enumName: 'CourseOrigin' }) origin: CourseOrigin;
  @ApiProperty({ nullable: true, type: Number }) estimatedHours: number | null;
  @ApiProperty({ enum: LANGUAGES, enumName: 'CourseLanguage', isArray: true }) languages: CatalogueLanguage[];
}

export class CoursePage {
  @ApiProperty({ type: [CourseSummaryView] }) items: CourseSummaryView[];
  @ApiProperty() total: number;
}

export class CourseTextView {
  @ApiProperty({ enum: LANGUAGES, enumName: 'CourseLanguage' }) language: CatalogueLanguage;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
}

export class PackageItemView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['sco', 'asset'] }) type: 'sco' | 'asset';
}

export class CoursePackageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LANGUAGES, enumName: 'CourseLanguage' }) language: CatalogueLanguage;
  @ApiProperty() version: number;
  @ApiProperty({ example: 'scorm2004' }) standard: string;
  @ApiProperty({ nullable: true, type: String }) edition: string | null;
  @ApiProperty({ type: [PackageItemView] }) items: PackageItemView[];
}

/** A course with its texts and the latest package per language. */
export class CourseDetailView extends CourseSummaryView {
  @ApiProperty({ type: [CourseTextView] }) texts: CourseTextView[];
  @ApiProperty({ type: [CoursePackageView] }) packages: CoursePackageView[];
}

/** A translation whose source has changed since it was made. */
export class StaleTranslationView {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ enum: ['text', 'package'] }) kind: 'text' | 'package';
  @ApiProperty() language: string;
  @ApiProperty() sourceLanguage: string;
  @ApiProperty({ nullable: true, type: String }) packageId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'A package: the source version it was translated from' })
  sourceVersion: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'A package: the newest version of that source now' })
  currentSourceVersion: number | null;
}
