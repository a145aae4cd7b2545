import { Certificate } from './certificate.entity';

/** The certificates context's tables; the apps compose every context's list into their data source. */
export const CERTIFICATES_ENTITIES = [Certificate];
