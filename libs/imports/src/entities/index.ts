import { ImportJob } from './import-job.entity';

/** The imports context's tables; the apps compose every context's list into their data source. */
export const IMPORTS_ENTITIES = [ImportJob];
