import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Page } from '../components/Page';
import { ResendVerification } from '../components/ResendVerification';

function emailOf(state: unknown): string | undefined {
  const email = (state as { email?: unknown } | null)?.email;
  return typeof email === 'string' ? email : undefined;
}

/** Where registration ends: the confirmation mail is on its way. */
export default function CheckEmailPage() {
  const { t } = useTranslation();
  const email = emailOf(useLocation().state);
  return (
    <Page title={t('checkEmail.title')} heading={t('checkEmail.heading')} className="narrow">
      <p className="lead">{email ? t('checkEmail.sentTo', { email }) : t('checkEmail.sent')}</p>
      <p>{t('checkEmail.next')}</p>
      <h2>{t('checkEmail.notReceivedHeading')}</h2>
      <p>{t('checkEmail.notReceived')}</p>
      <ResendVerification email={email} />
      <p className="form-aside">
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
