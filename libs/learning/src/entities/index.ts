import { Attempt } from './attempt.entity';
import { Enrolment } from './enrolment.entity';

/** The learning context's tables; the apps compose every context's list into their data source. */
export const LEARNING_ENTITIES = [Enrolment, Attempt];
