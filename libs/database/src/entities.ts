import { AuthSession } from '@app/accounts/entities/auth-session.entity';
import { AutoApproveDomain } from '@app/accounts/entities/auto-approve-domain.entity';
import { CoordinatorAppointment } from '@app/accounts/entities/coordinator-appointment.entity';
import { OneTimeToken } from '@app/accounts/entities/one-time-token.entity';
import { RefreshToken } from '@app/accounts/entities/refresh-token.entity';
import { RegistrationDecision } from '@app/accounts/entities/registration-decision.entity';
import { User } from '@app/accounts/entities/user.entity';
import { CoursePackage } from '@app/catalogue/entities/course-package.entity';
import { CourseSearchEntry } from '@app/catalogue/entities/course-search-entry.entity';
import { CourseTranslation } from '@app/catalogue/entities/course-translation.entity';
import { Course } from '@app/catalogue/entities/course.entity';
import { Topic } from '@app/catalogue/entities/topic.entity';
import { ImportJob } from '@app/imports/entities/import-job.entity';
import { Licence, ReceivedLicence } from '@app/imports/licences/licence.entity';
import { LicenceChange } from '@app/imports/licences/licence-change.entity';
import { Attempt } from '@app/learning/entities/attempt.entity';
import { Enrolment } from '@app/learning/entities/enrolment.entity';
import { CourseResult } from '@app/learning/entities/course-result.entity';
import { SharedDataStore } from '@app/learning/entities/shared-data-store.entity';
import { GROUP_ENTITIES } from '@app/groups/entities';
import { CURRICULA_ENTITIES } from '@app/curricula/entities';

/**
 * Every entity of the platform, listed explicitly (no globs: they break under bundlers and hide
 * what the schema is made of). A library adds its entities here and a migration beside them.
 */
export const ENTITIES = [
  User,
  CoordinatorAppointment,
  RegistrationDecision,
  AuthSession,
  RefreshToken,
  OneTimeToken,
  AutoApproveDomain,
  Topic,
  Course,
  CourseTranslation,
  CoursePackage,
  CourseSearchEntry,
  ImportJob,
  Licence,
  LicenceChange,
  ReceivedLicence,
  Enrolment,
  Attempt,
  CourseResult,
  SharedDataStore,
  ...GROUP_ENTITIES,
  ...CURRICULA_ENTITIES,
];
