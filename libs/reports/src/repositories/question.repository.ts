import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CountryScope } from '@app/accounts';
import { scopeSql } from './report-scope';

export interface QuestionFigures {
  country: string | null;
  interactionId: string;
  type: string | null;
  attempts: number;
  correct: number;
  shareCorrect: number;
  topWrongResponse: string | null;
  topWrongCount: number;
}

type Raw = Record<string, string | number | null>;

/**
 * The question analysis (docs/reports.md): per interaction id of a course, from attempt_interactions
 * (one row per attempt and interaction id), the officers' country in scope joined in the query.
 */
@Injectable()
export class QuestionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async courseExists(courseId: string): Promise<boolean> {
    const rows = await this.dataSource.query<Raw[]>('SELECT 1 AS x FROM courses WHERE id = ?', [courseId]);
    return rows.length > 0;
  }

  /** Per interaction id, or per country and interaction id when `byCountry`. */
  async figures(scope: CountryScope, courseId: string, byCountry: boolean): Promise<QuestionFigures[]> {
    const [where, params] = scopeSql(scope, 'u.country');
    const group = byCountry ? 'u.country, i.interaction_id' : 'i.interaction_id';
    const country = byCountry ? 'u.country' : 'NULL';
    const from = `FROM attempt_interactions i JOIN users u ON u.id = i.user_id WHERE i.course_id = ? AND ${where}`;
    const [totals, wrong] = await Promise.all([
      this.dataSource.query<Raw[]>(
        `SELECT ${country} AS country, i.interaction_id AS interactionId, MAX(i.type) AS type, COUNT(*) AS attempts,
           SUM(i.result = 'correct') AS correct
         ${from} GROUP BY ${group} ORDER BY ${group}`,
        [courseId, ...params],
      ),
      this.dataSource.query<Raw[]>(
        `SELECT ${country} AS country, i.interaction_id AS interactionId, i.response AS response, COUNT(*) AS n
         ${from} AND i.result = 'incorrect' AND i.response IS NOT NULL
         GROUP BY ${group}, i.response ORDER BY ${group}, n DESC, i.response`,
        [courseId, ...params],
      ),
    ]);
    const key = (row: Raw): string => `${String(row.country)}|${String(row.interactionId)}`;
    const topWrong = new Map<string, Raw>();
    for (const row of wrong) {
      if (!topWrong.has(key(row))) {
        topWrong.set(key(row), row);
      }
    }
    return totals.map((row) => {
      const attempts = Number(row.attempts);
      const correct = Number(row.correct ?? 0);
      const top = topWrong.get(key(row));
      return {
        country: row.country === null ? null : String(row.country),
        interactionId: String(row.interactionId),
        type: row.type === null ? null : String(row.type),
        attempts,
        correct,
        shareCorrect: attempts > 0 ? Math.round((correct / attempts) * 10_000) / 10_000 : 0,
        topWrongResponse: top ? String(top.response) : null,
        topWrongCount: top ? Number(top.n) : 0,
      };
    });
  }
}
