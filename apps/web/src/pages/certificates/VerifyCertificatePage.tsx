import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, isAbort } from '../../auth/api';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { useErrorText } from '../../i18n/errors';
import { useLanguage } from '../../hooks/useLanguage';
import { formatLongDate } from '../../i18n/format';
import { verifyCertificate, verifyStatement, type CertificateVerification, type StatementVerification } from './api';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'found'; certificate: CertificateVerification }
  | { kind: 'unknown' }
  | { kind: 'mistyped' }
  | { kind: 'malformed' }
  | { kind: 'failed'; error: unknown };

type StatementOutcome =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; answer: StatementVerification }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: unknown };

/**
 * A signed statement checked by this server against the keys it trusts, without calling the issuer
 * (docs/certificates.md): what was checked, in the reader's language.
 */
function StatementAnswer({ answer }: { answer: StatementVerification }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const date = (iso: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  const { issuer, certificate } = answer;
  const issuerName =
    [issuer.administration, issuer.country, issuer.url].filter(Boolean).join(', ') || t('certificateVerify.unnamed');
  const checked = !issuer.trusted
    ? t('certificateVerify.statement.untrusted', { keyId: issuer.keyId })
    : !answer.signatureValid
      ? t('certificateVerify.statement.badSignature', { keyId: issuer.keyId })
      : issuer.own
        ? t('certificateVerify.statement.checkedOwn', {
            issuer: issuerName,
            date: date(answer.statusAsOf),
            status: t(`certificateVerify.statement.status.${answer.status}`),
          })
        : t('certificateVerify.statement.checkedOther', {
            issuer: issuerName,
            date: date(answer.statusAsOf),
            trust: t(`certificateVerify.statement.trustedBy.${issuer.trustedBy ?? 'configured'}`),
          });
  return (
    <section aria-labelledby={`${id}-status`}>
      <h3 id={`${id}-status`}>
        {answer.valid ? t('certificateVerify.statement.valid') : t('certificateVerify.statement.refused')}
      </h3>
      <p data-field="checked">{checked}</p>
      {issuer.trusted && answer.signatureValid && (
        <dl>
          <dt>{t('certificateVerify.name')}</dt>
          <dd>{certificate.learnerName}</dd>
          <dt>{t('certificateVerify.course')}</dt>
          <dd>{certificate.courseTitle}</dd>
          <dt>{t('certificateVerify.completed')}</dt>
          <dd>{date(certificate.completedAt)}</dd>
          <dt>{t('certificateVerify.issued')}</dt>
          <dd>{date(certificate.issuedAt)}</dd>
          <dt>{t('certificateVerify.issuer')}</dt>
          <dd>
            {issuerName} ({t('certificateVerify.statement.key', { keyId: issuer.keyId })})
          </dd>
          <dt>{t('certificateVerify.code')}</dt>
          <dd>{certificate.code}</dd>
        </dl>
      )}
    </section>
  );
}

/** The statement form: pasted, or brought by the QR code as the URL's fragment (`/verify/<code>#CLC1…`). */
function StatementCheck() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { hash } = useLocation();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<StatementOutcome>({ kind: 'idle' });

  const check = useCallback((statement: string, signal?: AbortSignal) => {
    setOutcome({ kind: 'checking' });
    verifyStatement(statement, signal).then(
      (answer) => setOutcome({ kind: 'checked', answer }),
      (error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && (error.code === 'CERTIFICATE_STATEMENT_INVALID' || error.status === 400))
          setOutcome({ kind: 'invalid' });
        else setOutcome({ kind: 'failed', error });
      },
    );
  }, []);

  // A QR code scanned with a phone brings the statement in the fragment: check it at once.
  useEffect(() => {
    const fromQr = decodeURIComponent(hash.slice(1));
    if (!fromQr.startsWith('CLC1.')) return;
    setText(fromQr);
    const controller = new AbortController();
    check(fromQr, controller.signal);
    return () => controller.abort();
  }, [hash, check]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (value) check(value);
  };

  return (
    <section className="section" aria-labelledby="statement-heading">
      <h2 id="statement-heading">{t('certificateVerify.statement.heading')}</h2>
      <p>{t('certificateVerify.statement.intro')}</p>
      <form onSubmit={submit}>
        <label htmlFor="certificate-statement">{t('certificateVerify.statement.label')}</label>
        <textarea
          id="certificate-statement"
          name="statement"
          rows={4}
          value={text}
          onChange={(event) => setText(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="certificate-statement-hint"
        />
        <p id="certificate-statement-hint" className="hint">
          {t('certificateVerify.statement.hint')}
        </p>
        <button type="submit">{t('certificateVerify.statement.check')}</button>
      </form>
      <div aria-live="polite">
        {outcome.kind === 'checking' && (
          <p className="loading" role="status">
            {t('certificateVerify.checking')}
          </p>
        )}
        {outcome.kind === 'invalid' && <Alert>{t('certificateVerify.statement.invalid')}</Alert>}
        {outcome.kind === 'failed' && <Alert>{errorText(outcome.error)}</Alert>}
        {outcome.kind === 'checked' && <StatementAnswer answer={outcome.answer} />}
      </div>
    </section>
  );
}

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
      <StatementCheck />
    </Page>
  );
}
