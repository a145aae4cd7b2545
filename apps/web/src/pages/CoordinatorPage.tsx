import { useState } from 'react';
import { unwrap } from '../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { Alert } from '../components/Alert';
import { Page } from '../components/Page';
import { RequireAuth } from '../components/RequireAuth';
import { useCountries } from '../hooks/useCountries';
import { useLoader } from '../hooks/useLoader';
import { useErrorText } from '../i18n/errors';
import { DecisionsSection } from './coordinator/DecisionsSection';
import { DomainsSection } from './coordinator/DomainsSection';
import { OnboardingSection } from './coordinator/OnboardingSection';
import { RegistrationsSection } from './coordinator/RegistrationsSection';

export interface Scope {
  isAdmin: boolean;
  /** The countries this person decides for; every country for an admin. */
  countries: { code: string; name: string }[];
}

function CoordinatorWorkspace() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const me = useLoader((signal) => unwrap(api.GET('/api/me', { signal })), [api]);
  // Bumped after each decision, so the history shows it.
  const [decisions, setDecisions] = useState(0);

  const isAdmin = me.data?.roles.includes('admin') ?? false;
  const scope: Scope | null = me.data
    ? {
        isAdmin,
        countries: isAdmin
          ? countries.list
          : me.data.coordinatorCountries.map((code) => ({ code, name: countries.nameOf(code) })),
      }
    : null;

  return (
    <Page title={t('coordinator.title')} heading={t('coordinator.heading')} className="wide">
      <p className="lead">{t('coordinator.intro')}</p>
      {me.error !== null && <Alert>{errorText(me.error)}</Alert>}
      {!scope && me.loading && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {scope && (
        <>
          <RegistrationsSection scope={scope} onDecided={() => setDecisions((value) => value + 1)} />
          <DecisionsSection scope={scope} version={decisions} />
          <DomainsSection scope={scope} />
          <OnboardingSection scope={scope} />
        </>
      )}
    </Page>
  );
}

export default function CoordinatorPage() {
  return (
    <RequireAuth roles={['coordinator', 'admin']}>
      <CoordinatorWorkspace />
    </RequireAuth>
  );
}
