import { ApiProperty } from '@nestjs/swagger';
import type { CompletionStatus, SessionEntry, SuccessStatus } from '../entities/attempt.entity';

const COMPLETION = ['completed', 'incomplete', 'not attempted', 'unknown'];
const SUCCESS = ['passed', 'failed', 'unknown'];

/** scorm-again reads this answer to a commit (docs/player.md). */
export class CommitAnswer {
  @ApiProperty({ enum: [true] }) result: true;
  @ApiProperty({ enum: [0] }) errorCode: 0;
}

export class ItemProgressView {
  @ApiProperty() itemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['sco', 'asset'] }) type: 'sco' | 'asset';
  @ApiProperty() attempts: number;
  @ApiProperty({ enum: COMPLETION, enumName: 'CompletionStatus' }) completionStatus: CompletionStatus;
  @ApiProperty({ enum: SUCCESS, enumName: 'SuccessStatus' }) successStatus: SuccessStatus;
  @ApiProperty({ nullable: true, type: Number }) scoreScaled: number | null;
  @ApiProperty() totalTimeSeconds: number;
  @ApiProperty({ description: 'Some of this time was measured by the platform: a session of the SCO reported none' })
  timeMeasured: boolean;
}

/** An enrolled course with its rollup (docs/player.md) and per-item progress. */
export class CourseProgressView {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) enrolledAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastActivityAt: Date | null;
  @ApiProperty({ enum: ['completed', 'incomplete', 'not attempted'] })
  completionStatus: 'completed' | 'incomplete' | 'not attempted';
  @ApiProperty({ enum: SUCCESS, enumName: 'SuccessStatus' }) successStatus: SuccessStatus;
  @ApiProperty({ nullable: true, type: Number }) scoreScaled: number | null;
  @ApiProperty() totalTimeSeconds: number;
  @ApiProperty({ description: 'Some of this time was measured by the platform: a session of the SCO reported none' })
  timeMeasured: boolean;
  @ApiProperty({ description: 'Launchable parts whose latest attempt is completed (docs/course-results.md)' })
  partsDone: number;
  @ApiProperty({ description: 'Launchable parts of the course' }) partsTotal: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) passedAt: Date | null;
  @ApiProperty({ type: [ItemProgressView] }) items: ItemProgressView[];
}

export class AttemptHistoryView {
  @ApiProperty({ format: 'uuid' }) attemptId: string;
  @ApiProperty({ format: 'uuid' }) packageId: string;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
  @ApiProperty() itemId: string;
  @ApiProperty() title: string;
  @ApiProperty() number: number;
  @ApiProperty() sessions: number;
  @ApiProperty({ enum: COMPLETION, enumName: 'CompletionStatus' }) completionStatus: CompletionStatus;
  @ApiProperty({ enum: SUCCESS, enumName: 'SuccessStatus' }) successStatus: SuccessStatus;
  @ApiProperty({ nullable: true, type: Number }) scoreScaled: number | null;
  @ApiProperty() totalTimeSeconds: number;
  @ApiProperty({ description: 'Some of this time was measured by the platform: a session of the SCO reported none' })
  timeMeasured: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) lastActivityAt: Date;
}

export class PlayerAttemptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty() itemId: string;
  @ApiProperty({ enum: ['normal', 'review'] }) mode: 'normal' | 'review';
  @ApiProperty() credit: string;
  @ApiProperty({ enum: ['ab-initio', 'resume', ''] }) entry: SessionEntry;
}

export class PlayerItemStatusView {
  @ApiProperty({ enum: COMPLETION, enumName: 'CompletionStatus' }) completion: CompletionStatus;
  @ApiProperty({ enum: SUCCESS, enumName: 'SuccessStatus' }) success: SuccessStatus;
  @ApiProperty({ nullable: true, type: Number }) scoreScaled: number | null;
}

export class PlayerItemView {
  @ApiProperty() itemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['sco', 'asset'] }) type: 'sco' | 'asset';
  @ApiProperty({ type: PlayerItemStatusView }) status: PlayerItemStatusView;
}

export class NamedRef {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class TitledRef {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
}

export class PlayerPackageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() language: string;
  @ApiProperty() title: string;
}

/** Everything the player page needs for one launch (docs/player.md). */
export class PlayerDataView {
  @ApiProperty({ type: PlayerAttemptView }) attempt: PlayerAttemptView;
  @ApiProperty({ enum: ['scorm12', 'scorm2004'] }) standard: 'scorm12' | 'scorm2004';
  @ApiProperty({ nullable: true, type: String, enum: ['2nd', '3rd', '4th'] }) edition: null | '2nd' | '3rd' | '4th';
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The stored CMI, as scorm-again loads it' })
  cmi: Record<string, unknown>;
  @ApiProperty({ type: NamedRef }) learner: NamedRef;
  @ApiProperty({ type: TitledRef }) course: TitledRef;
  @ApiProperty({ type: PlayerPackageView }) package: PlayerPackageView;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      "The package's parsed manifest organization (libs/scorm manifest types), for the table of contents and sequencing",
  })
  organization: object | null;
  @ApiProperty({ type: [PlayerItemView] }) items: PlayerItemView[];
  @ApiProperty() contentOrigin: string;
  @ApiProperty() launcherUrl: string;
  @ApiProperty() scoUrl: string;
  @ApiProperty() commitUrl: string;
  @ApiProperty() courseUrl: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'SCORM 2004 4th adl.data: the stores the item maps with readSharedData, by target ID (docs/course-results.md)',
  })
  sharedData: Record<string, string>;
}
