import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { EnvironmentError } from '@app/config';
import { CliError } from './cli-error';
import { auditCheck } from './commands/audit-check.command';
import { createAdmin } from './commands/create-admin.command';
import { certificateKeygen } from './commands/certificate-keygen.command';
import { licenceKeygen } from './commands/licence-keygen.command';
import { checkSchema, migrate } from './commands/database.command';
import { seedDemoData } from './commands/seed.command';
import { start } from './commands/start.command';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  create-admin --email E --password P   create an admin, or make an existing account one (idempotent)
  migrate                               run pending database migrations (idempotent)
  db-check                              fail when the entities differ from the migrations
  audit-check                           fail, naming the first broken entry, when the audit trail was edited
  seed                                  add demo accounts when the database has no users
  start                                 migrate, seed when empty, then run api and worker together
  licence-keygen                        print a new Ed25519 key pair for signing licence bundles
  certificate-keygen                    print a new Ed25519 key pair for signing certificates`;

async function run(argv: string[]): Promise<string | undefined> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    return USAGE;
  }
  if (extra.length > 0) {
    throw new CliError(`Unexpected argument(s): ${extra.join(' ')}\n\n${USAGE}`, 2);
  }
  switch (command) {
    case 'create-admin':
      return createAdmin({ email: values.email, password: values.password });
    case 'migrate':
      return migrate();
    case 'db-check':
      return checkSchema();
    case 'audit-check':
      return auditCheck();
    case 'seed':
      return seedDemoData();
    case 'start':
      await start();
      return undefined;
    case 'licence-keygen':
      return licenceKeygen();
    case 'certificate-keygen':
      return certificateKeygen();
    default:
      throw new CliError(`Unknown command: ${command}\n\n${USAGE}`, 2);
  }
}

run(process.argv.slice(2))
  .then((message) => {
    if (message) {
      console.log(message);
    }
  })
  .catch((error: unknown) => {
    if (error instanceof CliError || error instanceof EnvironmentError) {
      console.error(error.message);
      process.exitCode = error instanceof CliError ? error.exitCode : 1;
    } else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (isConnectionError(error)) {
      console.error(`Cannot reach the database or Redis: ${(error as Error).message}. Is it running? (see README)`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  });

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ENOTFOUND' || code === 'ER_ACCESS_DENIED_ERROR';
}
