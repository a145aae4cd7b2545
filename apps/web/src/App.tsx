import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { HomePage } from './pages/HomePage';

// The home page ships in the main bundle; every other page is its own chunk, fetched when visited.
const SignInPage = lazy(() => import('./pages/SignInPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const SectionPage = lazy(() => import('./pages/SectionPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="catalogue" element={<SectionPage section="catalogue" />} />
        <Route path="my-learning" element={<SectionPage section="myLearning" />} />
        <Route path="groups" element={<SectionPage section="groups" />} />
        <Route path="curricula" element={<SectionPage section="curricula" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
