import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { CatalogueModule } from '@app/catalogue';
import { CertificatesModule } from '@app/certificates';
import { ScormModule } from '@app/scorm';
import { Attempt } from './entities/attempt.entity';
import { CourseResult } from './entities/course-result.entity';
import { Enrolment } from './entities/enrolment.entity';
import { InteractionExtractionService } from './interactions/interaction-extraction.service';
import { SharedDataStore } from './entities/shared-data-store.entity';
import { AttemptRepository } from './repositories/attempt.repository';
import { CourseResultRepository } from './repositories/course-result.repository';
import { EnrolmentRepository } from './repositories/enrolment.repository';
import { SharedDataRepository } from './repositories/shared-data.repository';
import { CommitService } from './services/commit.service';
import { CourseResultService } from './services/course-result.service';
import { EnrolmentService } from './services/enrolment.service';
import { LaunchService } from './services/launch.service';
import { PlayerService } from './services/player.service';
import { ProgressService } from './services/progress.service';
import { SharedDataService } from './services/shared-data.service';
import { LaunchTokenService } from './tokens/launch-token.service';

const SERVICES = [
  CourseResultService,
  EnrolmentService,
  LaunchService,
  PlayerService,
  CommitService,
  ProgressService,
  SharedDataService,
  LaunchTokenService,
  InteractionExtractionService,
];

/** The SCORM run-time's server side: enrolments, launches, attempts, commits and progress. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Enrolment, Attempt, CourseResult, SharedDataStore]),
    AccountsModule,
    CatalogueModule,
    CertificatesModule,
    ScormModule,
  ],
  providers: [EnrolmentRepository, AttemptRepository, CourseResultRepository, SharedDataRepository, ...SERVICES],
  exports: SERVICES,
})
export class LearningModule {}
