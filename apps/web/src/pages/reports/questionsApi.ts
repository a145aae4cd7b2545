import { unwrap, type ApiClient, type Schemas } from '../../api/client';

/** `GET /api/reports/courses/{courseId}/questions` (docs/reports.md, "Question analysis"). */
export type QuestionAnalysis = Schemas['QuestionAnalysisDto'];
export type QuestionFigures = Schemas['QuestionFiguresDto'];
export type QuestionCountryFigures = Schemas['QuestionCountryFiguresDto'];

export function questionAnalysis(api: ApiClient, courseId: string, signal: AbortSignal): Promise<QuestionAnalysis> {
  return unwrap(api.GET('/api/reports/courses/{courseId}/questions', { params: { path: { courseId } }, signal }));
}
