import { AccountsService } from '@app/accounts';
import { DomainException } from '@app/common';
import { CliError } from '../cli-error';
import { withContext } from '../context';

export interface CreateAdminOptions {
  email?: string;
  password?: string;
}

/** `create-admin --email E --password P`: creates the admin, or brings an existing account to that state. */
export async function createAdmin(options: CreateAdminOptions): Promise<string> {
  if (!options.email || !options.password) {
    throw new CliError('Usage: npm run cli -- create-admin --email E --password P', 2);
  }
  const { email, password } = options;
  return withContext(async (app) => {
    try {
      const { user, created } = await app.get(AccountsService).ensureAdmin(email, password);
      return created ? `Created admin ${user.email} (${user.id})` : `Admin ${user.email} is up to date (${user.id})`;
    } catch (error) {
      if (error instanceof DomainException) {
        throw new CliError(error.message);
      }
      throw error;
    }
  });
}
