import ExcelJS from 'exceljs';
import { PassThrough, Readable, Transform, Writable } from 'node:stream';
import { once } from 'node:events';
import type { LearnerRow } from '../repositories/report.repository';

/** The columns of the learners table, in order: the JSON keys, the CSV header, the XLSX header. */
export const LEARNER_EXPORT_COLUMNS: ReadonlyArray<keyof LearnerRow> = [
  'userId',
  'displayName',
  'email',
  'country',
  'administration',
  'language',
  'status',
  'courseId',
  'courseTitle',
  'enrolledAt',
  'completionStatus',
  'successStatus',
  'scoreScaled',
  'partsDone',
  'partsTotal',
  'timeSeconds',
  'lastActivityAt',
];

/** A text cell a spreadsheet would run as a formula gets a leading quote (OWASP CSV injection). */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: LearnerRow[keyof LearnerRow]): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const text = defuse(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV (RFC 4180, CRLF, UTF-8 with a BOM for spreadsheets), streamed. */
export function learnersCsv(rows: Readable): Readable {
  const header = `\uFEFF${LEARNER_EXPORT_COLUMNS.join(',')}\r\n`;
  let started = false;
  const toCsv = new Transform({
    writableObjectMode: true,
    transform(row: LearnerRow, _encoding, callback) {
      const line = `${LEARNER_EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
      if (!started) {
        started = true;
        callback(null, header + line);
        return;
      }
      callback(null, line);
    },
    flush(callback) {
      callback(null, started ? '' : header);
    },
  });
  rows.once('error', (error) => toCsv.destroy(error));
  return rows.pipe(toCsv);
}

/** What exceljs keeps of a streamed worksheet's XML: buffered chunks, then the zip entry they are piped to. */
interface SheetStream {
  buffers?: unknown[];
  /** archiver's entry: a readable-stream 2 PassThrough, without the `writable*` getters of Node's. */
  pipes?: Array<Writable & { _writableState?: { needDrain?: boolean } }>;
}

/**
 * Waits until the zip has taken the sheet's XML written so far. exceljs' sheet stream (a StreamBuf)
 * writes into archiver's entry without heeding its answer, so when the response is slower than the
 * database, the XML piles up in the entry's buffer (or, before archiver opens the entry, in the
 * StreamBuf's own): this is the backpressure exceljs leaves out.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const stream = (sheet as unknown as { stream: SheetStream }).stream;
  while (!stream.pipes?.length && (stream.buffers?.length ?? 0) > 8) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  const entry = stream.pipes?.[0];
  if (entry?._writableState?.needDrain) {
    await once(entry, 'drain');
  }
}

/**
 * The rows as an XLSX workbook written by exceljs' streaming writer: each row is committed as it
 * arrives and the zip is streamed out; the rows wait whenever the zip entry or the output is full
 * ({@link zipCaughtUp}), so memory stays flat whatever the export's size.
 */
export function learnersXlsx(rows: Readable): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('learners');
  const write = async (): Promise<void> => {
    sheet.addRow([...LEARNER_EXPORT_COLUMNS]).commit();
    for await (const row of rows as AsyncIterable<LearnerRow>) {
      if (out.destroyed) {
        // The client went away: stop reading (ends the query and frees its connection).
        rows.destroy();
        return;
      }
      sheet
        .addRow(
          LEARNER_EXPORT_COLUMNS.map((column) => {
            const value = row[column];
            return typeof value === 'string' ? defuse(value) : value;
          }),
        )
        .commit();
      await zipCaughtUp(sheet);
      if (out.writableNeedDrain) {
        await once(out, 'drain');
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    rows.destroy();
    out.destroy(error as Error);
  });
  return out;
}
