import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { DomainException, ErrorCode } from '@app/common';
import { PERSONAL_SECTIONS, PersonalDataRepository, Row } from './personal-data.repository';

/** What `GET /api/me/export` sends: a zip of JSON files, one per kind of record (docs/privacy.md). */
@Injectable()
export class PersonalDataService {
  constructor(private readonly data: PersonalDataRepository) {}

  /** The person's data as a zip, built in memory from their rows (files' contents are not included). */
  async exportZip(userId: string, at = new Date()): Promise<{ stream: Readable; fileName: string }> {
    const profile = await this.data.profile(userId);
    if (!profile) {
      throw DomainException.notFound('User', ErrorCode.UserNotFound);
    }
    const zip = new ZipFile();
    const add = (name: string, value: unknown) =>
      zip.addBuffer(Buffer.from(`${JSON.stringify(value, jsonValue, 2)}\n`, 'utf8'), name, { mtime: at });
    add('README.json', {
      exportedAt: at.toISOString(),
      about:
        'Your data on this Clearance server: one JSON file per kind of record. Files you uploaded are listed with their metadata; download them from their group or curriculum.',
      files: ['profile.json', ...PERSONAL_SECTIONS.map((section) => section.file)],
    });
    add('profile.json', profile);
    for (const section of PERSONAL_SECTIONS) {
      add(section.file, await this.data.rowsOf(section.table, section.column, userId));
    }
    zip.end();
    return {
      stream: Readable.from(zip.outputStream),
      fileName: `clearance-my-data-${at.toISOString().slice(0, 10)}.zip`,
    };
  }
}

/** Dates as ISO 8601, buffers as base64, JSON columns as they are. */
function jsonValue(this: Row, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) {
    return raw.toISOString();
  }
  if (Buffer.isBuffer(raw)) {
    return raw.toString('base64');
  }
  return value;
}
