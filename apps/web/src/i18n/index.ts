import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

export type Messages = typeof en;

/** The languages of the interface, each named in its own language (autonyms are not translated). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'clearance.language';
const FALLBACK: Language = 'en';

// English is the fallback and ships in the main bundle; the others load on demand, so a page only
// ever downloads the language it shows. Typing each loader as `Messages` makes a missing key a
// compile error.
const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ default: Messages }>> = {
  fr: () => import('./fr.json'),
  es: () => import('./es.json'),
};

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.code === value);
}

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled (privacy settings): fall through to the browser's language
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // the choice then lasts for this page only
  }
}

/** The saved choice, else the browser's first supported language, else English. */
export function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) {
    return stored;
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = tag?.split('-')[0]?.toLowerCase();
    if (isLanguage(primary)) {
      return primary;
    }
  }
  return FALLBACK;
}

async function ensureLoaded(language: Language): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) {
    return;
  }
  const messages = await loaders[language]();
  i18n.addResourceBundle(language, 'translation', messages.default, true, true);
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
}

/** Starts i18next in the initial language, loading only that language's messages (and English). */
export async function initI18n(): Promise<typeof i18n> {
  let language = initialLanguage();
  const resources: Partial<Record<Language, { translation: Messages }>> = { en: { translation: en } };
  if (language !== 'en') {
    try {
      resources[language] = { translation: (await loaders[language]()).default };
    } catch {
      language = FALLBACK; // its messages could not be fetched: show English rather than nothing
    }
  }
  i18n.on('languageChanged', applyToDocument);
  await i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: FALLBACK,
    supportedLngs: LANGUAGES.map((entry) => entry.code),
    resources,
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: false },
  });
  applyToDocument(language);
  return i18n;
}

/** Switches the interface language: loads its messages if needed, remembers the choice. */
export async function changeLanguage(language: Language): Promise<void> {
  await ensureLoaded(language);
  storeLanguage(language);
  await i18n.changeLanguage(language);
}
