import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AccountsService, CoordinatorService, UserRole, UserStatus } from '@app/accounts';
import { CatalogueService } from '@app/catalogue';
import { AppConfig } from '@app/config';
import { ImportsService } from '@app/imports';
import { buildDemoPackage, DEMO_COURSE_TEXTS } from '../demo-course/demo-course';
import { withContext } from '../context';

interface DemoAccount {
  label: string;
  email: string;
  role: UserRole;
  country: string | null;
  displayName: string;
  administration: string;
  coordinatorOf?: string;
}

const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    label: 'admin (Secretariat)',
    email: 'admin@clearance.test',
    role: UserRole.Admin,
    country: null,
    displayName: 'Secretariat Admin',
    administration: 'WCO Secretariat',
  },
  {
    label: 'coordinator (Kenya)',
    email: 'coordinator@clearance.test',
    role: UserRole.Learner,
    country: 'KE',
    displayName: 'Joseph Mwangi',
    administration: 'Kenya Revenue Authority',
    coordinatorOf: 'KE',
  },
  {
    label: 'officer (Kenya)',
    email: 'officer@clearance.test',
    role: UserRole.Learner,
    country: 'KE',
    displayName: 'Amina Odhiambo',
    administration: 'Kenya Revenue Authority',
  },
];

/**
 * On an empty database, creates demo accounts (an admin, a coordinator appointed for Kenya, an
 * officer) with fresh random passwords, prints them and keeps them in DATA_DIR/demo-accounts.txt
 * (readable by the owner only). Does nothing otherwise.
 */
export async function seedDemoData(): Promise<string> {
  return withContext(async (app) => {
    const accounts = app.get(AccountsService);
    if ((await accounts.countUsers()) > 0) {
      return 'Database already has accounts: no demo data added';
    }
    const lines: string[] = [];
    let adminId = '';
    for (const demo of DEMO_ACCOUNTS) {
      const password = `demo-${randomBytes(9).toString('base64url')}`;
      const user = await accounts.createAccount({
        email: demo.email,
        password,
        displayName: demo.displayName,
        role: demo.role,
        status: UserStatus.Active,
        country: demo.country,
        administration: demo.administration,
      });
      if (demo.role === UserRole.Admin) {
        adminId = user.id;
      }
      if (demo.coordinatorOf) {
        const admin = {
          id: adminId,
          email: '',
          displayName: '',
          country: null,
          roles: [UserRole.Admin],
          coordinatorCountries: [],
          rtcIds: [],
          sessionId: '',
        };
        await app.get(CoordinatorService).appoint(admin, user.id, demo.coordinatorOf);
      }
      lines.push(`  ${demo.label.padEnd(22)} ${demo.email.padEnd(28)} ${password}`);
    }
    const adminCaller = { id: adminId, isAdmin: true };
    const catalogue = app.get(CatalogueService);
    const course = await catalogue.create(adminCaller, {
      topic: 'customs-controls',
      estimatedHours: 0.1,
      texts: DEMO_COURSE_TEXTS,
    });
    // The demo package goes through the real import pipeline: the worker imports it once it starts.
    const imports = app.get(ImportsService);
    const { jobId, uploadPath } = await imports.reserveUpload();
    await writeFile(uploadPath, await buildDemoPackage(), { mode: 0o600 });
    await imports.queuePackageImport(adminCaller, {
      jobId,
      uploadPath,
      fileName: 'welcome-to-clearance.zip',
      courseId: course.id,
      language: 'en',
      // Published with its package: a course without one may not be published.
      publish: true,
    });
    lines.push(
      '',
      `  Demo course "Welcome to Clearance": the worker imports its package and publishes it (job ${jobId}).`,
    );
    const file = path.join(app.get(AppConfig).dataDir, 'demo-accounts.txt');
    await mkdir(path.dirname(file), { recursive: true });
    const text = ['Demo accounts (sign in at the web app):', ...lines].join('\n');
    await writeFile(file, `${text}\n`, { mode: 0o600 });
    return `${text}\n(kept in ${file})`;
  });
}
