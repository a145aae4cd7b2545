import { useTranslation } from 'react-i18next';
import { unwrap } from '../../api/client';
import { Link, useNavigate } from 'react-router';
import { hasRole, useAuth } from '../../auth/AuthContext';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { CurriculumForm } from './CurriculumForm';
import { SHARING_ROLES } from './types';

function NewCurriculum() {
  const { t } = useTranslation();
  const { user, api } = useAuth();
  const navigate = useNavigate();
  return (
    <Page title={t('curricula.form.newTitle')} heading={t('curricula.form.newTitle')}>
      <p>
        <Link to="/curricula">{t('curricula.detail.back')}</Link>
      </p>
      {hasRole(user, ...SHARING_ROLES) ? (
        <>
          <p>{t('curricula.form.newLead')}</p>
          <CurriculumForm
            submitLabel={t('curricula.form.create')}
            onSubmit={async (input) => {
              const created = await unwrap(
                api.POST('/api/curricula', { body: { ...input, rtcId: input.rtcId ?? undefined } }),
              );
              void navigate(`/curricula/${encodeURIComponent(created.id)}`);
            }}
          />
        </>
      ) : (
        <p>{t('curricula.form.notAllowed')}</p>
      )}
    </Page>
  );
}

export default function NewCurriculumPage() {
  return (
    <RequireAuth>
      <NewCurriculum />
    </RequireAuth>
  );
}
