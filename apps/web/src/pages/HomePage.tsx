import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { Page } from '../components/Page';

// A signed-in person's home is its own chunk: the first page of a visitor stays small.
const RoleHome = lazy(() => import('./home/RoleHome'));

const AUDIENCES = ['officers', 'coordinators', 'experts'] as const;

/** Signed in: the person's home (never the marketing page); otherwise what Clearance is, and the ways in. */
export function HomePage() {
  const { t } = useTranslation();
  const { status, user } = useAuth();
  if (user) {
    return <RoleHome />;
  }
  if (status === 'restoring') {
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  }
  return (
    <Page title={t('home.title')} heading={t('home.heading')} className="home">
      <p className="lead">{t('home.intro')}</p>
      <ul className="actions" aria-label={t('home.actionsLabel')}>
        <li>
          <Link to="/catalogue" className="button button-primary">
            {t('home.browseCatalogue')}
          </Link>
        </li>
        <li>
          <Link to="/register" className="button button-secondary">
            {t('home.createAccount')}
          </Link>
        </li>
        <li>
          <Link to="/sign-in" className="button button-secondary">
            {t('home.signIn')}
          </Link>
        </li>
      </ul>
      <section className="audiences" aria-labelledby="audiences-heading">
        <h2 id="audiences-heading">{t('home.audiencesHeading')}</h2>
        <ul className="cards">
          {AUDIENCES.map((audience) => (
            <li key={audience} className="card">
              <h3>{t(`home.${audience}.heading`)}</h3>
              <p>{t(`home.${audience}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
