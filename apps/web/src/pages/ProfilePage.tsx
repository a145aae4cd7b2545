import { useId, useState, type FormEvent } from 'react';
import { unwrap } from '../api/client';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { ApiError } from '../auth/api';
import { useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { PasswordHelp } from '../components/PasswordHelp';
import { RequireAuth } from '../components/RequireAuth';
import { useCountries } from '../hooks/useCountries';
import { useLoader } from '../hooks/useLoader';
import { LANGUAGES, changeLanguage, isLanguage, type Language } from '../i18n';
import { passwordProblemKey, useErrorText } from '../i18n/errors';
import { NotificationPreferencesSection } from './notifications/NotificationPreferencesSection';
import { MyDataSection } from './privacy/MyDataSection';

type Failure = { message: string; field: string | null; attempt: number } | null;

function useFailure(): [Failure, (message: string, field?: string | null) => void, () => void] {
  const [failure, setFailure] = useState<Failure>(null);
  return [
    failure,
    (message: string, field: string | null = null) =>
      setFailure((previous) => ({ message, field, attempt: (previous?.attempt ?? 0) + 1 })),
    () => setFailure(null),
  ];
}

/** A field error that also sits in the form's alert, linking to the field. */
function FieldAlert({ failure, fieldId }: { failure: NonNullable<Failure>; fieldId: string | null }) {
  return (
    <Alert key={failure.attempt}>
      {fieldId ? (
        <a
          href={`#${fieldId}`}
          onClick={(event) => {
            event.preventDefault();
            document.getElementById(fieldId)?.focus();
          }}
        >
          {failure.message}
        </a>
      ) : (
        failure.message
      )}
    </Alert>
  );
}

function DetailsForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { api, updateUser } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();
  const [values, setValues] = useState({
    displayName: me.displayName,
    administration: me.administration,
    jobTitle: me.jobTitle,
  });
  const [language, setLanguage] = useState<Language>(me.preferredLanguage);
  const [saving, setSaving] = useState(false);
  // A key, not a sentence: saving may switch the language, and the message must follow.
  const [status, setStatus] = useState<'' | 'saving' | 'saved'>('');
  const [failure, fail, clearFailure] = useFailure();

  const save = async () => {
    if (saving) {
      return;
    }
    setStatus('');
    if (!values.displayName.trim()) {
      fail(t('register.errors.displayNameRequired'), 'displayName');
      return;
    }
    clearFailure();
    setSaving(true);
    setStatus('saving');
    try {
      const saved = await unwrap(
        api.PATCH('/api/me', {
          body: {
            displayName: values.displayName.trim(),
            // Cannot be emptied: left out when blank, the saved one stays.
            administration: values.administration.trim() || undefined,
            jobTitle: values.jobTitle.trim(),
            preferredLanguage: language,
          },
        }),
      );
      const next = saved ?? { ...me, ...values, preferredLanguage: language };
      setValues({ displayName: next.displayName, administration: next.administration, jobTitle: next.jobTitle });
      updateUser({ displayName: next.displayName });
      if (isLanguage(next.preferredLanguage)) {
        await changeLanguage(next.preferredLanguage);
      }
      setStatus('saved');
    } catch (caught) {
      setStatus('');
      const field =
        caught instanceof ApiError && caught.code === 'VALIDATION_FAILED'
          ? (['displayName', 'administration', 'jobTitle', 'preferredLanguage'].find((name) =>
              caught.details.some((detail) => detail.startsWith(name)),
            ) ?? null)
          : null;
      fail(field ? t(`register.errors.invalid.${field as 'displayName'}`) : errorText(caught), field);
    } finally {
      setSaving(false);
    }
  };

  const fieldId = (name: string) => `${id}-${name}`;
  const errorFor = (name: string) => (failure?.field === name ? failure.message : null);
  const set = (name: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [name]: value }));

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('profile.detailsHeading')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('signIn.email')}</dt>
          <dd>{me.email}</dd>
        </div>
        {me.country && (
          <div>
            <dt>{t('register.country')}</dt>
            <dd>{countries.nameOf(me.country)}</dd>
          </div>
        )}
      </dl>
      {failure && <FieldAlert failure={failure} fieldId={failure.field ? fieldId(failure.field) : null} />}
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field id={fieldId('displayName')} label={t('register.displayName')} error={errorFor('displayName')}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="name"
              maxLength={120}
              required
              value={values.displayName}
              onChange={(event) => set('displayName')(event.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId('administration')} label={t('register.administration')} error={errorFor('administration')}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="organization"
              maxLength={200}
              value={values.administration}
              onChange={(event) => set('administration')(event.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId('jobTitle')} label={t('register.jobTitle')} optional error={errorFor('jobTitle')}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="organization-title"
              maxLength={200}
              value={values.jobTitle}
              onChange={(event) => set('jobTitle')(event.target.value)}
            />
          )}
        </Field>
        <Field
          id={fieldId('preferredLanguage')}
          label={t('register.preferredLanguage')}
          help={t('profile.languageHelp')}
          error={errorFor('preferredLanguage')}
        >
          {(control) => (
            <select
              {...control}
              value={language}
              onChange={(event) => {
                if (isLanguage(event.target.value)) {
                  setLanguage(event.target.value);
                }
              }}
            >
              {LANGUAGES.map((entry) => (
                <option key={entry.code} value={entry.code} lang={entry.code}>
                  {entry.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('profile.saving') : t('profile.save')}
          </button>
        </div>
        <p className="status-text" role="status">
          {status ? t(`profile.${status}`) : ''}
        </p>
      </form>
    </section>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const { api, forgetSession } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, fail, clearFailure] = useFailure();

  const save = async () => {
    if (saving) {
      return;
    }
    if (!currentPassword) {
      fail(t('signIn.errors.PASSWORD_REQUIRED'), 'current');
      return;
    }
    const length = [...newPassword].length;
    if (!newPassword) {
      fail(t('register.errors.passwordRequired'), 'new');
      return;
    }
    if (length < 12 || length > 128) {
      fail(t('register.errors.passwordLength'), 'new');
      return;
    }
    clearFailure();
    setSaving(true);
    try {
      await api.POST('/api/me/password', { body: { currentPassword, newPassword } });
      // Every session has ended, this one too: this page then leads to signing in again, and back here.
      forgetSession('passwordChanged');
    } catch (caught) {
      setSaving(false);
      const code = caught instanceof ApiError ? caught.code : '';
      if (code === 'WRONG_PASSWORD') {
        setCurrentPassword('');
        fail(t('errors.WRONG_PASSWORD'), 'current');
      } else if (code === 'PASSWORD_TOO_WEAK') {
        fail(t(passwordProblemKey(caught)), 'new');
      } else {
        fail(errorText(caught));
      }
    }
  };

  const currentId = `${id}-current`;
  const newId = `${id}-new`;
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('profile.passwordHeading')}</h2>
      <p>{t('profile.passwordIntro')}</p>
      {failure && (
        <FieldAlert
          failure={failure}
          fieldId={failure.field === 'current' ? currentId : failure.field === 'new' ? newId : null}
        />
      )}
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void save();
        }}
      >
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" autoComplete="username" hidden readOnly value="" />
        <Field
          id={currentId}
          label={t('profile.currentPassword')}
          error={failure?.field === 'current' ? failure.message : null}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              required
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
            />
          )}
        </Field>
        <Field
          id={newId}
          label={t('profile.newPassword')}
          help={<PasswordHelp />}
          error={failure?.field === 'new' ? failure.message : null}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              required
              value={newPassword}
              onChange={(event) => setNewPassword(event.target.value)}
            />
          )}
        </Field>
        <div>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('profile.changingPassword') : t('profile.changePassword')}
          </button>
        </div>
        <p className="status-text" role="status">
          {saving ? t('profile.changingPassword') : ''}
        </p>
      </form>
    </section>
  );
}

function Profile() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const me = useLoader((signal) => unwrap(api.GET('/api/me', { signal })), [api]);

  return (
    <Page title={t('profile.title')} heading={t('profile.heading')}>
      {me.error !== null && <Alert>{errorText(me.error)}</Alert>}
      {!me.data && me.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {me.data && (
        <div className="columns">
          <DetailsForm me={me.data} />
          <PasswordForm />
        </div>
      )}
      {me.data && <NotificationPreferencesSection />}
      {me.data && <MyDataSection />}
    </Page>
  );
}

export default function ProfilePage() {
  return (
    <RequireAuth>
      <Profile />
    </RequireAuth>
  );
}
