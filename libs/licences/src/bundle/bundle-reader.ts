import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import { BUNDLE_PATH } from './bundle-format';

/** A bundle holds at most this many files (a licence of many courses, each with a few packages). */
const MAX_ENTRIES = 2_000;
/** The sum of a bundle's files: its packages may be up to 4 GiB uncompressed each, zipped here. */
const MAX_TOTAL_BYTES = 8 * 1024 ** 3;
/** licence.json, manifest.json, signature.json and course documents are small. */
const MAX_DOCUMENT_BYTES = 1024 ** 2;

export class BundleRejectedError extends Error {
  override name = 'BundleRejectedError';
  readonly permanent = true;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadBundle {
  /** Folder the files were written to, under their bundle paths. */
  root: string;
  /** Every file's size and SHA-256, by bundle path. */
  files: Map<string, { size: number; sha256: string }>;
  /** Reads a small JSON document of the bundle. */
  json(name: string): Promise<unknown>;
}

function open(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: true, strictFileNames: true, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );
}

/**
 * Writes a licence bundle's files into `root`, hashing each as it streams. Only the names of the
 * bundle format are accepted (so no entry can name a path outside `root`), each once, no links,
 * sizes as declared, within count and size caps. Anything else refuses the whole bundle.
 */
export async function readBundle(
  file: string,
  root: string,
  onProgress: (fraction: number) => void,
): Promise<ReadBundle> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(file);
  } catch (error) {
    throw new BundleRejectedError(
      'BUNDLE_UNREADABLE',
      `The bundle is not a readable zip archive (${(error as Error).message}).`,
    );
  }
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw new BundleRejectedError(
      'BUNDLE_UNREADABLE',
      `The bundle holds ${zip.entryCount} files; at most ${MAX_ENTRIES} are allowed.`,
    );
  }
  const files = new Map<string, { size: number; sha256: string }>();
  let total = 0;
  let seen = 0;
  await mkdir(path.join(root, 'courses'), { recursive: true });
  await mkdir(path.join(root, 'packages'), { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown): void => {
      zip.close();
      reject(
        error instanceof BundleRejectedError
          ? error
          : new BundleRejectedError('BUNDLE_UNREADABLE', `The bundle could not be read: ${(error as Error).message}.`),
      );
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (!BUNDLE_PATH.test(name)) {
        return fail(
          new BundleRejectedError(
            'BUNDLE_UNEXPECTED_FILE',
            `The bundle holds a file a bundle may not hold: ${JSON.stringify(name.slice(0, 120))}.`,
          ),
        );
      }
      if (files.has(name)) {
        return fail(new BundleRejectedError('BUNDLE_UNEXPECTED_FILE', `The bundle holds ${name} twice.`));
      }
      if (mode !== 0 && mode !== 0o100000) {
        return fail(new BundleRejectedError('BUNDLE_UNEXPECTED_FILE', `${name} in the bundle is not a plain file.`));
      }
      total += entry.uncompressedSize;
      const isDocument = name.endsWith('.json');
      if (total > MAX_TOTAL_BYTES || (isDocument && entry.uncompressedSize > MAX_DOCUMENT_BYTES)) {
        return fail(new BundleRejectedError('BUNDLE_TOO_LARGE', `The bundle is larger than allowed (at ${name}).`));
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) {
          return fail(error);
        }
        const hash = createHash('sha256');
        let size = 0;
        const tap = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            size += chunk.length;
            callback(null, chunk);
          },
        });
        pipeline(stream, tap, createWriteStream(path.join(root, name), { flags: 'wx', mode: 0o600 }))
          .then(() => {
            files.set(name, { size, sha256: hash.digest('hex') });
            seen += 1;
            onProgress(seen / zip.entryCount);
            zip.readEntry();
          })
          .catch(fail);
      });
    });
    zip.readEntry();
  });
  return {
    root,
    files,
    json: async (name: string) => {
      if (!files.has(name)) {
        throw new BundleRejectedError('BUNDLE_INCOMPLETE', `The bundle has no ${name}.`);
      }
      try {
        return JSON.parse(await readFile(path.join(root, name), 'utf8')) as unknown;
      } catch {
        throw new BundleRejectedError('BUNDLE_INVALID', `${name} in the bundle is not valid JSON.`);
      }
    },
  };
}
