import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The Secretariat's two dashboards: the officers' (as a coordinator sees it) and the community's. */
export function ReportTabs() {
  const { t } = useTranslation();
  return (
    <nav className="section-tabs" aria-label={t('reports.tabs.label')}>
      <ul>
        <li>
          <NavLink to="/reports" end>
            {t('reports.tabs.officers')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/reports/secretariat">{t('reports.tabs.secretariat')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
