import { useId, useMemo, useState, type FormEvent } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { CountryField } from '../../components/CountryField';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatNumber } from '../../i18n/format';
import type { ContactPoint } from './types';

type Draft = Pick<ContactPoint, 'country' | 'name' | 'roleTitle' | 'organisation' | 'email' | 'phone'>;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Add or edit a contact point, in a dialog; the countries offered are those the user maintains. */
function ContactPointDialog({
  open,
  editing,
  countries,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new contact point. */
  editing: ContactPoint | null;
  countries: { code: string; name: string }[];
  onClose: () => void;
  onSaved: (point: ContactPoint) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(
    editing
      ? {
          country: editing.country,
          name: editing.name,
          roleTitle: editing.roleTitle,
          organisation: editing.organisation,
          email: editing.email,
          phone: editing.phone,
        }
      : {
          country: countries.length === 1 ? countries[0].code : '',
          name: '',
          roleTitle: '',
          organisation: '',
          email: '',
          phone: '',
        },
  );
  const [problems, setProblems] = useState<Partial<Record<'country' | 'name' | 'email' | 'phone', string>>>({});
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Draft, value: string) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof problems = {};
    if (!draft.country) {
      found.country = t('contactPoints.form.required');
    }
    if (!draft.name.trim()) {
      found.name = t('contactPoints.form.required');
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) {
      found.email = t('contactPoints.form.emailInvalid');
    }
    if (!/^[0-9+()./ -]{0,50}$/.test(draft.phone.trim())) {
      found.phone = t('contactPoints.form.phoneInvalid');
    }
    setProblems(found);
    const first = (['country', 'name', 'email', 'phone'] as const).find((key) => found[key]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const body = Object.fromEntries(Object.entries(draft).map(([key, value]) => [key, value.trim()])) as typeof draft;
      const saved = editing
        ? await unwrap(api.PUT('/api/contact-points/{id}', { params: { path: { id: editing.id } }, body }))
        : await unwrap(api.POST('/api/contact-points', { body }));
      onSaved(saved);
    } catch (caught) {
      setFailure((previous) => ({ error: caught, attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: 'name' | 'roleTitle' | 'organisation' | 'email' | 'phone',
    options: { optional?: boolean; type?: string; max: number },
  ) => (
    <Field
      id={`${id}-${key}`}
      label={t(`contactPoints.fields.${key}`)}
      optional={options.optional}
      error={key in problems ? problems[key as keyof typeof problems] : undefined}
    >
      {(control) => (
        <input
          {...control}
          type={options.type ?? 'text'}
          value={draft[key]}
          maxLength={options.max}
          required={!options.optional}
          onChange={(event) => set(key, event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      open={open}
      title={editing ? t('contactPoints.editTitle', { name: editing.name }) : t('contactPoints.addTitle')}
      onDismiss={onClose}
    >
      {open && (
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          {failure && <Alert key={failure.attempt}>{errorText(failure.error)}</Alert>}
          <CountryField
            id={`${id}-country`}
            label={t('contactPoints.fields.country')}
            error={problems.country}
            value={draft.country}
            required
            emptyLabel={t('contactPoints.form.chooseCountry')}
            countries={countries}
            onChange={(code) => set('country', code)}
          />
          {text('name', { max: 200 })}
          {text('roleTitle', { optional: true, max: 200 })}
          {text('organisation', { optional: true, max: 200 })}
          {text('email', { type: 'email', max: 254 })}
          {text('phone', { optional: true, type: 'tel', max: 50 })}
          <div className="dialog-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {editing ? t('contactPoints.form.save') : t('contactPoints.form.create')}
            </button>
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t('contactPoints.form.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function ContactPoints() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const country = /^[A-Z]{2}$/.test(params.get('country') ?? '') ? params.get('country')! : '';
  const [filter, setFilter] = useState('');
  // Kept mounted while closed, so the dialog gives focus back to the button that opened it.
  const [dialog, setDialog] = useState<{ open: boolean; editing: ContactPoint | null; key: number }>({
    open: false,
    editing: null,
    key: 0,
  });
  const openDialog = (editing: ContactPoint | null) =>
    setDialog((current) => ({ open: true, editing, key: current.key + 1 }));
  const closeDialog = () => setDialog((current) => ({ ...current, open: false }));
  const [removing, setRemoving] = useState<ContactPoint | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ error: unknown; attempt: number } | null>(null);

  const me = useLoader((signal) => unwrap(api.GET('/api/me', { signal })), [api]);
  const points = useLoader(
    (signal) => unwrap(api.GET('/api/contact-points', { params: { query: { country } }, signal })),
    [api, country],
  );

  // The api's rule: the Secretariat maintains every country's contact points, coordinators their own.
  const maintained = useMemo(() => {
    if (!me.data) {
      return [];
    }
    const isAdmin = me.data.roles.includes('admin');
    return countries.list.filter((entry) => isAdmin || me.data!.coordinatorCountries.includes(entry.code));
  }, [me.data, countries.list]);

  const shown = useMemo(() => {
    const wanted = fold(filter.trim());
    return (points.data ?? []).filter(
      (point) =>
        !wanted ||
        [point.name, point.roleTitle, point.organisation, point.email].some((text) => fold(text).includes(wanted)),
    );
  }, [points.data, filter]);
  const byCountry = useMemo(() => {
    const groups = new Map<string, ContactPoint[]>();
    for (const point of shown) {
      groups.set(point.country, [...(groups.get(point.country) ?? []), point]);
    }
    return [...groups.entries()].sort(([a], [b]) => countries.nameOf(a).localeCompare(countries.nameOf(b), language));
  }, [shown, countries, language]);

  const remove = async (point: ContactPoint) => {
    setRemoving(null);
    setFailure(null);
    try {
      await unwrap(api.DELETE('/api/contact-points/{id}', { params: { path: { id: point.id } } }));
      setStatus(t('contactPoints.removed', { name: point.name }));
      points.reload();
    } catch (caught) {
      setFailure((previous) => ({ error: caught, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  };

  return (
    <Page title={t('contactPoints.title')} heading={t('contactPoints.heading')} className="wide">
      <p className="lead">{t('contactPoints.lead')}</p>
      <p>
        <Link to="/curricula">{t('contactPoints.back')}</Link>
      </p>
      {maintained.length > 0 && (
        <p className="actions">
          <button type="button" className="button button-primary" onClick={() => openDialog(null)}>
            {t('contactPoints.add')}
          </button>
        </p>
      )}
      <div role="search" aria-label={t('contactPoints.searchLabel')}>
        <form className="filters" noValidate onSubmit={(event) => event.preventDefault()}>
          <CountryField
            id={`${id}-country`}
            label={t('contactPoints.country')}
            value={country}
            emptyLabel={t('contactPoints.allCountries')}
            countries={countries.list}
            onChange={(code) => setParams(code ? { country: code } : {})}
          />
          <Field id={`${id}-filter`} label={t('contactPoints.filter')} className="field-grow">
            {(control) => (
              <input {...control} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
            )}
          </Field>
        </form>
      </div>
      {points.error !== null && <Alert key="load">{errorText(points.error)}</Alert>}
      {failure && <Alert key={failure.attempt}>{errorText(failure.error)}</Alert>}
      <p className="result-count" role="status">
        {status ? `${status} ` : ''}
        {points.data
          ? t('contactPoints.count', { count: shown.length, number: formatNumber(shown.length, language) })
          : ''}
      </p>
      {points.data && shown.length === 0 && <p className="empty">{t('contactPoints.empty')}</p>}
      {byCountry.map(([code, list]) => (
        <section key={code} className="section contact-country" aria-labelledby={`${id}-${code}`}>
          <h2 id={`${id}-${code}`}>{countries.nameOf(code)}</h2>
          <ul className="contact-points" aria-label={t('contactPoints.ofCountry', { country: countries.nameOf(code) })}>
            {list.map((point) => (
              <li key={point.id} className="contact-point" data-contact-point={point.id}>
                <p className="contact-point-name">{point.name}</p>
                {(point.roleTitle || point.organisation) && (
                  <p>{[point.roleTitle, point.organisation].filter(Boolean).join(', ')}</p>
                )}
                <p>
                  <span className="visually-hidden">
                    {t('typography.label', { label: t('contactPoints.fields.email') })}{' '}
                  </span>
                  <a href={`mailto:${point.email}`}>{point.email}</a>
                  {point.phone && (
                    <>
                      {' · '}
                      <span className="visually-hidden">
                        {t('typography.label', { label: t('contactPoints.fields.phone') })}{' '}
                      </span>
                      <a href={`tel:${point.phone.replace(/[^0-9+]/g, '')}`}>{point.phone}</a>
                    </>
                  )}
                </p>
                {point.canEdit && (
                  <p className="actions">
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={() => openDialog(point)}
                    >
                      {t('contactPoints.edit', { name: point.name })}
                    </button>
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={() => setRemoving(point)}
                    >
                      {t('contactPoints.remove', { name: point.name })}
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <ContactPointDialog
        key={dialog.key}
        open={dialog.open}
        editing={dialog.editing}
        countries={
          dialog.editing && !maintained.some((entry) => entry.code === dialog.editing!.country)
            ? [...maintained, { code: dialog.editing.country, name: countries.nameOf(dialog.editing.country) }]
            : maintained
        }
        onClose={closeDialog}
        onSaved={(saved) => {
          closeDialog();
          setStatus(t('contactPoints.saved', { name: saved.name }));
          points.reload();
        }}
      />
      <Dialog open={removing !== null} title={t('contactPoints.removeTitle')} onDismiss={() => setRemoving(null)}>
        <p>{t('contactPoints.removeConfirm', { name: removing?.name ?? '' })}</p>
        <div className="dialog-actions">
          <button type="button" className="button button-danger" onClick={() => removing && void remove(removing)}>
            {t('contactPoints.removeSubmit')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setRemoving(null)}>
            {t('contactPoints.form.cancel')}
          </button>
        </div>
      </Dialog>
    </Page>
  );
}

export default function ContactPointsPage() {
  return (
    <RequireAuth>
      <ContactPoints />
    </RequireAuth>
  );
}
