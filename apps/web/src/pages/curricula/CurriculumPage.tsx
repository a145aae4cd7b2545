import { useId, useRef, useState } from 'react';
import { unwrap } from '../../api/client';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../auth/api';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useActionState } from '../../hooks/useActionState';
import { useLoader } from '../../hooks/useLoader';
import { useTopics } from '../../hooks/useTopics';
import { useErrorText } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import NotFoundPage from '../NotFoundPage';
import { CurriculumFiles } from './CurriculumFiles';
import { CurriculumForm } from './CurriculumForm';
import { languageName } from './types';

function CurriculumView({ curriculumId }: { curriculumId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { api } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const topics = useTopics();
  const navigate = useNavigate();
  const id = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const action = useActionState();
  const curriculum = useLoader(
    (signal) => unwrap(api.GET('/api/curricula/{id}', { params: { path: { id: curriculumId } }, signal })),
    [api, curriculumId],
  );

  if (curriculum.error instanceof ApiError && (curriculum.error.status === 404 || curriculum.error.status === 400)) {
    return <NotFoundPage />;
  }
  const data = curriculum.data;
  const title = data?.title ?? t('curricula.title');

  const remove = async () => {
    setDeleting(false);
    action.start();
    try {
      await unwrap(api.DELETE('/api/curricula/{id}', { params: { path: { id: curriculumId } } }));
      void navigate('/curricula');
    } catch (caught) {
      action.fail(errorText(caught));
    }
  };

  return (
    <Page title={title} heading={title} className="wide">
      <p>
        <Link to="/curricula">{t('curricula.detail.back')}</Link>
      </p>
      {curriculum.error !== null && <Alert>{errorText(curriculum.error)}</Alert>}
      {action.failure && <Alert key={action.failure.attempt}>{action.failure.message}</Alert>}
      {data && (
        <>
          {saved && (
            <p className="status-text" role="status">
              {t('curricula.detail.saved')}
            </p>
          )}
          {editing ? (
            <section className="section" aria-labelledby={`${id}-edit`}>
              <h2 id={`${id}-edit`}>{t('curricula.detail.editHeading')}</h2>
              <CurriculumForm
                initial={{
                  title: data.title,
                  country: data.country,
                  rtc: data.rtc,
                  rtcId: data.rtcId,
                  languages: data.languages,
                  topics: data.topics,
                  summary: data.summary,
                }}
                submitLabel={t('curricula.form.save')}
                onCancel={() => {
                  setEditing(false);
                  setTimeout(() => editButton.current?.focus());
                }}
                onSubmit={async (input) => {
                  await unwrap(
                    api.PATCH('/api/curricula/{id}', { params: { path: { id: curriculumId } }, body: input }),
                  );
                  setEditing(false);
                  setSaved(true);
                  curriculum.reload();
                }}
              />
            </section>
          ) : (
            <>
              <dl className="curriculum-facts curriculum-facts-detail">
                <div>
                  <dt>{t('curricula.meta.rtc')}</dt>
                  <dd>{data.rtc}</dd>
                </div>
                <div>
                  <dt>{t('curricula.meta.country')}</dt>
                  <dd>{countries.nameOf(data.country)}</dd>
                </div>
                <div>
                  <dt>{t('curricula.meta.languages')}</dt>
                  <dd>{data.languages.map((code) => languageName(code, language)).join(', ')}</dd>
                </div>
                <div>
                  <dt>{t('curricula.meta.topics')}</dt>
                  <dd>
                    {data.topics.length > 0
                      ? data.topics.map((code) => topics.nameOf(code)).join(', ')
                      : t('curricula.meta.noTopic')}
                  </dd>
                </div>
                <div>
                  <dt>{t('curricula.meta.owner')}</dt>
                  <dd>{data.ownerName}</dd>
                </div>
                <div>
                  <dt>{t('curricula.meta.updated')}</dt>
                  <dd>{formatDateTime(data.updatedAt, language)}</dd>
                </div>
              </dl>
              {data.summary ? (
                <p className="curriculum-summary">{data.summary}</p>
              ) : (
                <p className="empty">{t('curricula.detail.noSummary')}</p>
              )}
              {data.canEdit && (
                <p className="actions">
                  <button
                    ref={editButton}
                    type="button"
                    className="button button-secondary"
                    onClick={() => {
                      setSaved(false);
                      setEditing(true);
                    }}
                  >
                    {t('curricula.detail.edit')}
                  </button>
                  <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
                    {t('curricula.detail.delete')}
                  </button>
                </p>
              )}
            </>
          )}
          <CurriculumFiles curriculum={data} onChanged={curriculum.reload} />
          <ConfirmDialog
            open={deleting}
            title={t('curricula.detail.deleteTitle')}
            body={t('curricula.detail.deleteConfirm', { title: data.title })}
            confirmLabel={t('curricula.detail.deleteSubmit')}
            cancelLabel={t('curricula.form.cancel')}
            busy={false}
            failure={null}
            onConfirm={() => void remove()}
            onCancel={() => setDeleting(false)}
          />
        </>
      )}
    </Page>
  );
}

export default function CurriculumPage() {
  const { id = '' } = useParams();
  return (
    <RequireAuth>
      <CurriculumView curriculumId={id} />
    </RequireAuth>
  );
}
