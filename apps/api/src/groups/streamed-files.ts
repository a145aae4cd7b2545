import send from '@fastify/send';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainException, ErrorCode } from '@app/common';
import { malformedMultipart } from '../multipart';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export interface ReceivedFile {
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** The text fields that came with it (only the allowed names, each a UUID). */
  fields: Record<string, string>;
}

export interface ReceiveOptions {
  tempPath: string;
  maxBytes: number;
  /** Optional UUID fields accepted beside `file`. */
  uuidFields: string[];
  tooLarge: () => DomainException;
}

/**
 * Reads a multipart body with one `file` part, streaming it to `tempPath` while hashing it (never
 * whole in memory), at most `maxBytes`. The caller removes `tempPath` whatever happens.
 */
export async function receiveFile(request: FastifyRequest, options: ReceiveOptions): Promise<ReceivedFile> {
  if (!request.isMultipart()) {
    throw DomainException.unsupportedType('Send the file as multipart/form-data');
  }
  const fields: Record<string, string> = {};
  let received: Omit<ReceivedFile, 'fields'> | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: options.maxBytes, files: 1, fields: options.uuidFields.length + 2, fieldSize: 100 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || received) {
          throw DomainException.badRequest('Send one file, in the field "file"', ErrorCode.ValidationFailed);
        }
        const hash = createHash('sha256');
        let size = 0;
        const meter = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            callback(null, chunk);
          },
        });
        await pipeline(part.file, meter, createWriteStream(options.tempPath, { flags: 'wx', mode: 0o600 }));
        if (part.file.truncated) {
          throw options.tooLarge();
        }
        received = { fileName: part.filename || 'file', sizeBytes: size, sha256: hash.digest('hex') };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw malformedMultipart(error);
  }
  if (!received) {
    throw DomainException.badRequest('The field "file" is missing', ErrorCode.ValidationFailed);
  }
  const unknown = Object.keys(fields).filter((name) => !options.uuidFields.includes(name));
  if (unknown.length > 0) {
    throw DomainException.badRequest(`Unknown field(s): ${unknown.join(', ')}`, ErrorCode.ValidationFailed);
  }
  for (const [name, value] of Object.entries(fields)) {
    if (!UUID.test(value)) {
      throw DomainException.badRequest(`${name} must be a UUID`, ErrorCode.ValidationFailed);
    }
  }
  return { ...received, fields };
}

export interface StoredDownload {
  localPath: string;
  contentType: string;
  disposition: string;
}

/**
 * Sends a stored file with range requests (206, 416), ETag and Last-Modified, with the type and
 * disposition decided by the service, `nosniff`, and no shared caching.
 */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredDownload,
  notFound: () => DomainException,
): Promise<void> {
  const result = await send(request.raw, `/${path.basename(file.localPath)}`, {
    root: path.dirname(file.localPath),
    index: false,
    dotfiles: 'deny',
    cacheControl: false,
    acceptRanges: true,
    etag: true,
    lastModified: true,
  });
  if (result.type !== 'file') {
    result.stream.destroy();
    if (result.statusCode === 416) {
      throw DomainException.rangeNotSatisfiable();
    }
    if (result.statusCode === 304 || result.statusCode === 412) {
      await reply.code(result.statusCode).headers(result.headers).send();
      return;
    }
    throw notFound();
  }
  const { 'Content-Type': _sendType, ...headers } = result.headers;
  await reply
    .code(result.statusCode)
    .headers(headers)
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', file.disposition)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-cache')
    .send(result.stream);
}
