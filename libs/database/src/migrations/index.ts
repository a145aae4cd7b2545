import { CreateUsers1764180000000 } from './1764180000000-create-users';
import { AccountsWorkflow1764190000000 } from './1764190000000-accounts-workflow';
import { Catalogue1764200000000 } from './1764200000000-catalogue';
import { Learning1764210000000 } from './1764210000000-learning';
import { Groups1764220000000 } from './1764220000000-groups';
import { Curricula1764230000000 } from './1764230000000-curricula';
import { GroupWorkshops1764261000000 } from './1764261000000-group-workshops';
import { CourseSearch1764240000000 } from './1764240000000-course-search';
import { Licences1764250000000 } from './1764250000000-licences';
import { Translations1764260000000 } from './1764260000000-translations';
import { ImportPayloads1764270000000 } from './1764270000000-import-payloads';
import { SearchGeneration1764275000000 } from './1764275000000-search-generation';
import { LicenceChanges1764280000000 } from './1764280000000-licence-changes';
import { ForeignKeys1764400000000 } from './1764400000000-foreign-keys';
import { CourseResults1764440000000 } from './1764440000000-course-results';
import { MeasuredTime1764441000000 } from './1764441000000-measured-time';
import { SharedDataStores1764442000000 } from './1764442000000-shared-data-stores';
import { SignIns1764480000000 } from './1764480000000-sign-ins';
import { ReportSummaries1764510000000 } from './1764510000000-report-summaries';
import { AttemptInteractions1764510000001 } from './1764510000001-attempt-interactions';
import { UsersReportIndex1764510000002 } from './1764510000002-users-report-index';
import { Rtcs1764490000000 } from './1764490000000-rtcs';
import { Certificates1764470000000 } from './1764470000000-certificates';
import { ReceivedCertificateKeys1764500000000 } from './1764500000000-received-certificate-keys';
import { OfficerImports1764520000000 } from './1764520000000-officer-imports';
import { Notifications1764521000000 } from './1764521000000-notifications';
import { AuditTrail1764530000000 } from './1764530000000-audit-trail';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [
  CreateUsers1764180000000,
  AccountsWorkflow1764190000000,
  Catalogue1764200000000,
  Learning1764210000000,
  Groups1764220000000,
  Curricula1764230000000,
  CourseSearch1764240000000,
  Licences1764250000000,
  Translations1764260000000,
  GroupWorkshops1764261000000,
  ImportPayloads1764270000000,
  SearchGeneration1764275000000,
  LicenceChanges1764280000000,
  ForeignKeys1764400000000,
  CourseResults1764440000000,
  MeasuredTime1764441000000,
  SharedDataStores1764442000000,
  SignIns1764480000000,
  Rtcs1764490000000,
  Certificates1764470000000,
  ReceivedCertificateKeys1764500000000,
  ReportSummaries1764510000000,
  AttemptInteractions1764510000001,
  UsersReportIndex1764510000002,
  OfficerImports1764520000000,
  Notifications1764521000000,
  AuditTrail1764530000000,
];
