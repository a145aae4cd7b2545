import { useTranslation } from 'react-i18next';
import type { CourseLanguage } from '../../api/types';

/** The languages a course is offered in, as badges named in the interface language. */
export function LanguageBadges({ languages }: { languages: CourseLanguage[] }) {
  const { t } = useTranslation();
  if (languages.length === 0) {
    return <>{t('catalogue.noLanguage')}</>;
  }
  return (
    <span className="badge-list">
      {languages.map((code) => (
        <span key={code} className="badge badge-language">
          {t(`courseLanguages.${code}`)}
        </span>
      ))}
    </span>
  );
}
