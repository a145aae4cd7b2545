import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { NOTIFICATIONS_CHANGED } from '../components/NotificationBell';
import { Page } from '../components/Page';
import { Pagination } from '../components/Pagination';
import { RequireAuth } from '../components/RequireAuth';
import { useCountries } from '../hooks/useCountries';
import { useLanguage } from '../hooks/useLanguage';
import { useLoader } from '../hooks/useLoader';
import { useErrorText } from '../i18n/errors';
import { formatDateTime } from '../i18n/format';
import { describe } from './notifications/notification-text';

const PAGE_SIZE = 20;

function Notifications() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const language = useLanguage();
  const countries = useCountries();
  const errorText = useErrorText();
  const [page, setPage] = useState(1);
  const list = useLoader(
    (signal) => unwrap(api.GET('/api/me/notifications', { params: { query: { page, pageSize: PAGE_SIZE } }, signal })),
    [api, page],
  );
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    setFailure(null);
    try {
      const { unread } = await unwrap(api.POST('/api/me/notifications/read', { body }));
      setStatus(t('notifications.unread', { count: unread }));
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
      list.reload();
    } catch (caught) {
      setFailure(caught);
    }
  };

  const data = list.data;
  return (
    <Page title={t('notifications.title')} heading={t('notifications.title')}>
      <p className="lead">
        {t('notifications.intro')} <Link to="/profile#notification-preferences">{t('notifications.choose')}</Link>
      </p>
      {list.error !== null && <Alert>{errorText(list.error)}</Alert>}
      {failure !== null && <Alert>{errorText(failure)}</Alert>}
      {!data && list.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {data && (
        <>
          <p>
            {t('notifications.unread', { count: data.unread })}{' '}
            {data.unread > 0 && (
              <button type="button" className="button button-secondary" onClick={() => void markRead({ all: true })}>
                {t('notifications.markAll')}
              </button>
            )}
          </p>
          {data.items.length === 0 ? (
            <p className="empty">{t('notifications.empty')}</p>
          ) : (
            <ul className="notification-list" aria-busy={list.loading || undefined}>
              {data.items.map((item) => {
                const { text, to } = describe(item, t, countries.nameOf);
                return (
                  <li key={item.id} className={item.readAt ? 'notification' : 'notification notification-unread'}>
                    {!item.readAt && <span className="badge">{t('notifications.new')}</span>}{' '}
                    <Link to={to}>{text}</Link>{' '}
                    <time dateTime={item.createdAt} className="notification-time">
                      {formatDateTime(item.createdAt, language)}
                    </time>{' '}
                    {!item.readAt && (
                      <button
                        type="button"
                        className="button button-link"
                        onClick={() => void markRead({ ids: [item.id] })}
                      >
                        {t('notifications.markRead')}
                        <span className="visually-hidden">: {text}</span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <Pagination
            label={t('notifications.pagination')}
            page={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onPage={setPage}
          />
        </>
      )}
      <p className="status-text" role="status">
        {status}
      </p>
    </Page>
  );
}

export default function NotificationsPage() {
  return (
    <RequireAuth>
      <Notifications />
    </RequireAuth>
  );
}
