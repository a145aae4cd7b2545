import { readFileSync } from 'node:fs';

let domains: Set<string> | undefined;

/**
 * ~8,700 domains of public mail services (the `email-providers` package's full list, refreshed
 * with each release of it), loaded once. An address there says nothing about who employs its owner.
 */
function freeMailDomains(): Set<string> {
  domains ??= new Set(
    (JSON.parse(readFileSync(require.resolve('email-providers/all.json'), 'utf8')) as string[]).map((domain) =>
      domain.toLowerCase(),
    ),
  );
  return domains;
}

/** True for a free-mail domain or any subdomain of one ("gmail.com", "eu.mail.yahoo.com"). */
export function isFreeMailDomain(domain: string): boolean {
  const labels = domain.trim().toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (freeMailDomains().has(labels.slice(i).join('.'))) {
      return true;
    }
  }
  return false;
}
