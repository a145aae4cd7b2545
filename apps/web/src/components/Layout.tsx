import { Suspense, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { hasRole, useAuth } from '../auth/AuthContext';
import { AccountMenu } from './AccountMenu';
import { LanguageSwitcher } from './LanguageSwitcher';
import { RegistrationsNavLink } from './RegistrationsNavLink';
import { NotificationBell } from './NotificationBell';

export function Layout() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const mainRef = useRef<HTMLElement>(null);

  // The link works without script (#main); with script it also moves focus, which a fragment alone
  // does not do reliably, and keeps the router's location unchanged.
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skipLink')}
      </a>
      <header className="site-header">
        <div className="container header-bar">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          <div className="header-tools">
            <LanguageSwitcher />
            <NotificationBell />
            <AccountMenu />
          </div>
        </div>
        <nav className="primary-nav" aria-label={t('nav.label')}>
          <ul className="container">
            <li>
              <NavLink to="/catalogue">{t('nav.catalogue')}</NavLink>
            </li>
            <li>
              <NavLink to="/my-learning">{t('nav.myLearning')}</NavLink>
            </li>
            <li>
              <NavLink to="/groups">{t('nav.groups')}</NavLink>
            </li>
            <li>
              <NavLink to="/curricula">{t('nav.curricula')}</NavLink>
            </li>
            {hasRole(user, 'coordinator', 'admin') && (
              <li>
                <RegistrationsNavLink />
              </li>
            )}
            {hasRole(user, 'coordinator', 'admin') && (
              <li>
                <NavLink to="/admin/users">{t('nav.people')}</NavLink>
              </li>
            )}
            {hasRole(user, 'coordinator', 'admin') && (
              <li>
                <NavLink to="/reports" end>
                  {t('reports.nav')}
                </NavLink>
              </li>
            )}
            {hasRole(user, 'admin') && (
              <li>
                <NavLink to="/reports/secretariat">{t('reports.navSecretariat')}</NavLink>
              </li>
            )}
            {hasRole(user, 'coordinator', 'admin') && (
              <li>
                <NavLink to="/admin/audit">{t('audit.nav')}</NavLink>
              </li>
            )}
            {hasRole(user, 'admin') && (
              <li>
                <NavLink to="/admin/rtcs">{t('nav.rtcs')}</NavLink>
              </li>
            )}
            {hasRole(user, 'admin') && (
              <li>
                <NavLink to="/admin/coordinators">{t('nav.coordinators')}</NavLink>
              </li>
            )}
            {hasRole(user, 'admin') && (
              <li>
                <NavLink to="/admin/imports">{t('nav.imports')}</NavLink>
              </li>
            )}
            {hasRole(user, 'admin') && (
              <li>
                <NavLink to="/admin/licences">{t('licences.nav')}</NavLink>
              </li>
            )}
            {user && (
              <li>
                <NavLink to="/profile">{t('nav.profile')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="container site-main">
        <Suspense
          fallback={
            <p className="loading" role="status">
              {t('loading')}
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('footer.about')}</p>
          <p>{t('footer.licence')}</p>
        </div>
      </footer>
    </>
  );
}
