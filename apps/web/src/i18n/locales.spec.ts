import { describe, expect, it } from '@jest/globals';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';

type Texts = { [key: string]: string | Texts };

function entries(texts: Texts, prefix = ''): Array<[string, string]> {
  return Object.entries(texts).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : entries(value, `${prefix}${key}.`),
  );
}

const LOCALES: Array<[string, Texts]> = [
  ['en', en],
  ['fr', fr],
  ['es', es],
];

describe('the interface texts', () => {
  it('French: a narrow no-break space before every colon (never a letter, a space or a no-break space)', () => {
    const wrong = entries(fr)
      // A URL's scheme is not punctuation.
      .map(([key, text]) => [key, text.replace(/\b[a-z][a-z0-9+.-]*:\/\//gi, '')] as const)
      .filter(([, text]) => /[^\u202f]:/u.test(text) || text.startsWith(':'));
    expect(wrong).toEqual([]);
    // The scan itself finds what it is for.
    expect(/[^\u202f]:/u.test('Exemple: un')).toBe(true);
    expect(/[^\u202f]:/u.test('Exemple\u00a0: un')).toBe(true);
  });

  it.each(LOCALES)('%s: every plural text has each form the language needs (Intl.PluralRules)', (language, texts) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const keys = new Set(entries(texts).map(([key]) => key));
    const bases = [...keys].filter((key) => key.endsWith('_other')).map((key) => key.slice(0, -'_other'.length));
    expect(bases.length).toBeGreaterThan(0);
    const missing = bases.flatMap((base) =>
      categories.filter((category) => !keys.has(`${base}_${category}`)).map((category) => `${base}_${category}`),
    );
    expect(missing).toEqual([]);
  });

  it('fr and es have every key en has, and none other', () => {
    const english = entries(en)
      .map(([key]) => key.replace(/_(one|many|other)$/, ''))
      .sort();
    for (const texts of [fr, es]) {
      const other = entries(texts)
        .map(([key]) => key.replace(/_(one|many|other)$/, ''))
        .sort();
      expect([...new Set(other)]).toEqual([...new Set(english)]);
    }
  });
});
