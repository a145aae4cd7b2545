import { useTranslation } from 'react-i18next';
import type { CourseLanguage, CourseStatus } from '../../api/types';
import { LanguageBadges } from './LanguageBadges';

interface Props {
  className: string;
  /** The topic's name in the interface language ('' when the course has none). */
  topicName: string;
  /** The estimated hours as written in the interface language, or null when unknown. */
  hours: string | null;
  languages: CourseLanguage[];
  /** The publishing status, shown to those who manage the catalogue only. */
  status?: CourseStatus;
}

/** A course's facts (topic, hours, languages, status) as a description list: the catalogue's cards and the course page. */
export function CourseFacts({ className, topicName, hours, languages, status }: Props) {
  const { t } = useTranslation();
  return (
    <dl className={className}>
      <div>
        <dt>{t('catalogue.topicLabel')}</dt>
        <dd>{topicName || t('catalogue.noTopic')}</dd>
      </div>
      {hours !== null && (
        <div>
          <dt>{t('catalogue.hoursLabel')}</dt>
          <dd>{t('catalogue.hours', { hours })}</dd>
        </div>
      )}
      <div>
        <dt>{t('catalogue.languagesLabel')}</dt>
        <dd>
          <LanguageBadges languages={languages} />
        </dd>
      </div>
      {status && (
        <div>
          <dt>{t('catalogue.statusLabel')}</dt>
          <dd>
            <span className={`badge badge-${status}`}>{t(`courseStatuses.${status}`)}</span>
          </dd>
        </div>
      )}
    </dl>
  );
}
