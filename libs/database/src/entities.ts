import { User } from '@app/accounts/entities/user.entity';

/**
 * Every entity of the platform, listed explicitly (no globs: they break under bundlers and hide
 * what the schema is made of). A library adds its entities here and a migration beside them.
 */
export const ENTITIES = [User];
