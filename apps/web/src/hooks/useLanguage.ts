import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n';

/** The interface language now shown. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}
