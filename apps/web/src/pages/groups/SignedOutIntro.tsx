import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { Page } from '../../components/Page';

/**
 * What a section holds, for visitors who are not signed in (the section itself needs an account):
 * a translated explanation and the way in.
 */
export function SignedOutIntro({ section, children }: { section: 'groups' | 'curricula'; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'signedOut' && !user) {
    return (
      <Page title={t(`section.${section}.title`)} heading={t(`section.${section}.heading`)}>
        <p className="lead">{t(`section.${section}.body`)}</p>
        <p>
          <Link to="/sign-in" state={{ from: `${location.pathname}${location.search}` }}>
            {t('groups.signInToSee')}
          </Link>
        </p>
      </Page>
    );
  }
  return children;
}
