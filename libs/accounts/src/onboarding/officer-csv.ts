import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { hasUnsafeCharacters } from '@app/common';
import { Language, LANGUAGES } from '../entities/user.entity';
import { normalizeEmail } from '../repositories/user.repository';

/** Limits of an onboarding file (docs/people.md, "Bulk onboarding"). */
export const OFFICER_CSV_LIMITS = {
  /** Bytes of the uploaded file. */
  maxBytes: 2 * 1024 * 1024,
  /** Data rows (the header aside). */
  maxRows: 10_000,
  /** Characters of one record, all fields together: a longer one is a broken quote, not a person. */
  maxRecordChars: 2_000,
  email: 254,
  name: 120,
  jobTitle: 200,
} as const;

/** Why one row of a file was left out. Stable codes: the web app words them. */
export type OfficerRowProblem =
  | 'INVALID_EMAIL'
  | 'MISSING_NAME'
  | 'NAME_TOO_LONG'
  | 'JOB_TITLE_TOO_LONG'
  | 'UNSAFE_CHARACTERS'
  | 'INVALID_LANGUAGE'
  | 'DUPLICATE_IN_FILE'
  | 'EMAIL_OF_ANOTHER_COUNTRY'
  | 'EMAIL_OF_ANOTHER_ACCOUNT';

export interface OfficerRow {
  /** Line of the file the row starts on (1 = the first line, usually the header). */
  line: number;
  email: string;
  displayName: string;
  jobTitle: string;
  language: Language | null;
}

export interface RejectedRow {
  line: number;
  /** The row's e-mail cell as written (cut to 254 characters), so a person finds the row. */
  email: string;
  name: string;
  problem: OfficerRowProblem;
}

/** The whole file is refused (not one of its rows): a code and a sentence for a person. */
export class OfficerCsvError extends Error {
  constructor(
    readonly code: 'CSV_NOT_UTF8' | 'CSV_MALFORMED' | 'CSV_HEADER_INVALID' | 'CSV_TOO_MANY_ROWS' | 'CSV_EMPTY',
    message: string,
  ) {
    super(message);
  }
}

type Column = 'email' | 'name' | 'jobTitle' | 'language';

/** Header names people write, in the three languages, compared without case, spaces, dashes or accents. */
const HEADER_ALIASES: Record<string, Column> = {
  email: 'email',
  mail: 'email',
  emailaddress: 'email',
  courriel: 'email',
  adressecourriel: 'email',
  correo: 'email',
  correoelectronico: 'email',
  name: 'name',
  fullname: 'name',
  displayname: 'name',
  nom: 'name',
  nomcomplet: 'name',
  nombre: 'name',
  nombrecompleto: 'name',
  jobtitle: 'jobTitle',
  title: 'jobTitle',
  position: 'jobTitle',
  fonction: 'jobTitle',
  poste: 'jobTitle',
  cargo: 'jobTitle',
  puesto: 'jobTitle',
  language: 'language',
  langue: 'language',
  idioma: 'language',
};

function headerKey(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_\-.]/g, '');
}

/** `;` or `,`, whichever the first line holds more of outside quotes (Excel in French and Spanish writes `;`). */
function delimiterOf(text: string): ';' | ',' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const semicolons = unquoted.split(';').length;
  const commas = unquoted.split(',').length;
  return semicolons > commas ? ';' : ',';
}

/**
 * Reads an onboarding file: UTF-8 (a BOM is skipped), `;` or `,` between fields, quotes as RFC 4180.
 * The first line is a header naming the columns (e-mail, name, job title, language in any of the
 * three languages; any order) or, when its first cell is an e-mail address, the first officer
 * (columns then in that order). Rows with a problem are returned apart with their line; duplicate
 * addresses after the first are rejected. Throws {@link OfficerCsvError} when the file as a whole
 * cannot be read.
 */
export function parseOfficerCsv(bytes: Buffer): { rows: OfficerRow[]; rejected: RejectedRow[] } {
  let text: string;
  try {
    // Line ends as one \n: the parser counts a CRLF inside quotes as two lines, and the report names lines.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    throw new OfficerCsvError('CSV_NOT_UTF8', 'The file is not UTF-8 text: save it as "CSV UTF-8" and send it again.');
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: OFFICER_CSV_LIMITS.maxRecordChars,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new OfficerCsvError(
      'CSV_MALFORMED',
      `The file cannot be read as CSV${line ? ` (line ${line})` : ''}: ${(error as Error).message}`,
    );
  }
  if (records.length === 0) {
    throw new OfficerCsvError('CSV_EMPTY', 'The file holds no officer.');
  }
  const first = records[0].record;
  const hasHeader = !isEmail(normalizeEmail(first[0] ?? ''));
  const columns = hasHeader ? columnsOf(first) : { email: 0, name: 1, jobTitle: 2, language: undefined };
  const data = hasHeader ? records.slice(1) : records;
  if (data.length > OFFICER_CSV_LIMITS.maxRows) {
    throw new OfficerCsvError(
      'CSV_TOO_MANY_ROWS',
      `The file holds more than ${OFFICER_CSV_LIMITS.maxRows} officers: split it in several files.`,
    );
  }
  const rows: OfficerRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  for (const { record, info } of data) {
    const cell = (index: number | undefined) => (index === undefined ? '' : (record[index] ?? '').trim());
    // info.lines is the line the record ends on; a quoted field may span lines, so count back.
    const line = info.lines - (record.join('').match(/\n/g)?.length ?? 0);
    const rawEmail = cell(columns.email);
    const email = normalizeEmail(rawEmail);
    const displayName = cell(columns.name).normalize('NFC');
    const jobTitle = cell(columns.jobTitle).normalize('NFC');
    const languageCell = cell(columns.language).toLowerCase();
    const reject = (problem: OfficerRowProblem) =>
      rejected.push({ line, email: rawEmail.slice(0, 254), name: displayName.slice(0, 120), problem });
    if (email.length > OFFICER_CSV_LIMITS.email || !isEmail(email)) {
      reject('INVALID_EMAIL');
    } else if (displayName === '') {
      reject('MISSING_NAME');
    } else if (displayName.length > OFFICER_CSV_LIMITS.name) {
      reject('NAME_TOO_LONG');
    } else if (jobTitle.length > OFFICER_CSV_LIMITS.jobTitle) {
      reject('JOB_TITLE_TOO_LONG');
    } else if (hasUnsafeCharacters(displayName) || hasUnsafeCharacters(jobTitle)) {
      reject('UNSAFE_CHARACTERS');
    } else if (languageCell !== '' && !(LANGUAGES as readonly string[]).includes(languageCell)) {
      reject('INVALID_LANGUAGE');
    } else if (seen.has(email)) {
      reject('DUPLICATE_IN_FILE');
    } else {
      seen.add(email);
      rows.push({
        line,
        email,
        displayName,
        jobTitle,
        language: languageCell === '' ? null : (languageCell as Language),
      });
    }
  }
  return { rows, rejected };
}

function columnsOf(header: string[]): Partial<Record<Column, number>> & { email: number; name: number } {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((cell, index) => {
    const column = HEADER_ALIASES[headerKey(cell)];
    if (column && found[column] === undefined) {
      found[column] = index;
    }
  });
  if (found.email === undefined || found.name === undefined) {
    throw new OfficerCsvError(
      'CSV_HEADER_INVALID',
      'The first line must name the columns: "email" and "name" at least (and "job title", "language" if given).',
    );
  }
  return { ...found, email: found.email, name: found.name };
}
