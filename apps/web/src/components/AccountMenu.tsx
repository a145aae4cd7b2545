import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';

export function AccountMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const signInRef = useRef<HTMLAnchorElement>(null);
  const signedOut = useRef(false);

  // The sign-out button disappears with the session: give focus to the sign-in link that replaces it.
  useEffect(() => {
    if (!user && signedOut.current) {
      signedOut.current = false;
      signInRef.current?.focus();
    }
  }, [user]);

  if (user) {
    return (
      <div className="account" role="group" aria-label={t('account.label')}>
        <p className="account-name">{t('account.signedInAs', { name: user.displayName })}</p>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            signedOut.current = true;
            signOut();
          }}
        >
          {t('account.signOut')}
        </button>
      </div>
    );
  }
  return (
    <div className="account" role="group" aria-label={t('account.label')}>
      <Link ref={signInRef} to="/sign-in" className="button button-quiet">
        {t('account.signIn')}
      </Link>
      <Link to="/register" className="button button-light">
        {t('account.register')}
      </Link>
    </div>
  );
}
