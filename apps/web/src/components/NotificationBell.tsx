import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { createApiClient, unwrap } from '../api/client';
import { useAuth } from '../auth/AuthContext';

/** Fired by the notifications page when it marks some read, so the badge follows at once. */
export const NOTIFICATIONS_CHANGED = 'clearance:notifications-changed';
const REFRESH_MS = 60_000;
/**
 * The first count waits a moment: a page left right after sign-in (or reloaded) must not have a
 * request in flight while the next page renews the sign-in, which ends the old access token.
 */
const FIRST_COUNT_MS = 1_500;

/** The header's bell: a link to the notifications page with the unread count as its badge. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { accessToken, user } = useAuth();
  const [unread, setUnread] = useState(0);
  const token = useRef(accessToken);
  token.current = accessToken;
  // A client that never renews the sign-in: a passive badge must not rotate the refresh token (a
  // renewal racing the page's own would end the session); it waits for the page's next renewal.
  const api = useMemo(() => createApiClient({ token: () => token.current }), []);

  useEffect(() => {
    if (!user) {
      setUnread(0);
      return;
    }
    const controller = new AbortController();
    const refresh = () =>
      void unwrap(api.GET('/api/me/notifications', { params: { query: { pageSize: 1 } }, signal: controller.signal }))
        .then((page) => setUnread(page.unread))
        .catch(() => undefined);
    const first = window.setTimeout(refresh, FIRST_COUNT_MS);
    const timer = window.setInterval(refresh, REFRESH_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, refresh);
    window.addEventListener('focus', refresh);
    return () => {
      controller.abort();
      window.clearTimeout(first);
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, refresh);
      window.removeEventListener('focus', refresh);
    };
  }, [api, user]);

  if (!user) {
    return null;
  }
  return (
    <NavLink to="/notifications" className="notification-bell">
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="visually-hidden">{t('notifications.bell', { count: unread })}</span>
      {unread > 0 && (
        <span className="notification-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
