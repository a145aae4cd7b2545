import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { UserRole, UserStatus } from '@app/accounts';
import { QueueName } from '@app/queue';
import { createUser, login, nextClientIp, startTestServer, type TestApp } from '../support/app';
import { SmtpSink, type SinkMessage } from '../support/smtp-sink';
import { startTestWorker, type TestWorker } from '../support/test-worker';
import { assertWebAppBuilt, launchBrowser, watchForProblems } from './support/browser';

/** The path and query of the link a mail points to (its origin is PUBLIC_URL, not this server's). */
function linkIn(mail: SinkMessage, route: string): string {
  const match = new RegExp(`/${route}\\?token=([^\\s"<>&]+)`).exec(mail.text);
  if (!match) {
    throw new Error(`no ${route} link in the mail "${mail.subject}":\n${mail.text}`);
  }
  return `/${route}?token=${match[1]}`;
}

/** Polls a form control until it holds `value` (page functions cannot be evaluated under the CSP). */
async function waitForValue(control: Locator, value: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let current = await control.inputValue();
  while (current !== value) {
    if (Date.now() > deadline) {
      throw new Error(`expected the value ${JSON.stringify(value)}, still ${JSON.stringify(current)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = await control.inputValue();
  }
}

let counter = 0;
/** A fresh address per call: tests share one database with other test files. */
const address = (tag: string) => `${tag}-${++counter}-${Date.now()}@customs.example`;

describe('accounts in the browser: registration, approval, coordinators, profile', () => {
  const sink = new SmtpSink();
  const runPrefix = process.env.REDIS_PREFIX!;
  let app: TestApp | undefined;
  let url: string;
  let worker: TestWorker | undefined;
  let browser: Browser | undefined;
  let admin: { id: string; email: string; password: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertWebAppBuilt();
    // Queues of this file's own: another file's worker (without SMTP) must not take these mails.
    process.env.REDIS_PREFIX = `${runPrefix}:accounts-browser`;
    const smtpUrl = await sink.start();
    process.env.SMTP_URL = smtpUrl;
    // Mail is all this file needs from the worker.
    worker = await startTestWorker({ SMTP_URL: smtpUrl }, [QueueName.Notifications]);
    ({ app, url } = await startTestServer());
    browser = await launchBrowser();
    admin = await createUser(app, { role: UserRole.Admin, country: null, displayName: 'Secretariat Admin' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await worker?.close();
    await sink.stop();
    delete process.env.SMTP_URL;
    process.env.REDIS_PREFIX = runPrefix;
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) {
      await context.close();
    }
  });

  /**
   * A browser window of its own (own cookies), as a client with its own address: the api keys rate
   * limits on X-Forwarded-For in tests, and browsers send none.
   */
  const open = async (locale = 'en-US'): Promise<Page> => {
    const context = await browser!.newContext({
      baseURL: url,
      locale,
      extraHTTPHeaders: { 'X-Forwarded-For': nextClientIp() },
    });
    contexts.push(context);
    return context.newPage();
  };

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto('/sign-in');
    await heading(page, 'Sign in to Clearance').waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };

  const signedInAs = (page: Page, name: string) => page.getByRole('banner').getByText(`Signed in as ${name}`).waitFor();

  /** Appoints through the api (the admin interface has a test of its own below). */
  const appoint = async (userId: string, country: string) => {
    const token = await login(app!, admin.email, admin.password);
    await request(app!.getHttpServer())
      .post('/api/admin/coordinators')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Forwarded-For', nextClientIp())
      .send({ userId, country })
      .expect(201);
  };

  it('registers an officer, confirms the address, and lets the coordinator approve them', async () => {
    const coordinator = await createUser(app!, { displayName: 'Kwame Mensah', country: 'GH' });
    await appoint(coordinator.id, 'GH');
    const email = address('ama');
    const password = 'tea at the border post every morning';

    // 1. The officer registers.
    const officer = await open();
    await officer.goto('/register');
    await heading(officer, 'Create an account').waitFor();
    await officer.getByLabel('Work email address', { exact: true }).fill(email);
    const passwordField = officer.getByLabel('Password', { exact: true });
    await passwordField.fill(password);
    expect(await passwordField.getAttribute('autocomplete')).toBe('new-password');
    const help = await passwordField.getAttribute('aria-describedby');
    expect(await officer.locator(`[id="${help}"]`).textContent()).toContain('Use 12 to 128 characters.');
    await officer.getByLabel('Full name', { exact: true }).fill('Ama Owusu');
    const country = officer.getByLabel('Country', { exact: true });
    await country.locator('option', { hasText: 'Ghana' }).waitFor({ state: 'attached' });
    await country.selectOption({ label: 'Ghana' });
    await officer.getByLabel('Administration', { exact: true }).fill('Ghana Revenue Authority, Customs Division');
    await officer.getByLabel('Job title (optional)', { exact: true }).fill('Customs officer');
    expect(await officer.getByLabel('Preferred language', { exact: true }).inputValue()).toBe('en');
    await officer.getByRole('button', { name: 'Create my account' }).click();

    await heading(officer, 'Check your email').waitFor();
    await officer.getByText(`We have sent a confirmation link to ${email}.`).waitFor();

    // 2. The confirmation mail, then its link.
    const mail = await sink.waitFor((message) => message.to.includes(email), 20_000);
    expect(mail.subject).toBe('Confirm your email address for Clearance');
    await officer.goto(linkIn(mail, 'verify-email'));
    await heading(officer, 'Email address confirmed').waitFor();
    await officer
      .getByRole('status')
      .getByText('Your national coordinator will now review your registration.')
      .waitFor();

    // 3. Signing in now explains the wait.
    await signIn(officer, email, password);
    await heading(officer, 'Your registration is awaiting approval').waitFor();
    expect(new URL(officer.url()).pathname).toBe('/awaiting-approval');
    await officer.getByText('Your national coordinator must approve your registration').waitFor();

    // 4. The coordinator approves.
    const desk = await open();
    await signIn(desk, coordinator.email, coordinator.password);
    await signedInAs(desk, 'Kwame Mensah');
    const nav = desk.getByRole('navigation', { name: 'Main', exact: true });
    expect(await nav.getByRole('link', { name: 'Coordinators' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Registrations' }).click();
    await heading(desk, 'Registrations').waitFor();
    const row = desk
      .getByRole('table', { name: 'Registrations: Awaiting approval' })
      .getByRole('row')
      .filter({ hasText: 'Ama Owusu' });
    await row.getByText(email).waitFor();
    await row.getByText('Ghana Revenue Authority, Customs Division').waitFor();
    await row.getByRole('button', { name: 'Approve Ama Owusu' }).click();
    await desk
      .locator('[role="status"]:focus')
      .filter({ hasText: 'The registration of Ama Owusu has been approved.' })
      .waitFor();
    await row.waitFor({ state: 'detached' });
    const history = desk.getByRole('table', { name: 'Decisions, most recent first' });
    const decided = history.getByRole('row').filter({ hasText: 'Ama Owusu' });
    await decided.getByText('Approved', { exact: true }).waitFor();
    await decided.getByText('Kwame Mensah').waitFor();

    const approvedMail = await sink.waitFor(
      (message) => message.to.includes(email) && message.subject === 'Your Clearance account has been approved',
      20_000,
    );
    expect(approvedMail.text).toContain('Ama Owusu');

    // 5. The officer signs in, and stays signed in across a reload (refresh cookie, token in memory).
    await signIn(officer, email, password);
    await signedInAs(officer, 'Ama Owusu');
    // Signing in lands on the person's home, never the marketing page.
    await heading(officer, 'Welcome, Ama Owusu').waitFor();
    const officerNav = officer.getByRole('navigation', { name: 'Main', exact: true });
    await officerNav.getByRole('link', { name: 'Profile' }).waitFor();
    expect(await officerNav.getByRole('link', { name: 'Registrations' }).count()).toBe(0);
    await officer.reload();
    await signedInAs(officer, 'Ama Owusu');
    const storage = await officer.evaluate<string>(
      'JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])',
    );
    expect(storage).not.toMatch(/eyJ/);

    // Signing out ends the server session too: even asked to, a reload cannot restore it.
    await officer.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await officer.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    await officer.evaluate(`localStorage.setItem('clearance.session', '1')`);
    await officer.reload();
    await officer.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await officer.getByRole('banner').getByText('Ama Owusu').count()).toBe(0);
  });

  it('offers to send the confirmation link again when signing in before confirming', async () => {
    const person = await createUser(app!, { status: UserStatus.Unverified, country: 'GH', displayName: 'Yaw Darko' });
    const page = await open();
    await signIn(page, person.email, person.password);
    await page.getByRole('alert').filter({ hasText: 'Please confirm your email address first' }).waitFor();
    await page.getByRole('button', { name: 'Send the link again' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `If ${person.email} is waiting for confirmation` })
      .waitFor();
    const mail = await sink.waitFor((message) => message.to.includes(person.email), 20_000);
    expect(linkIn(mail, 'verify-email')).toMatch(/^\/verify-email\?token=/);
  });

  it('rejects a registration with a reason through the dialog, from the keyboard only', async () => {
    const coordinator = await createUser(app!, { displayName: 'Efua Asante', country: 'GH' });
    await appoint(coordinator.id, 'GH');
    const applicant = await createUser(app!, {
      status: UserStatus.Pending,
      country: 'GH',
      displayName: 'Kofi Boateng',
      administration: 'Ghana Revenue Authority',
    });
    const page = await open();
    await signIn(page, coordinator.email, coordinator.password);
    await signedInAs(page, 'Efua Asante');
    await page.goto('/coordinator');
    await heading(page, 'Registrations').waitFor();

    // Search from the keyboard.
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    await page.keyboard.type('Kofi Boateng');
    await page.keyboard.press('Enter');
    await page.getByText('Registrations found: 1').waitFor();

    const approve = page.getByRole('button', { name: 'Approve Kofi Boateng' });
    const reject = page.getByRole('button', { name: 'Reject Kofi Boateng' });
    await approve.focus();
    await page.keyboard.press('Tab');
    await reject.and(page.locator(':focus')).waitFor();

    // Enter opens the dialog with focus in the reason; Escape closes it and gives focus back.
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Reject the registration of Kofi Boateng' });
    await dialog.waitFor();
    const reason = dialog.getByLabel('Reason for rejection');
    await reason.and(page.locator(':focus')).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await reject.and(page.locator(':focus')).waitFor();

    // The reason is required.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.getByText('Enter the reason for the rejection.').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await reason.and(page.locator(':focus')).waitFor();

    const why = 'Please register with your official customs email address.';
    await page.keyboard.type(why);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page
      .locator('[role="status"]:focus')
      .filter({ hasText: 'The registration of Kofi Boateng has been rejected.' })
      .waitFor();
    await reject.waitFor({ state: 'detached' });

    const decided = page
      .getByRole('table', { name: 'Decisions, most recent first' })
      .getByRole('row')
      .filter({ hasText: 'Kofi Boateng' });
    await decided.getByText('Rejected', { exact: true }).waitFor();
    await decided.getByText(why).waitFor();

    const mail = await sink.waitFor((message) => message.to.includes(applicant.email), 20_000);
    expect(mail.text).toContain(why);
  });

  it('approves several registrations at once, exports the history and edits the auto-approved domains', async () => {
    const coordinator = await createUser(app!, { displayName: 'Lina Haddad', country: 'LB' });
    await appoint(coordinator.id, 'LB');
    const names = ['Rami Khoury', 'Maya Saade', 'Nour Aoun'];
    for (const displayName of names) {
      await createUser(app!, { status: UserStatus.Pending, country: 'LB', displayName });
    }
    const page = await open();
    const problems = await watchForProblems(page);
    await signIn(page, coordinator.email, coordinator.password);
    await signedInAs(page, 'Lina Haddad');
    await page.getByRole('link', { name: 'Registrations' }).click();
    await heading(page, 'Registrations').waitFor();
    await page.getByText('Registrations found: 3').waitFor();

    const approveSelected = page.getByRole('button', { name: /^Approve selected/ });
    expect(await approveSelected.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Select all pending registrations on this page' }).check();
    for (const name of names) {
      expect(await page.getByRole('checkbox', { name: new RegExp(`^Select ${name} `) }).isChecked()).toBe(true);
    }
    await page.getByRole('checkbox', { name: /^Select Nour Aoun / }).uncheck();
    await page.getByRole('button', { name: 'Approve selected (2)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Done. Approved: 2. Rejected: 0. Already decided: 0. Not found: 0.' })
      .waitFor();
    await page.getByText('Registrations found: 1').waitFor();
    await page.getByRole('row').filter({ hasText: 'Nour Aoun' }).waitFor();

    // The status filter shows the approved ones.
    await page.getByLabel('Status', { exact: true }).selectOption('active');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('table', { name: 'Registrations: Active' }).getByText('Rami Khoury').waitFor();

    // CSV export: fetched with the bearer token, handed to the browser as a download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('registration-decisions.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('Rami Khoury');
    expect(csv).toContain('Maya Saade');
    expect(csv).not.toContain('Nour Aoun');
    await page
      .getByRole('status')
      .filter({ hasText: 'The file registration-decisions.csv has been downloaded.' })
      .waitFor();

    // Auto-approved domains, one per line.
    const domains = page.getByLabel('Email domains for Lebanon');
    await domains.fill('customs.gov.lb\n@Finance.gov.lb\n\n');
    await page.getByRole('button', { name: 'Save the domains' }).click();
    await page.getByRole('status').filter({ hasText: 'The email domains for Lebanon have been saved.' }).waitFor();
    await waitForValue(domains, 'customs.gov.lb\nfinance.gov.lb');
    await page.reload();
    await heading(page, 'Registrations').waitFor();
    await waitForValue(page.getByLabel('Email domains for Lebanon'), 'customs.gov.lb\nfinance.gov.lb');
    await domains.fill('not a domain');
    await page.getByRole('button', { name: 'Save the domains' }).click();
    await page.getByRole('alert').filter({ hasText: 'These lines are not email domains: not a domain.' }).waitFor();
    // Public mail services are refused by the server, and the list stays as it was.
    await domains.fill('customs.gov.lb\ngmail.com');
    await page.getByRole('button', { name: 'Save the domains' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'These are public mail services, where anyone can open an address: gmail.com.' })
      .waitFor();
    await page.reload();
    await heading(page, 'Registrations').waitFor();
    await waitForValue(page.getByLabel('Email domains for Lebanon'), 'customs.gov.lb\nfinance.gov.lb');

    expect(problems.all.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
  });

  it('lets an admin appoint a coordinator and end the appointment', async () => {
    const candidate = await createUser(app!, { displayName: 'Nadia Benali', country: 'MA' });
    const page = await open();
    await signIn(page, admin.email, admin.password);
    await signedInAs(page, 'Secretariat Admin');
    await page
      .getByRole('navigation', { name: 'Main', exact: true })
      .getByRole('link', { name: 'Coordinators' })
      .click();
    await heading(page, 'National coordinators').waitFor();

    // An empty search says what to type.
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('Enter a name or an email address.').waitFor();

    await page.getByRole('searchbox', { name: 'Name or email address' }).fill(candidate.email);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'People found: 1' }).waitFor();
    await page.getByRole('radio', { name: /Nadia Benali/ }).check();
    const country = page.getByLabel('Country to coordinate', { exact: true });
    expect(await country.inputValue()).toBe('MA');
    await page.getByRole('button', { name: 'Appoint as coordinator' }).click();
    await page.getByRole('status').filter({ hasText: 'Nadia Benali is now coordinator for Morocco.' }).waitFor();

    const table = page.getByRole('table', { name: 'Appointments, current and ended' });
    const row = table.getByRole('row').filter({ hasText: 'Nadia Benali' });
    await row.getByText('Current').waitFor();
    await row.getByText('Secretariat Admin').waitFor();

    // Appointing twice is refused, and said so.
    await page.getByRole('radio', { name: /Nadia Benali/ }).check();
    await page.getByRole('button', { name: 'Appoint as coordinator' }).click();
    await page
      .locator('[role="alert"]:focus')
      .filter({ hasText: 'This person is already coordinator for this country.' })
      .waitFor();

    // Ending asks first; Cancel has focus, so Enter alone ends nothing.
    await row.getByRole('button', { name: 'End appointment of Nadia Benali for Morocco' }).click();
    const dialog = page.getByRole('dialog', { name: 'End this appointment?' });
    await dialog.getByText('Nadia Benali will no longer be coordinator for Morocco').waitFor();
    await page.locator('dialog button:focus', { hasText: 'Cancel' }).waitFor();
    await dialog.getByRole('button', { name: 'End appointment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .locator('[role="status"]:focus')
      .filter({ hasText: 'The appointment of Nadia Benali for Morocco has ended.' })
      .waitFor();
    await row.getByText('Current').waitFor({ state: 'detached' });
    expect(await row.getByRole('button').count()).toBe(0);

    // The former coordinator no longer reviews registrations.
    const former = await open();
    await signIn(former, candidate.email, candidate.password);
    await signedInAs(former, 'Nadia Benali');
    expect(await former.getByRole('link', { name: 'Registrations' }).count()).toBe(0);
    await former.goto('/coordinator');
    await heading(former, 'You do not have access to this page').waitFor();
  });

  it('edits the profile, switches the interface language, and changes the password', async () => {
    const person = await createUser(app!, { displayName: 'Juan Pérez', country: 'AR' });
    const page = await open();
    await signIn(page, person.email, person.password);
    await signedInAs(page, 'Juan Pérez');
    await page.getByRole('link', { name: 'Profile' }).click();
    await heading(page, 'Your profile').waitFor();
    await page.getByText('Argentina').waitFor();

    await page.getByLabel('Full name', { exact: true }).fill('Juan Carlos Pérez');
    await page.getByLabel('Job title (optional)', { exact: true }).fill('Valuation specialist');
    await page.getByLabel('Preferred language', { exact: true }).selectOption('es');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await heading(page, 'Su perfil').waitFor();
    await page.getByRole('status').filter({ hasText: 'Sus datos se han guardado.' }).waitFor();
    await page.getByRole('banner').getByText('Sesión iniciada como Juan Carlos Pérez').waitFor();

    // A wrong current password is refused.
    await page.getByLabel('Contraseña actual', { exact: true }).fill('not my password at all');
    await page.getByLabel('Nueva contraseña', { exact: true }).fill('mate cocido with medialunas at dawn');
    await page.getByRole('button', { name: 'Cambiar mi contraseña' }).click();
    await page.locator('[role="alert"]:focus').filter({ hasText: 'Su contraseña actual no es correcta.' }).waitFor();

    await page.getByLabel('Contraseña actual', { exact: true }).fill(person.password);
    await page.getByLabel('Nueva contraseña', { exact: true }).fill('mate cocido with medialunas at dawn');
    await page.getByRole('button', { name: 'Cambiar mi contraseña' }).click();
    await heading(page, 'Iniciar sesión en Clearance').waitFor();
    await page.getByRole('status').filter({ hasText: 'Su contraseña se ha cambiado' }).waitFor();
    await page.getByLabel('Correo electrónico', { exact: true }).fill(person.email);
    await page.getByLabel('Contraseña', { exact: true }).fill('mate cocido with medialunas at dawn');
    await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
    await page.getByRole('banner').getByText('Sesión iniciada como Juan Carlos Pérez').waitFor();
  });

  it('resets a forgotten password through the mailed link', async () => {
    const person = await createUser(app!, { displayName: 'Claire Martin', country: 'FR' });
    const page = await open('fr-FR');
    await page.goto('/sign-in');
    await heading(page, 'Se connecter à Clearance').waitFor();
    await page.getByRole('link', { name: 'Mot de passe oublié\u00a0?' }).click();
    await heading(page, 'Réinitialiser votre mot de passe').waitFor();
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(person.email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Si un compte existe pour ${person.email}` })
      .waitFor();

    const mail = await sink.waitFor(
      (message) => message.to.includes(person.email) && message.text.includes('/reset-password?token='),
      20_000,
    );
    const link = linkIn(mail, 'reset-password');
    await page.goto(link);
    await heading(page, 'Choisissez un nouveau mot de passe').waitFor();
    const field = page.getByLabel('Nouveau mot de passe', { exact: true });
    await field.fill('password1234');
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ce mot de passe fait partie des plus courants' }).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // Long enough and on no list, yet guessed early (zxcvbn-ts): the reason is told.
    await field.fill('Customs123456');
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ce mot de passe serait vite deviné' }).waitFor();
    await field.fill('croissants au beurre pour le bureau des douanes');
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
    await heading(page, 'Mot de passe modifié').waitFor();

    // The link works once.
    await page.goto(link);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('another long phrase for customs');
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ce lien de réinitialisation n’est pas valide' }).waitFor();

    await signInFr(page, person.email, 'croissants au beurre pour le bureau des douanes');
    await page.getByRole('banner').getByText('Connecté en tant que Claire Martin').waitFor();
  });

  const signInFr = async (page: Page, email: string, password: string) => {
    await page.goto('/sign-in');
    await heading(page, 'Se connecter à Clearance').waitFor();
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  };

  it('explains registration problems next to each field and in a summary, with translated countries', async () => {
    const taken = await createUser(app!, { country: 'KE' });
    const page = await open('fr-FR');
    const problems = await watchForProblems(page);
    await page.goto('/register');
    await heading(page, 'Créer un compte').waitFor();
    const country = page.getByLabel('Pays', { exact: true });
    await country.locator('option', { hasText: 'Maroc' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Langue préférée', { exact: true }).inputValue()).toBe('fr');

    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    const summary = page.locator('[role="alert"]:focus');
    await summary.filter({ hasText: 'Veuillez corriger les points suivants' }).waitFor();
    await summary.getByRole('link', { name: 'Saisissez votre adresse e-mail.' }).waitFor();
    await summary.getByRole('link', { name: 'Choisissez le pays de votre administration.' }).waitFor();
    const email = page.getByLabel('Adresse e-mail professionnelle', { exact: true });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const described = (await email.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${described[0]}"]`).textContent()).toContain('Saisissez votre adresse e-mail.');
    await summary.getByRole('link', { name: 'Saisissez votre adresse e-mail.' }).click();
    await page.locator('input[type="email"]:focus').waitFor();

    // Switching the language fetches the country names again, and keeps the choice.
    await country.selectOption('MA');
    await page.getByLabel('Langue', { exact: true }).selectOption('es');
    await heading(page, 'Crear una cuenta').waitFor();
    await page
      .getByLabel('País', { exact: true })
      .locator('option', { hasText: 'Marruecos' })
      .waitFor({ state: 'attached' });
    expect(await page.getByLabel('País', { exact: true }).inputValue()).toBe('MA');
    expect(await page.getByLabel('Idioma preferido', { exact: true }).inputValue()).toBe('es');

    // The server's refusals land on their fields.
    await page.getByLabel('Correo electrónico profesional', { exact: true }).fill(taken.email);
    await page.getByLabel('Contraseña', { exact: true }).fill('Customs123456');
    await page.getByLabel('Nombre completo', { exact: true }).fill('Someone\u202EElse');
    await page.getByLabel('Administración', { exact: true }).fill('Administration des douanes');
    await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
    await page
      .locator('[role="alert"]:focus')
      .getByRole('link', { name: /Los nombres no pueden contener caracteres invisibles/ })
      .waitFor();
    await page.getByLabel('Nombre completo', { exact: true }).fill('Someone Else');
    await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
    await page
      .locator('[role="alert"]:focus')
      .getByRole('link', { name: /Esta contraseña se adivinaría rápidamente/ })
      .waitFor();

    // A taken address answers as a new one would (docs/security.md): nothing tells it has an account.
    await page.getByLabel('Contraseña', { exact: true }).fill('a perfectly long passphrase here');
    await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
    await heading(page, 'Revise su correo electrónico').waitFor();

    expect(problems.all.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
  });

  it('shows the awaiting-approval, check-email and invalid-link pages without errors', async () => {
    const page = await open();
    const problems = await watchForProblems(page);
    for (const [route, title] of [
      ['/awaiting-approval', 'Your registration is awaiting approval'],
      ['/register/check-email', 'Check your email'],
      ['/forgot-password', 'Reset your password'],
      ['/reset-password', 'Choose a new password'],
      ['/verify-email', 'This link cannot be used'],
    ]) {
      const response = await page.goto(route);
      expect(response?.status()).toBe(200);
      await heading(page, title).waitFor();
    }
    // Pages for signed-in people send others to sign in, and back after.
    await page.goto('/profile');
    await heading(page, 'Sign in to Clearance').waitFor();
    expect(problems.all).toEqual([]);
  });
});
