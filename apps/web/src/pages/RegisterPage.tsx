import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { publicApi } from '../api/client';
import { ApiError } from '../auth/api';
import { Alert } from '../components/Alert';
import { ErrorSummaryList, Field } from '../components/Field';
import { Page } from '../components/Page';
import { PasswordHelp } from '../components/PasswordHelp';
import { useCountries } from '../hooks/useCountries';
import { useLanguage } from '../hooks/useLanguage';
import { LANGUAGES, isLanguage, type Language } from '../i18n';
import { passwordProblemKey, useErrorText, type PasswordProblemKey } from '../i18n/errors';

const FIELDS = [
  'email',
  'password',
  'displayName',
  'country',
  'administration',
  'jobTitle',
  'preferredLanguage',
] as const;
type FieldName = (typeof FIELDS)[number];
/** Kept as keys, not sentences, so the messages follow a change of language. */
type FieldMessage =
  | 'register.errors.emailRequired'
  | 'register.errors.emailInvalid'
  | 'register.errors.passwordRequired'
  | 'register.errors.passwordLength'
  | 'register.errors.displayNameRequired'
  | 'register.errors.countryRequired'
  | 'register.errors.administrationRequired'
  | 'register.errors.emailTaken'
  | PasswordProblemKey
  | 'errors.UNSAFE_CHARACTERS'
  | `register.errors.invalid.${FieldName}`;
type FieldErrors = Partial<Record<FieldName, FieldMessage>>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The field a server validation message is about: class-validator messages start with the property. */
function fieldOfDetail(detail: string): FieldName | undefined {
  const property = /^([A-Za-z]+)/.exec(detail.trim())?.[1];
  return FIELDS.find((field) => field === property);
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const uiLanguage = useLanguage();
  const countries = useCountries();
  const id = useId();
  const [values, setValues] = useState({
    email: '',
    password: '',
    displayName: '',
    country: '',
    administration: '',
    jobTitle: '',
  });
  // Follows the interface language until the person picks one.
  const [chosenLanguage, setChosenLanguage] = useState<Language | null>(null);
  const preferredLanguage = chosenLanguage ?? uiLanguage;
  const [failure, setFailure] = useState<{
    fields: FieldErrors;
    /** A failure that is about no field in particular. */
    general: unknown;
    emailTaken: boolean;
    attempt: number;
  } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const fieldId = (field: FieldName) => `${id}-${field}`;
  const set = (field: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    const email = values.email.trim();
    if (!email) {
      errors.email = 'register.errors.emailRequired';
    } else if (!EMAIL_PATTERN.test(email)) {
      errors.email = 'register.errors.emailInvalid';
    }
    const length = [...values.password].length;
    if (!values.password) {
      errors.password = 'register.errors.passwordRequired';
    } else if (length < 12 || length > 128) {
      errors.password = 'register.errors.passwordLength';
    }
    if (!values.displayName.trim()) {
      errors.displayName = 'register.errors.displayNameRequired';
    }
    if (!values.country) {
      errors.country = 'register.errors.countryRequired';
    }
    if (!values.administration.trim()) {
      errors.administration = 'register.errors.administrationRequired';
    }
    return errors;
  };

  const fail = (fields: FieldErrors, general: unknown, emailTaken = false) =>
    setFailure((previous) => ({ fields, general, emailTaken, attempt: (previous?.attempt ?? 0) + 1 }));

  const submit = async () => {
    if (submitting) {
      return;
    }
    const errors = validate();
    if (Object.keys(errors).length > 0) {
      fail(errors, null);
      return;
    }
    setFailure(null);
    setSubmitting(true);
    const email = values.email.trim();
    try {
      await publicApi.POST('/api/auth/register', {
        body: {
          email,
          password: values.password,
          displayName: values.displayName.trim(),
          country: values.country,
          administration: values.administration.trim(),
          jobTitle: values.jobTitle.trim() || undefined,
          preferredLanguage,
        },
      });
      void navigate('/register/check-email', { state: { email } });
    } catch (caught) {
      setSubmitting(false);
      const code = caught instanceof ApiError ? caught.code : '';
      if (code === 'EMAIL_TAKEN') {
        fail({ email: 'register.errors.emailTaken' }, null, true);
      } else if (code === 'PASSWORD_TOO_WEAK') {
        fail({ password: passwordProblemKey(caught) }, null);
      } else if (code === 'UNSAFE_CHARACTERS') {
        fail({ displayName: 'errors.UNSAFE_CHARACTERS' }, null);
      } else if (code === 'INVALID_COUNTRY') {
        fail({ country: 'register.errors.countryRequired' }, null);
      } else if (code === 'VALIDATION_FAILED' && caught instanceof ApiError) {
        const fields: FieldErrors = {};
        for (const detail of caught.details) {
          const field = fieldOfDetail(detail);
          if (field) {
            fields[field] = `register.errors.invalid.${field}`;
          }
        }
        fail(fields, Object.keys(fields).length ? null : caught);
      } else {
        fail({}, caught);
      }
    }
  };

  const errors: Partial<Record<FieldName, string>> = {};
  for (const field of FIELDS) {
    const key = failure?.fields[field];
    if (key) {
      errors[field] = t(key);
    }
  }
  const summary = FIELDS.filter((field) => errors[field]).map((field) => ({
    fieldId: fieldId(field),
    message: errors[field] ?? '',
  }));

  return (
    <Page title={t('register.title')} heading={t('register.heading')} className="narrow">
      <p>{t('register.intro')}</p>
      {failure && (
        <Alert key={failure.attempt}>
          <h2 className="alert-title">{t('form.problemHeading')}</h2>
          {failure.general !== null && <p>{errorText(failure.general)}</p>}
          {failure.emailTaken && (
            <p>
              <Link to="/sign-in">{t('register.signIn')}</Link> ·{' '}
              <Link to="/forgot-password">{t('signIn.forgot')}</Link>
            </p>
          )}
          {summary.length > 0 && <ErrorSummaryList items={summary} />}
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
        <Field id={fieldId('email')} label={t('register.email')} error={errors.email}>
          {(control) => (
            <input
              {...control}
              name="email"
              type="email"
              inputMode="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={values.email}
              onChange={(event) => set('email')(event.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId('password')} label={t('register.password')} help={<PasswordHelp />} error={errors.password}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={values.password}
              onChange={(event) => set('password')(event.target.value)}
            />
          )}
        </Field>
        <Field
          id={fieldId('displayName')}
          label={t('register.displayName')}
          help={t('register.displayNameHelp')}
          error={errors.displayName}
        >
          {(control) => (
            <input
              {...control}
              name="displayName"
              type="text"
              autoComplete="name"
              maxLength={120}
              required
              value={values.displayName}
              onChange={(event) => set('displayName')(event.target.value)}
            />
          )}
        </Field>
        <Field
          id={fieldId('country')}
          label={t('register.country')}
          help={countries.failed ? undefined : t('register.countryHelp')}
          error={errors.country}
        >
          {(control) => (
            <>
              <select
                {...control}
                name="country"
                autoComplete="country"
                required
                value={values.country}
                aria-busy={!countries.loaded && !countries.failed ? true : undefined}
                onChange={(event) => set('country')(event.target.value)}
              >
                <option value="">{countries.loaded ? t('register.chooseCountry') : t('loading')}</option>
                {countries.list.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name}
                  </option>
                ))}
              </select>
              {countries.failed && (
                <p className="field-problem">
                  {t('countries.failed')}{' '}
                  <button type="button" className="button button-small button-secondary" onClick={countries.retry}>
                    {t('countries.retry')}
                  </button>
                </p>
              )}
            </>
          )}
        </Field>
        <Field
          id={fieldId('administration')}
          label={t('register.administration')}
          help={t('register.administrationHelp')}
          error={errors.administration}
        >
          {(control) => (
            <input
              {...control}
              name="administration"
              type="text"
              autoComplete="organization"
              maxLength={200}
              required
              value={values.administration}
              onChange={(event) => set('administration')(event.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId('jobTitle')} label={t('register.jobTitle')} optional error={errors.jobTitle}>
          {(control) => (
            <input
              {...control}
              name="jobTitle"
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
          help={t('register.preferredLanguageHelp')}
          error={errors.preferredLanguage}
        >
          {(control) => (
            <select
              {...control}
              name="preferredLanguage"
              value={preferredLanguage}
              onChange={(event) => {
                if (isLanguage(event.target.value)) {
                  setChosenLanguage(event.target.value);
                }
              }}
            >
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code} lang={language.code}>
                  {language.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="form-note">{t('register.approvalNote')}</p>
        <button type="submit" className="button button-primary" aria-disabled={submitting || undefined}>
          {submitting ? t('register.submitting') : t('register.submit')}
        </button>
      </form>
      <p className="form-aside">
        {t('register.haveAccount')} <Link to="/sign-in">{t('register.signIn')}</Link>
      </p>
    </Page>
  );
}
