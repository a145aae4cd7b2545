import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { peopleApi, type Person, type PersonAction } from './api';

/** Which actions the caller may take on this person, given its status. */
function actionsFor(person: Person, isAdmin: boolean, selfId: string | undefined): PersonAction[] {
  if (person.id === selfId) {
    return [];
  }
  const actions: PersonAction[] = [];
  if (isAdmin) {
    if (person.status === 'active') {
      actions.push('suspend', 'end-sessions');
    }
    if (person.status === 'suspended') {
      actions.push('reinstate');
    }
    if (person.status === 'unverified') {
      actions.push('resend-verification');
    }
  } else if (person.status === 'active') {
    actions.push('left-service');
  }
  return actions;
}

function PersonDetails() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { id = '' } = useParams();
  const { user, api: client } = useAuth();
  const api = useMemo(() => peopleApi(client), [client]);
  const errorText = useErrorText();
  const countries = useCountries();
  const domId = useId();
  const [round, setRound] = useState(0);
  const loaded = useLoader((signal) => api.person(id, signal), [api, id, round]);
  const [pending, setPending] = useState<PersonAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const person = loaded.data;
  const isAdmin = hasRole(user, 'admin');

  const confirm = async () => {
    if (!person || !pending || busy) {
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await api.act(person.id, pending);
      setStatus(t(`person.done.${pending}`, { name: person.displayName }));
      returnFocus.current = statusRef.current;
      setPending(null);
      setRound((value) => value + 1);
    } catch (caught) {
      setFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  const heading = person?.displayName ?? t('person.heading');
  const date = (value: string | null) => (value ? formatDateTime(value, language) : t('person.never'));
  return (
    <Page title={heading} heading={heading} className="wide">
      <p>
        <Link to="/admin/users">{t('person.back')}</Link>
      </p>
      {loaded.error !== null && <Alert key="load">{errorText(loaded.error)}</Alert>}
      {!person && loaded.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      <p ref={statusRef} className="status-text" role="status" tabIndex={-1}>
        {status}
      </p>
      {person && (
        <>
          <dl className="details">
            <dt>{t('person.email')}</dt>
            <dd>{person.email}</dd>
            <dt>{t('registrations.columns.country')}</dt>
            <dd>{person.country ? countries.nameOf(person.country) : t('people.secretariat')}</dd>
            <dt>{t('registrations.columns.administration')}</dt>
            <dd>{[person.administration, person.jobTitle].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>{t('people.role')}</dt>
            <dd>{person.roles.map((r) => t(`people.roles.${r}`)).join(', ')}</dd>
            <dt>{t('registrations.columns.status')}</dt>
            <dd>{t(`registrations.statuses.${person.status}`)}</dd>
            <dt>{t('person.registered')}</dt>
            <dd>{date(person.registeredAt)}</dd>
            <dt>{t('person.lastSignIn')}</dt>
            <dd>{date(person.lastSignInAt)}</dd>
          </dl>
          {actionsFor(person, isAdmin, user?.id).length > 0 && (
            <p className="actions">
              {actionsFor(person, isAdmin, user?.id).map((action) => (
                <button
                  key={action}
                  type="button"
                  className={`button ${['suspend', 'left-service'].includes(action) ? 'button-danger' : 'button-secondary'}`}
                  onClick={() => {
                    returnFocus.current = null;
                    setFailure(null);
                    setPending(action);
                  }}
                >
                  {t(`person.actions.${action}`)}
                </button>
              ))}
            </p>
          )}

          <section className="section" aria-labelledby={`${domId}-appointments`}>
            <h2 id={`${domId}-appointments`}>{t('person.appointments')}</h2>
            {person.coordinatorAppointments.length + person.rtcAppointments.length === 0 ? (
              <p className="empty">{t('person.noAppointments')}</p>
            ) : (
              <ul>
                {person.coordinatorAppointments.map((a) => (
                  <li key={a.id}>
                    {t('person.coordinatorOf', { country: countries.nameOf(a.country) })} —{' '}
                    {t('person.period', { from: date(a.startsAt), until: a.endsAt ? date(a.endsAt) : t('person.now') })}
                  </li>
                ))}
                {person.rtcAppointments.map((a) => (
                  <li key={a.id}>
                    {t('person.staffOf', { rtc: a.rtcName })} —{' '}
                    {t('person.period', { from: date(a.startsAt), until: a.endsAt ? date(a.endsAt) : t('person.now') })}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="section" aria-labelledby={`${domId}-groups`}>
            <h2 id={`${domId}-groups`}>{t('person.groups')}</h2>
            {person.groups.length === 0 ? (
              <p className="empty">{t('person.noGroups')}</p>
            ) : (
              <ul>
                {person.groups.map((g) => (
                  <li key={g.id}>
                    {g.name} ({t(`person.groupRoles.${g.role as 'owner' | 'moderator' | 'member'}`)})
                    {g.archived ? ` — ${t('person.archived')}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="section" aria-labelledby={`${domId}-signins`}>
            <h2 id={`${domId}-signins`}>{t('person.signIns')}</h2>
            {person.signIns.length === 0 ? (
              <p className="empty">{t('person.noSignIns')}</p>
            ) : (
              <ul>
                {person.signIns.map((s) => (
                  <li key={s.at}>
                    {date(s.at)}
                    {s.endedAt ? ` — ${t('person.signInEnded', { at: date(s.endedAt) })}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <Dialog
        open={pending !== null}
        title={pending ? t(`person.actions.${pending}`) : ''}
        onDismiss={() => setPending(null)}
        initialFocus={cancelRef}
        returnFocus={returnFocus}
        describedBy={`${domId}-confirm`}
      >
        <p id={`${domId}-confirm`}>
          {pending && person ? t(`person.confirm.${pending}`, { name: person.displayName }) : ''}
        </p>
        {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
        <p className="status-text" role="status">
          {busy ? t('person.working') : ''}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()}>
            {pending ? t(`person.actions.${pending}`) : ''}
          </button>
          <button ref={cancelRef} type="button" className="button button-secondary" onClick={() => setPending(null)}>
            {t('dialog.cancel')}
          </button>
        </div>
      </Dialog>
    </Page>
  );
}

export default function PersonPage() {
  return (
    <RequireAuth roles={['admin', 'coordinator']}>
      <PersonDetails />
    </RequireAuth>
  );
}
