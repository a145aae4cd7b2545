import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { HomePage } from './pages/HomePage';
import { PlayerLoading } from './player/PlayerLoading';

// The home page ships in the main bundle; every other page is its own chunk, fetched when visited.
const SignInPage = lazy(() => import('./pages/SignInPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const CheckEmailPage = lazy(() => import('./pages/CheckEmailPage'));
const VerifyEmailPage = lazy(() => import('./pages/VerifyEmailPage'));
const VerifyCertificatePage = lazy(() => import('./pages/certificates/VerifyCertificatePage'));
const AwaitingApprovalPage = lazy(() => import('./pages/AwaitingApprovalPage'));
const ForgotPasswordPage = lazy(() => import('./pages/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./pages/ResetPasswordPage'));
const ProfilePage = lazy(() => import('./pages/ProfilePage'));
const CoordinatorPage = lazy(() => import('./pages/CoordinatorPage'));
const AdminCoordinatorsPage = lazy(() => import('./pages/AdminCoordinatorsPage'));
const CataloguePage = lazy(() => import('./pages/CataloguePage'));
const CoursePage = lazy(() => import('./pages/CoursePage'));
const NewCoursePage = lazy(() => import('./pages/NewCoursePage'));
const ImportsPage = lazy(() => import('./pages/ImportsPage'));
const LicencesPage = lazy(() => import('./pages/licences/LicencesPage'));
const PeoplePage = lazy(() => import('./pages/people/PeoplePage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const PersonPage = lazy(() => import('./pages/people/PersonPage'));
const RtcsPage = lazy(() => import('./pages/people/RtcsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const MyLearningPage = lazy(() => import('./pages/MyLearningPage'));
const MyTranscriptPage = lazy(() => import('./pages/certificates/TranscriptPage'));
const GroupsPage = lazy(() => import('./pages/groups/GroupsPage'));
const GroupPage = lazy(() => import('./pages/groups/GroupPage'));
const ThreadPage = lazy(() => import('./pages/groups/ThreadPage'));
const CurriculaPage = lazy(() => import('./pages/curricula/CurriculaPage'));
const NewCurriculumPage = lazy(() => import('./pages/curricula/NewCurriculumPage'));
const CurriculumPage = lazy(() => import('./pages/curricula/CurriculumPage'));
const ContactPointsPage = lazy(() => import('./pages/curricula/ContactPointsPage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const SecretariatPage = lazy(() => import('./pages/reports/SecretariatPage'));
const OfficerTranscriptPage = lazy(() => import('./pages/reports/TranscriptPage'));
// The player brings scorm-again: its own chunk, loaded by this route only, without the app's chrome.
const PlayerPage = lazy(() => import('./player/PlayerPage'));
const QuestionAnalysisPage = lazy(() => import('./pages/reports/QuestionAnalysisPage'));

export function App() {
  return (
    <Routes>
      <Route
        path="play/:attemptId"
        element={
          <Suspense fallback={<PlayerLoading />}>
            <PlayerPage />
          </Suspense>
        }
      />
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="register/check-email" element={<CheckEmailPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="verify" element={<VerifyCertificatePage />} />
        <Route path="verify/:code" element={<VerifyCertificatePage />} />
        <Route path="awaiting-approval" element={<AwaitingApprovalPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="coordinator" element={<CoordinatorPage />} />
        <Route path="admin/coordinators" element={<AdminCoordinatorsPage />} />
        <Route path="admin/users" element={<PeoplePage />} />
        <Route path="admin/audit" element={<AuditPage />} />
        <Route path="admin/users/:id" element={<PersonPage />} />
        <Route path="admin/rtcs" element={<RtcsPage />} />
        <Route path="admin/imports" element={<ImportsPage />} />
        <Route path="admin/licences" element={<LicencesPage />} />
        <Route path="catalogue" element={<CataloguePage />} />
        <Route path="courses/new" element={<NewCoursePage />} />
        <Route path="courses/:id" element={<CoursePage />} />
        <Route path="my-learning" element={<MyLearningPage />} />
        <Route path="my-learning/transcript" element={<MyTranscriptPage />} />
        <Route path="groups" element={<GroupsPage />} />
        <Route path="groups/:id/:tab?" element={<GroupPage />} />
        <Route path="threads/:id" element={<ThreadPage />} />
        <Route path="curricula" element={<CurriculaPage />} />
        <Route path="curricula/new" element={<NewCurriculumPage />} />
        <Route path="curricula/:id" element={<CurriculumPage />} />
        <Route path="contact-points" element={<ContactPointsPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="reports/secretariat" element={<SecretariatPage />} />
        <Route path="reports/learners/:userId" element={<OfficerTranscriptPage />} />
        <Route path="reports/courses/:courseId/questions" element={<QuestionAnalysisPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
