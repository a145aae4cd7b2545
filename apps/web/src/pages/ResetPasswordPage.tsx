import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { publicApi } from '../api/client';
import { ApiError } from '../auth/api';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { PasswordHelp } from '../components/PasswordHelp';
import { passwordProblemKey, useErrorText } from '../i18n/errors';

/** The page the password-reset mail links to. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const token = useSearchParams()[0].get('token') ?? '';
  const [password, setPassword] = useState('');
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<{
    message: string;
    field: boolean;
    linkInvalid: boolean;
    attempt: number;
  } | null>(null);

  const fail = (message: string, field: boolean, linkInvalid = false) =>
    setFailure((previous) => ({ message, field, linkInvalid, attempt: (previous?.attempt ?? 0) + 1 }));

  const submit = async () => {
    if (saving) {
      return;
    }
    const length = [...password].length;
    if (!password) {
      fail(t('register.errors.passwordRequired'), true);
      return;
    }
    if (length < 12 || length > 128) {
      fail(t('register.errors.passwordLength'), true);
      return;
    }
    setFailure(null);
    setSaving(true);
    try {
      await publicApi.POST('/api/auth/password-reset/confirm', { body: { token, password } });
      setDone(true);
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : '';
      if (code === 'PASSWORD_TOO_WEAK') {
        fail(t(passwordProblemKey(caught)), true);
      } else if (code === 'LINK_INVALID') {
        fail(t('reset.linkInvalid'), false, true);
      } else {
        fail(errorText(caught), false);
      }
    } finally {
      setSaving(false);
    }
  };

  if (!token) {
    return (
      <Page title={t('reset.title')} heading={t('reset.heading')} className="narrow">
        <Alert takeFocus={false}>{t('reset.linkInvalid')}</Alert>
        <p className="form-aside">
          <Link to="/forgot-password">{t('reset.newLink')}</Link>
        </p>
      </Page>
    );
  }

  if (done) {
    return (
      <Page title={t('reset.title')} heading={t('reset.doneHeading')} className="narrow">
        <p className="lead" role="status">
          {t('reset.done')}
        </p>
        <p>
          <Link to="/sign-in" className="button button-primary">
            {t('verify.signIn')}
          </Link>
        </p>
      </Page>
    );
  }

  const passwordId = `${id}-password`;
  return (
    <Page title={t('reset.title')} heading={t('reset.heading')} className="narrow">
      <p>{t('reset.intro')}</p>
      {failure && !failure.field && (
        <Alert key={failure.attempt}>
          <p>{failure.message}</p>
          {failure.linkInvalid && (
            <p>
              <Link to="/forgot-password">{t('reset.newLink')}</Link>
            </p>
          )}
        </Alert>
      )}
      {failure?.field && (
        <Alert key={failure.attempt}>
          <a
            href={`#${passwordId}`}
            onClick={(event) => {
              event.preventDefault();
              document.getElementById(passwordId)?.focus();
            }}
          >
            {failure.message}
          </a>
        </Alert>
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field
          id={passwordId}
          label={t('reset.password')}
          help={<PasswordHelp />}
          error={failure?.field ? failure.message : null}
        >
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
          {saving ? t('reset.saving') : t('reset.submit')}
        </button>
      </form>
    </Page>
  );
}
