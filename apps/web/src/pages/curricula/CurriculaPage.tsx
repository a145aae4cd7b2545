import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { withQuery } from '../../auth/api';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { SignedOutIntro } from '../groups/SignedOutIntro';
import { downloadFile, formText } from '../groups/files';

interface Curriculum {
  id: string;
  title: string;
  country: string;
  rtc: string;
  languages: string[];
  topics: string[];
  summary: string;
  ownerName: string;
  canEdit: boolean;
  files: Array<{ id: string; name: string }>;
}

interface ContactPoint {
  id: string;
  country: string;
  name: string;
  roleTitle: string;
  organisation: string;
  email: string;
  phone: string;
  canEdit: boolean;
}

function CurriculumItem({ curriculum }: { curriculum: Curriculum }) {
  const { t } = useTranslation();
  const { authJson, authFetch } = useAuth();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [files, setFiles] = useState<Curriculum['files'] | null>(null);
  const id = useId();

  const showFiles = async () => {
    try {
      setFiles((await authJson<Curriculum>(`/api/curricula/${curriculum.id}`)).files);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <li className="curriculum" data-curriculum={curriculum.id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="curriculum-title">
        {curriculum.title}
      </h3>
      <p className="curriculum-meta">
        <span className="curriculum-rtc">{curriculum.rtc}</span> · {curriculum.country} ·{' '}
        {curriculum.languages.join(', ')}
      </p>
      {curriculum.summary && <p className="curriculum-summary">{curriculum.summary}</p>}
      {error !== null && <Alert>{errorText(error)}</Alert>}
      {files === null ? (
        <button type="button" className="button button-quiet" onClick={() => void showFiles()}>
          {t('curricula.showFiles', { title: curriculum.title })}
        </button>
      ) : files.length === 0 ? (
        <p className="empty">{t('curricula.noFiles')}</p>
      ) : (
        <ul className="file-list">
          {files.map((file) => (
            <li key={file.id}>
              <button
                type="button"
                className="button button-quiet"
                onClick={() =>
                  void downloadFile(authFetch, `/api/curriculum-files/${file.id}/download`, file.name).catch(setError)
                }
              >
                <span className="file-name">{file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ShareForm({ onShared }: { onShared: () => void }) {
  const { t } = useTranslation();
  const { authJson } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    try {
      await authJson('/api/curricula', {
        method: 'POST',
        body: {
          title: formText(form, 'title'),
          country: formText(form, 'country'),
          rtc: formText(form, 'rtc'),
          languages: form.getAll('languages').map(String),
          topics: [],
          summary: formText(form, 'summary'),
        },
      });
      formElement.reset();
      onShared();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('curricula.share')}</h2>
      {error !== null && <Alert takeFocus>{errorText(error)}</Alert>}
      <div className="field">
        <label htmlFor={`${id}-t`}>{t('curricula.fields.title')}</label>
        <input id={`${id}-t`} name="title" required maxLength={300} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-c`}>{t('curricula.fields.country')}</label>
        <input id={`${id}-c`} name="country" required pattern="[A-Za-z]{2}" maxLength={2} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-r`}>{t('curricula.fields.rtc')}</label>
        <input id={`${id}-r`} name="rtc" required maxLength={200} />
      </div>
      <fieldset className="field">
        <legend>{t('curricula.fields.languages')}</legend>
        {['en', 'fr', 'es'].map((language) => (
          <label key={language}>
            <input type="checkbox" name="languages" value={language} defaultChecked={language === 'en'} /> {language}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-s`}>{t('curricula.fields.summary')}</label>
        <textarea id={`${id}-s`} name="summary" rows={4} maxLength={20000} />
      </div>
      <button type="submit" className="button button-primary">
        {t('curricula.shareSubmit')}
      </button>
    </form>
  );
}

function ContactPoints() {
  const { t } = useTranslation();
  const { authJson } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [country, setCountry] = useState('');
  const points = useLoader(
    (signal) => authJson<ContactPoint[]>(withQuery('/api/contact-points', { country }), { signal }),
    [authJson, country],
  );
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('curricula.contactPoints')}</h2>
      <div className="field">
        <label htmlFor={`${id}-country`}>{t('curricula.fields.country')}</label>
        <input
          id={`${id}-country`}
          value={country}
          maxLength={2}
          onChange={(event) => setCountry(/^[A-Za-z]{2}$/.test(event.target.value) ? event.target.value : '')}
        />
      </div>
      {points.error !== null && <Alert>{errorText(points.error)}</Alert>}
      {points.data?.length === 0 && <p className="empty">{t('curricula.noContactPoints')}</p>}
      <ul className="contact-points">
        {points.data?.map((point) => (
          <li key={point.id}>
            <strong>{point.name}</strong> · {point.country} · {point.roleTitle} · {point.organisation} ·{' '}
            <a href={`mailto:${encodeURIComponent(point.email).replace('%40', '@')}`}>{point.email}</a>
            {point.phone && <> · {point.phone}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Curricula() {
  const { t } = useTranslation();
  const { user, authJson } = useAuth();
  const errorText = useErrorText();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const curricula = useLoader(
    (signal) =>
      authJson<{ items: Curriculum[]; total: number }>(withQuery('/api/curricula', { q, pageSize: 100 }), { signal }),
    [authJson, q],
  );

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams({ q: formText(new FormData(event.currentTarget), 'q') });
  };

  return (
    <Page title={t('curricula.title')} heading={t('curricula.heading')} className="wide">
      <p className="lead">{t('curricula.lead')}</p>
      <form role="search" className="form" onSubmit={search}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('curricula.search')}</label>
          <input id={`${id}-q`} name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="button button-secondary">
          {t('curricula.searchSubmit')}
        </button>
      </form>
      {curricula.error !== null && <Alert>{errorText(curricula.error)}</Alert>}
      {curricula.data && (
        <p className="status-text" role="status">
          {t('curricula.count', { count: curricula.data.total })}
        </p>
      )}
      <ul className="curricula" aria-label={t('curricula.heading')}>
        {curricula.data?.items.map((curriculum) => (
          <CurriculumItem key={curriculum.id} curriculum={curriculum} />
        ))}
      </ul>
      {hasRole(user, 'admin', 'rtc_staff', 'coordinator') && <ShareForm onShared={curricula.reload} />}
      <ContactPoints />
    </Page>
  );
}

export default function CurriculaPage() {
  return (
    <SignedOutIntro section="curricula">
      <RequireAuth>
        <Curricula />
      </RequireAuth>
    </SignedOutIntro>
  );
}
