import { isFreeMailDomain } from './free-mail-domains';

describe(isFreeMailDomain.name, () => {
  it.each([
    'gmail.com',
    'GMAIL.COM',
    'outlook.com',
    'hotmail.fr',
    'yahoo.fr',
    'yandex.ru',
    'qq.com',
    'proton.me',
    'eu.mail.yahoo.com',
    'gmail.com.',
  ])('knows %p as a public mail service', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each(['kra.go.ke', 'customs.gov.lb', 'douane.gouv.fr', 'aduana.gob.es', 'mail.gov.uk', 'com'])(
    'leaves %p to the coordinator',
    (domain) => {
      expect(isFreeMailDomain(domain)).toBe(false);
    },
  );
});
