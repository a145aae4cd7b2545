import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { hasRole, useAuth } from '../auth/AuthContext';
import { Page } from './Page';

interface RequireAuthProps {
  /** Any of these roles lets the user in; none given: any signed-in user. */
  roles?: string[];
  children: ReactNode;
}

/** Shows its page to signed-in users (with one of `roles`), sends others to sign in. */
export function RequireAuth({ roles, children }: RequireAuthProps) {
  const { t } = useTranslation();
  const { status, user, signOutReason } = useAuth();
  const location = useLocation();

  if (status === 'restoring') {
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  }
  if (!user) {
    return (
      <Navigate
        to="/sign-in"
        replace
        state={{ from: `${location.pathname}${location.search}`, notice: signOutReason ?? undefined }}
      />
    );
  }
  if (roles && !hasRole(user, ...roles)) {
    return (
      <Page title={t('forbidden.title')} heading={t('forbidden.heading')}>
        <p className="lead">{t('forbidden.body')}</p>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </Page>
    );
  }
  return children;
}
