import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { COURSE_LANGUAGES, type CourseLanguage } from '../api/types';
import { Page } from '../components/Page';
import { SectionTabs } from '../components/SectionTabs';
import { RequireAuth } from '../components/RequireAuth';
import { ImportHistory } from './catalogue/ImportHistory';
import { PackageUpload } from './catalogue/PackageUpload';
import { LicenceImport } from './imports/LicenceImport';
import { PackageTranslation } from './imports/PackageTranslation';
import { StaleTranslations } from './imports/StaleTranslations';
import { XliffImport } from './imports/XliffImport';

const SECTIONS = ['packages', 'licence', 'translations'] as const;
type Section = (typeof SECTIONS)[number];

const HEADINGS: Record<Section, 'imports.heading' | 'licenceImport.heading' | 'translationImport.heading'> = {
  packages: 'imports.heading',
  licence: 'licenceImport.heading',
  translations: 'translationImport.heading',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function languageOf(value: string | null): CourseLanguage | undefined {
  return COURSE_LANGUAGES.find((code) => code === value);
}

function Imports() {
  const { t } = useTranslation();
  const id = useId();
  const [params] = useSearchParams();
  const requested = params.get('section');
  const section: Section = SECTIONS.find((entry) => entry === requested) ?? 'packages';
  // Bumped when an import ends, so the history (and the stale list) show it.
  const [finished, setFinished] = useState(0);
  const onFinished = () => setFinished((value) => value + 1);
  const course = params.get('course');

  return (
    <Page title={t(HEADINGS[section])} heading={t(HEADINGS[section])} className="wide">
      <SectionTabs
        label={t('importSections.label')}
        current={section}
        tabs={SECTIONS.map((entry) => ({
          key: entry,
          to: entry === 'packages' ? '/admin/imports' : `/admin/imports?section=${entry}`,
          label: t(`importSections.${entry}`),
        }))}
      />

      {section === 'packages' && (
        <>
          <p className="lead">{t('imports.intro')}</p>
          <section className="section" aria-labelledby={`${id}-upload`}>
            <h2 id={`${id}-upload`}>{t('imports.uploadHeading')}</h2>
            <PackageUpload onFinished={onFinished} />
          </section>
        </>
      )}

      {section === 'licence' && (
        <>
          <p className="lead">{t('licenceImport.intro')}</p>
          <section className="section" aria-labelledby={`${id}-licence`}>
            <h2 id={`${id}-licence`}>{t('licenceImport.uploadHeading')}</h2>
            <LicenceImport onFinished={onFinished} />
          </section>
        </>
      )}

      {section === 'translations' && (
        <>
          <p className="lead">{t('translationImport.intro')}</p>
          <section className="section" aria-labelledby={`${id}-xliff`}>
            <h2 id={`${id}-xliff`}>{t('translationImport.xliffHeading')}</h2>
            <p>{t('translationImport.xliffIntro')}</p>
            <XliffImport onFinished={onFinished} />
          </section>
          <section className="section" aria-labelledby={`${id}-package`}>
            <h2 id={`${id}-package`}>{t('translationImport.packageHeading')}</h2>
            <p>{t('translationImport.packageIntro')}</p>
            <PackageTranslation
              key={`${course ?? ''}-${params.get('language') ?? ''}`}
              initialCourseId={course && UUID.test(course) ? course : undefined}
              initialLanguage={languageOf(params.get('language'))}
              initialSourceLanguage={languageOf(params.get('from'))}
              onFinished={onFinished}
            />
          </section>
          <section className="section" aria-labelledby={`${id}-stale`}>
            <h2 id={`${id}-stale`}>{t('staleTranslations.heading')}</h2>
            <p>{t('staleTranslations.intro')}</p>
            <StaleTranslations version={finished} />
          </section>
        </>
      )}

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
