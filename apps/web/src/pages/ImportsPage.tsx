import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page';
import { RequireAuth } from '../components/RequireAuth';
import { ImportHistory } from './catalogue/ImportHistory';
import { PackageUpload } from './catalogue/PackageUpload';

function Imports() {
  const { t } = useTranslation();
  const id = useId();
  // Bumped when an import ends, so the history shows it.
  const [finished, setFinished] = useState(0);
  return (
    <Page title={t('imports.title')} heading={t('imports.heading')} className="wide">
      <p className="lead">{t('imports.intro')}</p>
      <section className="section" aria-labelledby={`${id}-upload`}>
        <h2 id={`${id}-upload`}>{t('imports.uploadHeading')}</h2>
        <PackageUpload onFinished={() => setFinished((value) => value + 1)} />
      </section>
      <ImportHistory version={finished} />
    </Page>
  );
}

export default function ImportsPage() {
  return (
    <RequireAuth roles={['admin']}>
      <Imports />
    </RequireAuth>
  );
}
