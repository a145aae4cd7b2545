import { useState } from 'react';
import { useNavigate } from 'react-router';
import { unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { useErrorText } from '../../i18n/errors';

export interface CourseLaunch {
  /** The course being opened, while its launch is under way. */
  busy: string | null;
  failure: { courseId: string; message: string; attempt: number } | null;
  /** Resumes (or reviews) the learner's current attempt of the course in the player. */
  launch: (courseId: string) => Promise<void>;
}

/** Opens a course in the player from a list (home, My learning): the server picks the attempt to resume. */
export function useCourseLaunch(): CourseLaunch {
  const { api } = useAuth();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<CourseLaunch['failure']>(null);

  const launch = async (courseId: string) => {
    setBusy(courseId);
    setFailure(null);
    try {
      const answer = await unwrap(
        api.POST('/api/courses/{courseId}/launch', { params: { path: { courseId } }, body: {} }),
      );
      const target = new URL(answer.launchUrl, window.location.href);
      // The player is a page of this app: the token stays in the fragment.
      void navigate(`${target.pathname}${target.hash}`);
    } catch (caught) {
      setFailure((previous) => ({ courseId, message: errorText(caught), attempt: (previous?.attempt ?? 0) + 1 }));
      setBusy(null);
    }
  };
  return { busy, failure, launch };
}
