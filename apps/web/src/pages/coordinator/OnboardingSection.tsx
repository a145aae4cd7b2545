import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { JobUpload } from '../imports/JobUpload';
import type { Scope } from '../CoordinatorPage';

type OfficerImportResult = Schemas['OfficerImportResultView'];

/** The server's limit (docs/people.md): larger files are refused before they are sent. */
const MAX_CSV_BYTES = 2 * 1024 ** 2;

function officerResultOf(value: unknown): OfficerImportResult | null {
  const result = value as Partial<OfficerImportResult> | null;
  return result && typeof result.created === 'number' && Array.isArray(result.rejected)
    ? (result as OfficerImportResult)
    : null;
}

/** What the officers' import made, and the rows it left out with their line and reason. */
function OnboardingReport({ result }: { result: OfficerImportResult }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="onboarding-summary">
        <li>{t('onboarding.created', { count: result.created })}</li>
        <li>{t('onboarding.alreadyRegistered', { count: result.alreadyRegistered })}</li>
        <li>{t('onboarding.rejected', { count: result.rejectedCount })}</li>
      </ul>
      {result.rejectedCount > 0 && (
        <DataTable
          caption={t('onboarding.reportCaption')}
          columns={[t('onboarding.line'), t('onboarding.email'), t('onboarding.name'), t('onboarding.problem')]}
          empty=""
          isEmpty={false}
          count={
            result.rejectedCount > result.rejected.length
              ? t('onboarding.reportTruncated', { shown: result.rejected.length, count: result.rejectedCount })
              : undefined
          }
        >
          {result.rejected.map((row) => (
            <tr key={row.line}>
              <th scope="row">{row.line}</th>
              <td className="file-name">{row.email}</td>
              <td>{row.name}</td>
              <td>{t(`onboarding.problems.${row.problem}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/**
 * Bulk onboarding: a CSV of the country's officers becomes approved accounts, each mailed a link to
 * choose a password; then the report of rows left out.
 */
export function OnboardingSection({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const id = useId();
  const single = !scope.isAdmin && scope.countries.length === 1;
  const [country, setCountry] = useState(single ? scope.countries[0].code : '');
  const [countryError, setCountryError] = useState<string | null>(null);

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('onboarding.heading')}</h2>
      <p>{t('onboarding.intro')}</p>
      {scope.countries.length === 0 && !scope.isAdmin ? (
        <p className="empty">{t('domains.noCountry')}</p>
      ) : (
        <JobUpload
          url="/api/registrations/import"
          fileLabel={t('onboarding.file')}
          fileHelp={t('onboarding.fileHelp')}
          accept=".csv,text/csv"
          checkFile={(file) =>
            !/\.(csv|txt)$/i.test(file.name)
              ? t('onboarding.notCsv')
              : file.size > MAX_CSV_BYTES
                ? t('onboarding.tooLarge')
                : null
          }
          fields={() => {
            if (!country) {
              setCountryError(t('onboarding.chooseCountry'));
              document.getElementById(`${id}-country`)?.focus();
              return null;
            }
            setCountryError(null);
            return { country };
          }}
          submitLabel={t('onboarding.submit')}
          completedText={t('onboarding.completed')}
          anotherLabel={t('onboarding.another')}
          renderResult={(job) => {
            const result = officerResultOf(job.result);
            return result ? <OnboardingReport result={result} /> : <Alert>{t('errors.UNKNOWN')}</Alert>;
          }}
        >
          {!single && (
            <Field id={`${id}-country`} label={t('onboarding.country')} error={countryError}>
              {(control) => (
                <select
                  {...control}
                  value={country}
                  onChange={(event) => {
                    setCountryError(null);
                    setCountry(event.target.value);
                  }}
                >
                  <option value="">{t('onboarding.chooseCountry')}</option>
                  {scope.countries.map((entry) => (
                    <option key={entry.code} value={entry.code}>
                      {entry.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </JobUpload>
      )}
    </section>
  );
}
