import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { Page } from '../../components/Page';
import { RequireAuth } from '../../components/RequireAuth';
import { useCountries } from '../../hooks/useCountries';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';
import { useErrorText } from '../../i18n/errors';
import { formatNumber } from '../../i18n/format';
import { questionAnalysis, type QuestionCountryFigures, type QuestionFigures } from './questionsApi';

/** The cells of one question's figures, after its own heading cells. */
function FigureCells({ row }: { row: QuestionFigures }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <>
      <td className="number">{formatNumber(row.attempts, language)}</td>
      <td className="number">{percent.format(row.shareCorrect)}</td>
      <td>
        {row.topWrongResponse === null
          ? t('questionAnalysis.noWrongAnswer')
          : t('questionAnalysis.wrongAnswer', {
              response: row.topWrongResponse,
              count: row.topWrongCount,
              number: formatNumber(row.topWrongCount, language),
            })}
      </td>
    </>
  );
}

/**
 * Question analysis of a course (docs/reports.md): per interaction id its SCOs report, the attempts,
 * the share answered correctly and the wrong answer chosen most; for the Secretariat, per country too.
 */
function QuestionAnalysis() {
  const { t } = useTranslation();
  const { courseId = '' } = useParams();
  const { api } = useAuth();
  const errorText = useErrorText();
  const countries = useCountries();
  const loaded = useLoader((signal) => questionAnalysis(api, courseId, signal), [api, courseId]);
  const columns = [
    t('questionAnalysis.question'),
    t('questionAnalysis.type'),
    t('questionAnalysis.attempts'),
    t('questionAnalysis.shareCorrect'),
    t('questionAnalysis.topWrong'),
  ];
  const byCountry: QuestionCountryFigures[] = loaded.data?.byCountry ?? [];
  return (
    <Page title={t('questionAnalysis.title')} heading={t('questionAnalysis.heading')} className="wide">
      <p className="lead">{t('questionAnalysis.lead')}</p>
      {loaded.error !== null && <Alert key="load">{errorText(loaded.error)}</Alert>}
      {loaded.loading && !loaded.data && <p className="loading">{t('loading')}</p>}
      {loaded.data && (
        <DataTable
          caption={t('questionAnalysis.caption')}
          columns={columns}
          empty={t('questionAnalysis.empty')}
          isEmpty={loaded.data.questions.length === 0}
        >
          {loaded.data.questions.map((row) => (
            <tr key={row.interactionId}>
              <th scope="row">{row.interactionId}</th>
              <td>{row.type ?? ''}</td>
              <FigureCells row={row} />
            </tr>
          ))}
        </DataTable>
      )}
      {byCountry.length > 0 && (
        <DataTable
          caption={t('questionAnalysis.byCountryCaption')}
          columns={[t('questionAnalysis.country'), ...columns]}
          empty={t('questionAnalysis.empty')}
          isEmpty={false}
        >
          {byCountry.map((row) => (
            <tr key={`${row.country}|${row.interactionId}`}>
              <th scope="row">{countries.nameOf(row.country)}</th>
              <td>{row.interactionId}</td>
              <td>{row.type ?? ''}</td>
              <FigureCells row={row} />
            </tr>
          ))}
        </DataTable>
      )}
    </Page>
  );
}

export default function QuestionAnalysisPage() {
  return (
    <RequireAuth roles={['coordinator', 'admin']}>
      <QuestionAnalysis />
    </RequireAuth>
  );
}
