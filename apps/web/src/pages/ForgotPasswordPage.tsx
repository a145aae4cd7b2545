import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { publicApi } from '../api/client';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { useErrorText } from '../i18n/errors';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [email, setEmail] = useState('');
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; field: boolean; attempt: number } | null>(null);

  const fail = (message: string, field: boolean) =>
    setFailure((previous) => ({ message, field, attempt: (previous?.attempt ?? 0) + 1 }));

  const submit = async () => {
    if (sending) {
      return;
    }
    const address = email.trim();
    if (!address) {
      fail(t('register.errors.emailRequired'), true);
      return;
    }
    setFailure(null);
    setSending(true);
    try {
      await publicApi.POST('/api/auth/password-reset', { body: { email: address } });
      setSentTo(address);
    } catch (caught) {
      fail(errorText(caught), false);
    } finally {
      setSending(false);
    }
  };

  const emailId = `${id}-email`;
  return (
    <Page title={t('forgot.title')} heading={t('forgot.heading')} className="narrow">
      <p>{t('forgot.intro')}</p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      <div role="status">
        {sentTo && (
          <div className="notice-box">
            <p>{t('forgot.sent', { email: sentTo })}</p>
            <p>{t('forgot.sentNext')}</p>
          </div>
        )}
      </div>
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field id={emailId} label={t('signIn.email')} error={failure?.field ? failure.message : null}>
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
            />
          )}
        </Field>
        <button type="submit" className="button button-primary" aria-disabled={sending || undefined}>
          {sending ? t('forgot.sending') : t('forgot.submit')}
        </button>
      </form>
      <p className="form-aside">
        <Link to="/sign-in">{t('forgot.backToSignIn')}</Link>
      </p>
    </Page>
  );
}
