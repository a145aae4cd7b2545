import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** Debian's Chromium: browser tests never download a browser. Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where `npm run build:web` writes the web app that the api serves under `/`. */
export const WEB_DIST = path.resolve(__dirname, '../../../apps/web/dist');

/** Fails fast, with the fix in the message, when the web app has not been built. */
export function assertWebAppBuilt(): void {
  const index = path.join(WEB_DIST, 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      `The web app is not built (${index} is missing). Run \`npm run build:web\` before the browser tests.`,
    );
  }
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium package or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface PageProblems {
  /** Console errors, page errors (uncaught exceptions) and CSP violations, as readable lines. */
  readonly all: string[];
}

/**
 * Records everything that should never happen on a healthy page: console errors, uncaught exceptions
 * and Content-Security-Policy violations (reported by a listener installed before any page script).
 */
export async function watchForProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { all: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') {
      problems.all.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.all.push(`page error: ${error.message}`));
  await page.exposeFunction('__reportCspViolation', (description: string) => {
    problems.all.push(`CSP violation: ${description}`);
  });
  // A string, not a function: the test is compiled without the DOM library.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
        ' at ' + event.sourceFile + ':' + event.lineNumber);
    });`,
  });
  return problems;
}
