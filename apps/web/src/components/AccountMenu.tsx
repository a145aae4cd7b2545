import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { isSignedInPath } from '../routes';

export function AccountMenu() {
  const { t } = useTranslation();
  const { status, user, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const signInRef = useRef<HTMLAnchorElement>(null);
  const signedOut = useRef(false);
  const [signingOut, setSigningOut] = useState(false);

  // The sign-out button disappears with the session: give focus to the sign-in link that replaces it.
  useEffect(() => {
    if (!user && signedOut.current) {
      signedOut.current = false;
      signInRef.current?.focus();
    }
  }, [user]);

  if (status === 'restoring') {
    // Nothing yet: neither a name nor sign-in links, until the server says whether a session is open.
    return <div className="account" />;
  }
  if (user) {
    return (
      <div className="account" role="group" aria-label={t('account.label')}>
        <p className="account-name">{t('account.signedInAs', { name: user.displayName })}</p>
        <button
          type="button"
          className="button button-quiet"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            // A page for signed-in users only is left for the home page (whose heading then gets
            // focus); any other page stays, with focus on the sign-in link.
            const leave = isSignedInPath(location.pathname);
            signedOut.current = !leave;
            void signOut().then(() => {
              setSigningOut(false);
              if (leave) {
                void navigate('/', { replace: true });
              }
            });
          }}
        >
          {signingOut ? t('account.signingOut') : t('account.signOut')}
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
