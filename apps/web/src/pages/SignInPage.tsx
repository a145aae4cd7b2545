import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../components/Field';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, NetworkError } from '../auth/api';
import { useAuth } from '../auth/AuthContext';
import { Page } from '../components/Page';
import { ResendVerification } from '../components/ResendVerification';
import { useLanguage } from '../hooks/useLanguage';
import { formatWait } from '../i18n/format';

/** The API's stable codes this form explains; any other code reads as UNKNOWN. */
const API_CODES = [
  'INVALID_CREDENTIALS',
  'ACCOUNT_PENDING',
  'ACCOUNT_UNVERIFIED',
  'ACCOUNT_REJECTED',
  'ACCOUNT_SUSPENDED',
  'VALIDATION_FAILED',
  'TOO_MANY_REQUESTS',
] as const;

type ErrorKey = (typeof API_CODES)[number] | 'EMAIL_REQUIRED' | 'PASSWORD_REQUIRED' | 'NETWORK' | 'UNKNOWN';

function errorKeyOf(error: unknown): ErrorKey {
  if (error instanceof NetworkError) {
    return 'NETWORK';
  }
  if (error instanceof ApiError) {
    const known = API_CODES.find((code) => code === error.code);
    return known ?? 'UNKNOWN';
  }
  return 'UNKNOWN';
}

/** What other pages may hand this one: where to go once signed in, a notice to show. */
interface SignInState {
  from?: unknown;
  notice?: unknown;
}

function returnPath(state: SignInState | null): string {
  const from = state?.from;
  // Only a path of this app: never another origin.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export default function SignInPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as SignInState | null;
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // A new object per failed attempt, so a repeated error is focused (and announced) again.
  const [failure, setFailure] = useState<{ key: ErrorKey; retryAfter?: number; email?: string } | null>(null);
  const error = failure?.key ?? null;
  const [submitting, setSubmitting] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  // Each error is rendered afresh (the alert is removed while submitting), then focused, so it is both
  // announced and where the keyboard user continues from.
  useEffect(() => {
    if (failure) {
      errorRef.current?.focus();
    }
  }, [failure]);

  const submit = async () => {
    if (submitting) {
      return;
    }
    setFailure(null);
    if (!email.trim()) {
      setFailure({ key: 'EMAIL_REQUIRED' });
      return;
    }
    if (!password) {
      setFailure({ key: 'PASSWORD_REQUIRED' });
      return;
    }
    setSubmitting(true);
    try {
      await signIn(email.trim(), password);
      void navigate(returnPath(state), { replace: true });
    } catch (caught) {
      setPassword('');
      setSubmitting(false);
      const key = errorKeyOf(caught);
      if (key === 'ACCOUNT_PENDING') {
        void navigate('/awaiting-approval', { state: { email: email.trim() } });
        return;
      }
      setFailure({
        key,
        retryAfter: caught instanceof ApiError ? caught.retryAfter : undefined,
        email: email.trim(),
      });
    }
  };

  const errorId = `${id}-error`;
  const emailInvalid = error === 'EMAIL_REQUIRED' || error === 'VALIDATION_FAILED' || error === 'INVALID_CREDENTIALS';
  const passwordInvalid = error === 'PASSWORD_REQUIRED' || error === 'INVALID_CREDENTIALS';

  return (
    <Page title={t('signIn.title')} heading={t('signIn.heading')} className="narrow">
      <p>{t('signIn.intro')}</p>
      {state?.notice === 'passwordChanged' && !error && (
        <p className="notice-box" role="status">
          {t('signIn.passwordChanged')}
        </p>
      )}
      {error && (
        <div id={errorId} ref={errorRef} className="alert" role="alert" tabIndex={-1}>
          {error === 'TOO_MANY_REQUESTS' && failure?.retryAfter
            ? t('signIn.errors.TOO_MANY_REQUESTS_WAIT', { wait: formatWait(failure.retryAfter, language) })
            : t(`signIn.errors.${error}`)}
        </div>
      )}
      {error === 'ACCOUNT_UNVERIFIED' && failure?.email && (
        <section className="panel" aria-labelledby={`${id}-resend`}>
          <h2 id={`${id}-resend`} className="panel-title">
            {t('signIn.resendHeading')}
          </h2>
          <p>{t('signIn.resendBody', { email: failure.email })}</p>
          <ResendVerification key={failure.email} email={failure.email} />
        </section>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field id={`${id}-email`} label={t('signIn.email')}>
          {(control) => (
            <input
              {...control}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={emailInvalid || undefined}
              aria-describedby={emailInvalid ? errorId : undefined}
            />
          )}
        </Field>
        <Field id={`${id}-password`} label={t('signIn.password')}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={passwordInvalid || undefined}
              aria-describedby={passwordInvalid ? errorId : undefined}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary" aria-disabled={submitting || undefined}>
          {submitting ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p className="form-aside">
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      <p>
        {t('signIn.noAccount')} <Link to="/register">{t('signIn.createAccount')}</Link>
      </p>
    </Page>
  );
}
