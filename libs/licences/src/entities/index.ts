import { LicenceChange } from './licence-change.entity';
import { LicenceCourse } from './licence-course.entity';
import { Licence } from './licence.entity';
import { ReceivedCertificateKey } from './received-certificate-key.entity';
import { ReceivedLicenceCourse } from './received-licence-course.entity';
import { ReceivedLicence } from './received-licence.entity';

export * from './licence-change.entity';
export * from './licence-course.entity';
export * from './licence.entity';
export * from './received-certificate-key.entity';
export * from './received-licence-course.entity';
export * from './received-licence.entity';

/** The licences context's tables; the apps compose every context's list into their data source. */
export const LICENCES_ENTITIES = [
  Licence,
  LicenceCourse,
  LicenceChange,
  ReceivedLicence,
  ReceivedLicenceCourse,
  ReceivedCertificateKey,
];
