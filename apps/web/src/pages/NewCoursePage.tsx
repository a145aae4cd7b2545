import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '../components/Page';
import { RequireAuth } from '../components/RequireAuth';
import { CourseForm } from './catalogue/CourseForm';

function NewCourse() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Page title={t('newCourse.title')} heading={t('newCourse.heading')}>
      <p className="lead">{t('newCourse.intro')}</p>
      <CourseForm onSaved={(course) => void navigate(`/courses/${encodeURIComponent(course.id)}`)} />
    </Page>
  );
}

export default function NewCoursePage() {
  return (
    <RequireAuth roles={['admin']}>
      <NewCourse />
    </RequireAuth>
  );
}
