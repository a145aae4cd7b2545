import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../components/Page';

/** For people whose address is confirmed and whose coordinator has not decided yet. */
export default function AwaitingApprovalPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('awaiting.title')} heading={t('awaiting.heading')} className="narrow">
      <p className="lead">{t('awaiting.body')}</p>
      <p>{t('awaiting.email')}</p>
      <p>{t('awaiting.contact')}</p>
      <p className="form-aside">
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
