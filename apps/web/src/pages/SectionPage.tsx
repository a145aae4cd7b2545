import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';

export type Section = 'catalogue' | 'myLearning' | 'groups' | 'curricula';

/** The sections still to be built: each says, translated, what it will hold. */
export default function SectionPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <Page title={t(`section.${section}.title`)} heading={t(`section.${section}.heading`)}>
      <p className="lead">{t(`section.${section}.body`)}</p>
      <p className="notice">{t('section.comingSoon')}</p>
    </Page>
  );
}
