import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { unwrap } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { useLanguage } from '../hooks/useLanguage';
import { useLoader } from '../hooks/useLoader';
import { formatNumber } from '../i18n/format';

/**
 * The header's link to the registrations, with the number waiting for a decision (the server scopes
 * it: a coordinator's own countries, all for the Secretariat). Counted again on every navigation, so
 * deciding on the registrations page updates it.
 */
export function RegistrationsNavLink() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const { pathname } = useLocation();
  const pending = useLoader(
    (signal) =>
      unwrap(api.GET('/api/registrations', { params: { query: { status: 'pending', pageSize: 1 } }, signal })),
    [api, pathname],
  );
  const waiting = pending.data?.total ?? 0;
  return (
    <NavLink to="/coordinator">
      {t('nav.registrations')}
      {waiting > 0 && (
        <>
          {' '}
          <span className="nav-count" aria-hidden="true" data-field="registrations-badge">
            {formatNumber(waiting, language)}
          </span>
          <span className="visually-hidden">
            {t('roleHome.badgeWaiting', { count: waiting, number: formatNumber(waiting, language) })}
          </span>
        </>
      )}
    </NavLink>
  );
}
