import { ACCOUNTS_ENTITIES } from '@app/accounts';
import { AUDIT_ENTITIES } from '@app/audit';
import { CATALOGUE_ENTITIES } from '@app/catalogue';
import { CERTIFICATES_ENTITIES } from '@app/certificates';
import { CURRICULA_ENTITIES } from '@app/curricula';
import { GROUP_ENTITIES } from '@app/groups';
import { IMPORTS_ENTITIES } from '@app/imports';
import { LEARNING_ENTITIES } from '@app/learning';
import { LICENCES_ENTITIES } from '@app/licences';
import { NOTIFICATIONS_ENTITIES } from '@app/notifications';

/**
 * Every entity of the platform, composed from the context libraries' own lists (no globs: they
 * break under bundlers and hide what the schema is made of). `libs/database` knows no entity; the
 * api, the worker, the cli, the tests and the migration check map this list. A new context adds
 * its list here and its migration in libs/database/src/migrations.
 */
export const ENTITIES = [
  ...ACCOUNTS_ENTITIES,
  ...CATALOGUE_ENTITIES,
  ...IMPORTS_ENTITIES,
  ...LICENCES_ENTITIES,
  ...LEARNING_ENTITIES,
  ...GROUP_ENTITIES,
  ...CURRICULA_ENTITIES,
  ...CERTIFICATES_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...AUDIT_ENTITIES,
];
