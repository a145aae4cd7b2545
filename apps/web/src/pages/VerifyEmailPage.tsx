import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { publicApi, unwrap } from '../api/client';
import { ApiError } from '../auth/api';
import { Alert } from '../components/Alert';
import { Page } from '../components/Page';
import { ResendVerification } from '../components/ResendVerification';
import { useErrorText } from '../i18n/errors';

type Outcome =
  | { kind: 'checking' }
  | { kind: 'pending' }
  | { kind: 'active' }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: unknown };

// A link works once: even if React runs the effect twice, or the page re-renders, the token is sent once.
const sent = new Map<string, Promise<{ status: 'pending' | 'active' }>>();

function verify(token: string) {
  let pending = sent.get(token);
  if (!pending) {
    pending = unwrap(publicApi.POST('/api/auth/verify-email', { body: { token } }));
    sent.set(token, pending);
    // A failure without an answer (network) may be retried with the same link.
    pending.catch((error: unknown) => {
      if (!(error instanceof ApiError)) {
        sent.delete(token);
      }
    });
  }
  return pending;
}

/** The page the confirmation mail links to: confirms the address on load. */
export default function VerifyEmailPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const token = useSearchParams()[0].get('token') ?? '';
  const [outcome, setOutcome] = useState<Outcome>(token ? { kind: 'checking' } : { kind: 'invalid' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!token) {
      return;
    }
    let current = true;
    setOutcome({ kind: 'checking' });
    verify(token).then(
      (result) => current && setOutcome({ kind: result.status === 'active' ? 'active' : 'pending' }),
      (error: unknown) => {
        if (current) {
          setOutcome(
            error instanceof ApiError && (error.code === 'LINK_INVALID' || error.status === 400)
              ? { kind: 'invalid' }
              : { kind: 'failed', error },
          );
        }
      },
    );
    return () => {
      current = false;
    };
  }, [token, round]);

  switch (outcome.kind) {
    case 'checking':
      return (
        <Page title={t('verify.title')} heading={t('verify.checkingHeading')} className="narrow">
          <p className="loading" role="status">
            {t('verify.checking')}
          </p>
        </Page>
      );
    case 'pending':
      return (
        <Page title={t('verify.title')} heading={t('verify.confirmedHeading')} className="narrow">
          <div role="status">
            <p className="lead">{t('verify.pending')}</p>
            <p>{t('awaiting.email')}</p>
          </div>
          <p className="form-aside">
            <Link to="/awaiting-approval">{t('verify.whatNext')}</Link>
          </p>
        </Page>
      );
    case 'active':
      return (
        <Page title={t('verify.title')} heading={t('verify.confirmedHeading')} className="narrow">
          <div role="status">
            <p className="lead">{t('verify.active')}</p>
          </div>
          <p>
            <Link to="/sign-in" className="button button-primary">
              {t('verify.signIn')}
            </Link>
          </p>
        </Page>
      );
    case 'invalid':
      return (
        <Page title={t('verify.title')} heading={t('verify.invalidHeading')} className="narrow">
          <Alert takeFocus={false}>{t('errors.LINK_INVALID')}</Alert>
          <p>{t('verify.invalidHelp')}</p>
          <p>
            <Link to="/sign-in">{t('verify.signIn')}</Link>
          </p>
          <h2>{t('verify.newLinkHeading')}</h2>
          <ResendVerification />
        </Page>
      );
    case 'failed':
      return (
        <Page title={t('verify.title')} heading={t('verify.checkingHeading')} className="narrow">
          <Alert>{errorText(outcome.error)}</Alert>
          <p>
            <button type="button" className="button button-secondary" onClick={() => setRound((value) => value + 1)}>
              {t('verify.retry')}
            </button>
          </p>
        </Page>
      );
  }
}
