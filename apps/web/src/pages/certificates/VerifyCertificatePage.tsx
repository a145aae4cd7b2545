import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, isAbort } from '../../auth/api';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { useErrorText } from '../../i18n/errors';
import { useLanguage } from '../../hooks/useLanguage';
import { formatLongDate } from '../../i18n/format';
import { verifyCertificate, type CertificateVerification } from './api';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'found'; certificate: CertificateVerification }
  | { kind: 'unknown' }
  | { kind: 'mistyped' }
  | { kind: 'malformed' }
  | { kind: 'failed'; error: unknown };

/** The public page a certificate's QR code and printed code lead to (docs/certificates.md). */
export default function VerifyCertificatePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = useLanguage();
  const navigate = useNavigate();
  const code = useParams().code ?? '';
  const [typed, setTyped] = useState(code);
  const [outcome, setOutcome] = useState<Outcome>(code ? { kind: 'checking' } : { kind: 'idle' });

  useEffect(() => {
    setTyped(code);
    if (!code) {
      setOutcome({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    setOutcome({ kind: 'checking' });
    verifyCertificate(code, controller.signal).then(
      (certificate) => setOutcome({ kind: 'found', certificate }),
      (error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.code === 'CERTIFICATE_NOT_FOUND') setOutcome({ kind: 'unknown' });
        else if (error instanceof ApiError && error.code === 'CERTIFICATE_CODE_CHECK_FAILED')
          setOutcome({ kind: 'mistyped' });
        else if (error instanceof ApiError && error.code === 'CERTIFICATE_CODE_INVALID')
          setOutcome({ kind: 'malformed' });
        else setOutcome({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [code]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed.trim();
    if (value) void navigate(`/verify/${encodeURIComponent(value)}`);
  };
  const date = (iso: string) => formatLongDate(iso, language);

  return (
    <Page title={t('certificateVerify.title')} heading={t('certificateVerify.heading')} className="narrow">
      <form onSubmit={submit} role="search">
        <label htmlFor="certificate-code">{t('certificateVerify.codeLabel')}</label>
        <input
          id="certificate-code"
          name="code"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="certificate-code-hint"
        />
        <p id="certificate-code-hint" className="hint">
          {t('certificateVerify.codeHint')}
        </p>
        <button type="submit">{t('certificateVerify.check')}</button>
      </form>
      <div aria-live="polite">
        {outcome.kind === 'checking' && (
          <p className="loading" role="status">
            {t('certificateVerify.checking')}
          </p>
        )}
        {outcome.kind === 'unknown' && <Alert>{t('certificateVerify.unknown')}</Alert>}
        {outcome.kind === 'mistyped' && <Alert>{t('certificateVerify.mistyped')}</Alert>}
        {outcome.kind === 'malformed' && <Alert>{t('certificateVerify.malformed')}</Alert>}
        {outcome.kind === 'failed' && <Alert>{errorText(outcome.error)}</Alert>}
        {outcome.kind === 'found' && (
          <section aria-labelledby="certificate-status">
            <h2 id="certificate-status">
              {outcome.certificate.status === 'valid'
                ? t('certificateVerify.valid')
                : outcome.certificate.status === 'revoked'
                  ? t('certificateVerify.revoked')
                  : t('certificateVerify.replaced')}
            </h2>
            {outcome.certificate.status === 'revoked' && outcome.certificate.revokedAt && (
              <p>
                {t('certificateVerify.revokedOn', {
                  date: date(outcome.certificate.revokedAt),
                  reason: outcome.certificate.revokedReason ?? '',
                })}
              </p>
            )}
            {outcome.certificate.status === 'replaced' && outcome.certificate.replacedByCode && (
              <p>{t('certificateVerify.replacedBy', { code: outcome.certificate.replacedByCode })}</p>
            )}
            <dl>
              <dt>{t('certificateVerify.name')}</dt>
              <dd>{outcome.certificate.learnerName}</dd>
              <dt>{t('certificateVerify.course')}</dt>
              <dd>{outcome.certificate.courseTitle}</dd>
              <dt>{t('certificateVerify.completed')}</dt>
              <dd>{date(outcome.certificate.completedAt)}</dd>
              <dt>{t('certificateVerify.issued')}</dt>
              <dd>{date(outcome.certificate.issuedAt)}</dd>
              <dt>{t('certificateVerify.issuer')}</dt>
              <dd>
                {[
                  outcome.certificate.issuer.administration,
                  outcome.certificate.issuer.country,
                  outcome.certificate.issuer.url,
                ]
                  .filter(Boolean)
                  .join(', ')}{' '}
                ({outcome.certificate.issuer.platform})
              </dd>
              <dt>{t('certificateVerify.code')}</dt>
              <dd>{outcome.certificate.code}</dd>
            </dl>
          </section>
        )}
      </div>
    </Page>
  );
}
