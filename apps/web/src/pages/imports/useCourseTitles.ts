import type { CourseDetail } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useLanguage } from '../../hooks/useLanguage';
import { useLoader } from '../../hooks/useLoader';

/** The titles of courses, in the interface language, fetched once per course. */
export function useCourseTitles(ids: string[]): Map<string, string> {
  const { authJson } = useAuth();
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
              const course = await authJson<CourseDetail>(
                `/api/courses/${encodeURIComponent(courseId)}?lang=${language}`,
                { signal },
              );
              return [courseId, course.title];
            } catch {
              return [courseId, ''];
            }
          }),
      );
      return new Map(entries);
    },
    [authJson, key, language],
  );
  return titles.data ?? new Map<string, string>();
}
