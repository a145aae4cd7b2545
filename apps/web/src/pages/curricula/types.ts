import type { Language } from '../../i18n';

export const CURRICULUM_LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'ru'] as const;
export type CurriculumLanguage = (typeof CURRICULUM_LANGUAGES)[number];

export interface CurriculumFile {
  id: string;
  name: string;
  sizeBytes: number;
  contentType: string;
  createdAt: string;
}

export interface Curriculum {
  id: string;
  title: string;
  country: string;
  rtc: string;
  rtcId: string | null;
  languages: CurriculumLanguage[];
  topics: string[];
  summary: string;
  ownerId: string;
  ownerName: string;
  canEdit: boolean;
  /** Filled by GET /api/curricula/:id only. */
  files: CurriculumFile[];
  updatedAt: string;
}

export interface CurriculumInput {
  title: string;
  country: string;
  rtc: string;
  /** An RTC from the Secretariat's list (docs/people.md); null clears it, absent leaves it. */
  rtcId?: string | null;
  languages: CurriculumLanguage[];
  topics: string[];
  summary: string;
}

export interface ContactPoint {
  id: string;
  country: string;
  name: string;
  roleTitle: string;
  organisation: string;
  email: string;
  phone: string;
  canEdit: boolean;
  updatedAt: string;
}

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
