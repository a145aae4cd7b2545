import { useEffect, useId, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import type { Scope } from '../CoordinatorPage';

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/;

/** One domain per line; blank lines, spaces, a leading "@" and repeats are dropped. */
function parseDomains(text: string): string[] {
  const domains = text
    .split(/\r?\n/)
    .map((line) => line.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  return [...new Set(domains)];
}

export function DomainsSection({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const single = !scope.isAdmin && scope.countries.length === 1;
  const [country, setCountry] = useState(single ? scope.countries[0].code : '');
  const current = useLoader(
    (signal) =>
      country
        ? unwrap(api.GET('/api/countries/{code}/auto-approve-domains', { params: { path: { code: country } }, signal }))
        : Promise.resolve({ domains: [] }),
    [api, country],
  );
  const [text, setText] = useState('');
  useEffect(() => {
    if (current.data) {
      setText(current.data.domains.join('\n'));
    }
  }, [current.data]);

  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ message: string; field: boolean; attempt: number } | null>(null);
  const fail = (message: string, field: boolean) =>
    setFailure((previous) => ({ message, field, attempt: (previous?.attempt ?? 0) + 1 }));

  const countryName = scope.countries.find((entry) => entry.code === country)?.name ?? country;

  const save = async () => {
    if (!country || saving) {
      return;
    }
    const domains = parseDomains(text);
    const invalid = domains.filter((domain) => !DOMAIN_PATTERN.test(domain));
    if (invalid.length > 0) {
      fail(t('domains.invalid', { domains: invalid.join(', ') }), true);
      return;
    }
    setFailure(null);
    setSaving(true);
    setStatus(t('domains.saving'));
    try {
      const result = await unwrap(
        api.PUT('/api/countries/{code}/auto-approve-domains', {
          params: { path: { code: country } },
          body: { domains },
        }),
      );
      setText(result.domains.join('\n'));
      setStatus(
        result.domains.length > 0
          ? t('domains.saved', { country: countryName })
          : t('domains.savedNone', { country: countryName }),
      );
    } catch (caught) {
      setStatus('');
      const validation = caught instanceof ApiError && caught.code === 'VALIDATION_FAILED';
      if (caught instanceof ApiError && caught.code === 'FREE_MAIL_DOMAIN') {
        fail(t('domains.freeMail', { domains: caught.details.join(', ') }), true);
      } else {
        fail(validation ? t('domains.rejected') : errorText(caught), validation);
      }
    } finally {
      setSaving(false);
    }
  };

  const textId = `${id}-domains`;
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('domains.heading')}</h2>
      <p>{t('domains.intro')}</p>
      {scope.countries.length === 0 && !scope.isAdmin ? (
        <p className="empty">{t('domains.noCountry')}</p>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            void save();
          }}
        >
          {!single && (
            <Field id={`${id}-country`} label={t('domains.country')}>
              {(control) => (
                <select
                  {...control}
                  value={country}
                  onChange={(event) => {
                    setStatus('');
                    setFailure(null);
                    setCountry(event.target.value);
                  }}
                >
                  <option value="">{t('domains.chooseCountry')}</option>
                  {scope.countries.map((entry) => (
                    <option key={entry.code} value={entry.code}>
                      {entry.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {failure && !failure.field && <Alert key={failure.attempt}>{failure.message}</Alert>}
          {current.error !== null && <Alert key="load">{errorText(current.error)}</Alert>}
          {country && (
            <>
              <Field
                id={textId}
                label={t('domains.label', { country: countryName })}
                help={t('domains.help')}
                error={failure?.field ? failure.message : null}
              >
                {(control) => (
                  <textarea
                    {...control}
                    rows={5}
                    spellCheck={false}
                    autoCapitalize="none"
                    aria-busy={current.loading || undefined}
                    value={text}
                    onChange={(event) => setText(event.target.value)}
                  />
                )}
              </Field>
              {failure?.field && (
                <Alert key={failure.attempt}>
                  <a
                    href={`#${textId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(textId)?.focus();
                    }}
                  >
                    {failure.message}
                  </a>
                </Alert>
              )}
              <div>
                <button type="submit" className="button button-primary" disabled={saving || current.loading}>
                  {saving ? t('domains.saving') : t('domains.save')}
                </button>
              </div>
            </>
          )}
          <p className="status-text" role="status">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}
