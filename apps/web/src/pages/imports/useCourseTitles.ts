import { unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';

/** The titles of courses, in the interface language, fetched once per course. */
export function useCourseTitles(ids: string[]): Map<string, string> {
  const { api } = useAuth();
  const language = useLanguage();
  const key = [...new Set(ids)].sort().join(',');
  const titles = useLoader(
    async (signal) => {
      const entries = await Promise.all(
        key
          .split(',')
          .filter(Boolean)
          .map(async (courseId): Promise<[string, string]> => {
            try {
              const course = await unwrap(
                api.GET('/api/courses/{id}', { params: { path: { id: courseId }, query: { lang: language } }, signal }),
              );
              return [courseId, course.title];
            } catch {
              return [courseId, ''];
            }
          }),
      );
      return new Map(entries);
    },
    [api, key, language],
  );
  return titles.data ?? new Map<string, string>();
}
