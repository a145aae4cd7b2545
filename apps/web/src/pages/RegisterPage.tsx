import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../components/Page';

export default function RegisterPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('register.title')} heading={t('register.heading')}>
      <p className="lead">{t('register.body')}</p>
      <p>
        {t('register.haveAccount')} <Link to="/sign-in">{t('register.signIn')}</Link>
      </p>
    </Page>
  );
}
