import type { TFunction } from 'i18next';
import type { Messages } from '../../i18n';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { useLanguage } from '../../hooks/useLanguage';
import { formatNumber } from '../../i18n/format';
import type { CourseFigures } from './api';
import type { ChartSpec } from './charts/spec';
import { formatDuration, formatShare } from './format';

/** Where each course's enrolments stand: the chart of the courses table's first columns. */
export function courseChart(courses: readonly CourseFigures[], t: TFunction): ChartSpec {
  return {
    type: 'bar',
    horizontal: true,
    labels: courses.map((course) => course.title ?? course.courseId),
    series: [
      { label: t('reports.courses.columns.enrolments'), values: courses.map((course) => course.enrolments) },
      { label: t('reports.courses.columns.inProgress'), values: courses.map((course) => course.inProgress) },
      { label: t('reports.courses.columns.completions'), values: courses.map((course) => course.completions) },
      { label: t('reports.courses.columns.passed'), values: courses.map((course) => course.passed) },
    ],
    categoryTitle: t('reports.axes.course'),
    valueTitle: t('reports.axes.enrolments'),
  };
}

/** Per course: enrolments, where they stand, pass rate, average score and time, and its questions. */
export function CoursesTable({ id, courses }: { id: string; courses: readonly CourseFigures[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const number = (value: number) => formatNumber(value, language);
  const numeric = (key: keyof Messages['reports']['courses']['columns']) => ({
    key,
    heading: t(`reports.courses.columns.${key}`),
    className: 'numeric',
  });
  return (
    <div id={id}>
      <DataTable
        caption={t('reports.courses.caption')}
        className="report-courses"
        columns={[
          t('reports.courses.columns.course'),
          numeric('enrolments'),
          numeric('started'),
          numeric('inProgress'),
          numeric('completions'),
          numeric('passed'),
          numeric('passRate'),
          numeric('averageScore'),
          numeric('averageTime'),
          t('reports.courses.columns.questions'),
        ]}
        empty={t('reports.courses.empty')}
        isEmpty={courses.length === 0}
      >
        {courses.map((course) => (
          <tr key={course.courseId}>
            <th scope="row">{course.title ?? course.courseId}</th>
            <td className="numeric">{number(course.enrolments)}</td>
            <td className="numeric">{number(course.started)}</td>
            <td className="numeric">{number(course.inProgress)}</td>
            <td className="numeric">{number(course.completions)}</td>
            <td className="numeric">{number(course.passed)}</td>
            <td className="numeric">{formatShare(course.passRate, language)}</td>
            <td className="numeric">{formatShare(course.averageScore, language)}</td>
            <td className="numeric">{formatDuration(course.averageTimeSeconds, language)}</td>
            <td>
              <Link to={`/reports/courses/${course.courseId}/questions`}>
                {t('reports.courses.questionsLink')}
                <span className="visually-hidden"> {course.title ?? course.courseId}</span>
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
