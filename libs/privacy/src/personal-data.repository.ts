import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Which rows of which tables are a person's own, by the column naming them. Like the reports
 * library, this one reads the other contexts' tables and owns none: an export gathers a person
 * from every context in one place, by SQL (docs/privacy.md).
 */
export const PERSONAL_SECTIONS = [
  { file: 'enrolments.json', table: 'enrolments', column: 'user_id' },
  { file: 'results.json', table: 'course_results', column: 'user_id' },
  { file: 'attempts.json', table: 'attempts', column: 'user_id' },
  { file: 'certificates.json', table: 'certificates', column: 'user_id' },
  { file: 'group-memberships.json', table: 'group_memberships', column: 'user_id' },
  { file: 'group-threads.json', table: 'group_threads', column: 'author_id' },
  { file: 'group-posts.json', table: 'group_posts', column: 'author_id' },
  { file: 'group-files.json', table: 'group_files', column: 'created_by' },
  { file: 'group-file-versions.json', table: 'group_file_versions', column: 'uploaded_by' },
  { file: 'curriculum-files.json', table: 'curriculum_files', column: 'uploaded_by' },
  { file: 'sign-in-sessions.json', table: 'auth_sessions', column: 'user_id' },
  { file: 'sign-ins.json', table: 'sign_ins', column: 'user_id' },
  { file: 'registration-decisions.json', table: 'registration_decisions', column: 'user_id' },
  { file: 'coordinator-appointments.json', table: 'coordinator_appointments', column: 'user_id' },
  { file: 'rtc-staff-appointments.json', table: 'rtc_staff_appointments', column: 'user_id' },
] as const;

/** Secrets and internal keys are not the person's data, and never leave the server. */
const WITHHELD = /(^password|_hash$|^token_version$|storage_key|blob_key)/;

export type Row = Record<string, unknown>;

@Injectable()
export class PersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async profile(userId: string): Promise<Row | null> {
    const [row] = await this.dataSource.query<Row[]>('SELECT * FROM `users` WHERE `id` = ?', [userId]);
    return row ? withoutSecrets(row) : null;
  }

  async rowsOf(table: string, column: string, userId: string): Promise<Row[]> {
    // Table and column come from PERSONAL_SECTIONS, never from a request.
    const rows = await this.dataSource.query<Row[]>(`SELECT * FROM \`${table}\` WHERE \`${column}\` = ?`, [userId]);
    return rows.map(withoutSecrets);
  }
}

function withoutSecrets(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !WITHHELD.test(column)));
}
