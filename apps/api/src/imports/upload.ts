import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainException, ErrorCode } from '@app/common';
import { malformedMultipart } from '../multipart';

export interface ReceivedUpload {
  fileName: string;
  fields: Record<string, string>;
  /** SHA-256 of the file's bytes, computed as they streamed to disk. */
  sha256: string;
}

/**
 * Streams a multipart upload's one file (in the field `file`) to `target` (never whole in memory),
 * hashing it on the way, and collects its small text fields. Refuses: not multipart (415), a file
 * over `maxBytes` (413), a second file, a missing file, or fields not in `allowedFields` (400).
 */
export async function receiveUpload(
  request: FastifyRequest,
  target: string,
  options: { maxBytes: number; allowedFields: string[]; what: string },
): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw DomainException.unsupportedType(`Send the ${options.what} as multipart/form-data`);
  }
  const fields: Record<string, string> = {};
  let fileName: string | undefined;
  const hash = createHash('sha256');
  try {
    for await (const part of request.parts({
      limits: { fileSize: options.maxBytes, files: 1, fields: 5, fieldSize: 200 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || fileName !== undefined) {
          throw DomainException.badRequest('Send one file, in the field "file"', ErrorCode.ValidationFailed);
        }
        fileName = part.filename || `${options.what}.zip`;
        const tap = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            callback(null, chunk);
          },
        });
        await pipeline(part.file, tap, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
        if (part.file.truncated) {
          throw DomainException.tooLarge(`The ${options.what} is larger than ${sizeText(options.maxBytes)}`);
        }
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw malformedMultipart(error);
  }
  if (!fileName) {
    throw DomainException.badRequest('The field "file" is missing', ErrorCode.ValidationFailed);
  }
  const unknown = Object.keys(fields).filter((name) => !options.allowedFields.includes(name));
  if (unknown.length > 0) {
    throw DomainException.badRequest(`Unknown field(s): ${unknown.join(', ')}`, ErrorCode.ValidationFailed);
  }
  return { fileName, fields, sha256: hash.digest('hex') };
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${Math.round(bytes / 1024 ** 3)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** Whether a stored upload starts like a zip archive (a local file header). */
export async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}
