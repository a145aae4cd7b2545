import type { Schemas } from '../../api/client';
import type { Language } from '../../i18n';

export const CURRICULUM_LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'ru'] as const;
export type CurriculumLanguage = (typeof CURRICULUM_LANGUAGES)[number];

export type CurriculumFile = Schemas['CurriculumFileView'];
export type Curriculum = Schemas['CurriculumView'];
export type CurriculumPage = Schemas['CurriculumPage'];
/** What the form edits: a new curriculum's fields, where an edit may also clear the RTC (null). */
export type CurriculumInput = Omit<Schemas['CreateCurriculumDto'], 'rtcId'> & { rtcId?: string | null };
export type ContactPoint = Schemas['ContactPointView'];

/** A curriculum language's name in the interface language (ar, pt, ru have no interface of their own). */
export function languageName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Roles that share curricula (the api's rule: RTC staff, coordinators, the Secretariat). */
export const SHARING_ROLES = ['admin', 'rtc_staff', 'coordinator'];
