import { CreateUsers1764180000000 } from './1764180000000-create-users';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [CreateUsers1764180000000];
