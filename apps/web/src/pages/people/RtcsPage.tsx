import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { CountryField } from '../../components/CountryField';
import { Field } from '../../components/Field';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { peopleApi, WCO_REGIONS, type DirectoryEntry, type Rtc } from './api';

type Api = ReturnType<typeof peopleApi>;

/** One RTC: its record (editable) and its staff, appointed and ended with history kept. */
function RtcCard({ rtc, api, onSaved }: { rtc: Rtc; api: Api; onSaved: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();
  const [round, setRound] = useState(0);
  const staff = useLoader((signal) => api.staff(rtc.id, signal), [api, rtc.id, round]);
  const [region, setRegion] = useState(rtc.wcoRegion ?? '');
  const [contact, setContact] = useState(rtc.contact);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<DirectoryEntry[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  const run = async (work: () => Promise<string>) => {
    setFailure(null);
    try {
      setStatus(await work());
      statusRef.current?.focus();
    } catch (caught) {
      setStatus('');
      setFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
    }
  };

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      await api.updateRtc(rtc.id, { wcoRegion: (region || null) as Rtc['wcoRegion'], contact });
      onSaved();
      return t('rtcs.saved', { name: rtc.name });
    });
  };

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const page = await api.directory(
        { q: query.trim(), country: '', role: '', status: 'active', page: 1 },
        new AbortController().signal,
      );
      setFound(page.items);
      setChosen(page.items[0]?.id ?? '');
      return t('rtcs.found', { number: page.items.length });
    });
  };

  const appoint = () =>
    void run(async () => {
      const made = await api.appointStaff(rtc.id, chosen);
      setRound((value) => value + 1);
      return t('rtcs.appointed', { name: made.displayName, rtc: rtc.name });
    });

  const end = (appointmentId: string, name: string) =>
    void run(async () => {
      await api.endStaff(rtc.id, appointmentId);
      setRound((value) => value + 1);
      return t('rtcs.ended', { name, rtc: rtc.name });
    });

  return (
    <section className="section" aria-labelledby={`${id}-name`}>
      <h2 id={`${id}-name`}>
        {rtc.name} — {countries.nameOf(rtc.country)}
      </h2>
      <form className="filters" onSubmit={save} aria-label={t('rtcs.editLabel', { name: rtc.name })}>
        <Field id={`${id}-region`} label={t('rtcs.region')}>
          {(control) => (
            <select {...control} value={region} onChange={(event) => setRegion(event.target.value)}>
              <option value="">{t('rtcs.noRegion')}</option>
              {WCO_REGIONS.map((code) => (
                <option key={code} value={code}>
                  {t(`rtcs.regions.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-contact`} label={t('rtcs.contact')} optional>
          {(control) => (
            <input {...control} maxLength={300} value={contact} onChange={(event) => setContact(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button-secondary">
          {t('rtcs.save')}
        </button>
      </form>
      <p ref={statusRef} className="status-text" role="status" tabIndex={-1}>
        {status}
      </p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      <h3>{t('rtcs.staff')}</h3>
      {staff.error !== null && <Alert key="load">{errorText(staff.error)}</Alert>}
      {staff.data &&
        (staff.data.length === 0 ? (
          <p className="empty">{t('rtcs.noStaff')}</p>
        ) : (
          <ul>
            {staff.data.map((a) => (
              <li key={a.id}>
                {a.displayName} ({a.email}) — {formatDateTime(a.startsAt, language)} →{' '}
                {a.endsAt ? formatDateTime(a.endsAt, language) : t('person.now')}{' '}
                {!a.endsAt && (
                  <button
                    type="button"
                    className="button button-danger button-small"
                    aria-label={t('rtcs.endOne', { name: a.displayName, rtc: rtc.name })}
                    onClick={() => end(a.id, a.displayName)}
                  >
                    {t('rtcs.end')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ))}
      <form className="filters" role="search" onSubmit={search} aria-label={t('rtcs.appointLabel', { name: rtc.name })}>
        <Field id={`${id}-q`} label={t('rtcs.findPerson')}>
          {(control) => <input {...control} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />}
        </Field>
        <button type="submit" className="button button-secondary">
          {t('registrations.search')}
        </button>
      </form>
      {found && found.length > 0 && (
        <div className="filters">
          <Field id={`${id}-person`} label={t('rtcs.person')}>
            {(control) => (
              <select {...control} value={chosen} onChange={(event) => setChosen(event.target.value)}>
                {found.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName} ({p.email})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" className="button button-primary" disabled={!chosen} onClick={appoint}>
            {t('rtcs.appoint')}
          </button>
        </div>
      )}
    </section>
  );
}

function Rtcs() {
  const { t } = useTranslation();
  const { api: client } = useAuth();
  const api = useMemo(() => peopleApi(client), [client]);
  const errorText = useErrorText();
  const countries = useCountries();
  const id = useId();
  const [round, setRound] = useState(0);
  const list = useLoader((signal) => api.rtcs(signal), [api, round]);
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    try {
      const made = await api.createRtc({ name: name.trim(), country });
      setStatus(t('rtcs.created', { name: made.name }));
      setName('');
      setRound((value) => value + 1);
    } catch (caught) {
      setStatus('');
      setFailure((previous) => ({ message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
    }
  };

  return (
    <Page title={t('rtcs.title')} heading={t('rtcs.heading')} className="wide">
      <p className="lead">{t('rtcs.lead')}</p>
      <form className="filters" onSubmit={(event) => void create(event)} aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`}>{t('rtcs.new')}</h2>
        <Field id={`${id}-name`} label={t('rtcs.name')}>
          {(control) => (
            <input {...control} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <CountryField
          id={`${id}-country`}
          label={t('registrations.country')}
          value={country}
          required
          emptyLabel={t('rtcs.chooseCountry')}
          countries={countries.list}
          onChange={setCountry}
        />
        <button type="submit" className="button button-primary">
          {t('rtcs.create')}
        </button>
      </form>
      <p className="status-text" role="status">
        {status}
      </p>
      {failure && <Alert key={failure.attempt}>{failure.message}</Alert>}
      {list.error !== null && <Alert key="load">{errorText(list.error)}</Alert>}
      {list.data && list.data.length === 0 && <p className="empty">{t('rtcs.empty')}</p>}
      {list.data?.map((rtc) => (
        <RtcCard key={rtc.id} rtc={rtc} api={api} onSaved={() => setRound((value) => value + 1)} />
      ))}
    </Page>
  );
}

export default function RtcsPage() {
  return (
    <RequireAuth roles={['admin']}>
      <Rtcs />
    </RequireAuth>
  );
}
