import { Attempt } from './attempt.entity';
import { CourseResult } from './course-result.entity';
import { Enrolment } from './enrolment.entity';
import { SharedDataStore } from './shared-data-store.entity';

/** The learning context's tables; the apps compose every context's list into their data source. */
export const LEARNING_ENTITIES = [Enrolment, Attempt, CourseResult, SharedDataStore];
