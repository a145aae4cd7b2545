import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** The parts of a content request path `/content/<packageId>/<expires>/<signature>/<file path>`. */
export interface ContentRequestPath {
  packageId: string;
  expires: string;
  signature: string;
  /** The file path inside the package, one decoded segment per element; never `.`/`..`/empty. */
  segments: string[];
}

export type ContentPathProblem = 'bad-request' | 'not-found';

/** Why a content path was refused: `bad-request` for hostile spellings, `not-found` otherwise. */
export class ContentPathError extends Error {
  constructor(
    readonly problem: ContentPathProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ContentPathError';
  }
}

/**
 * Splits a raw request URL (as sent, still percent-encoded, query allowed) into the signed prefix
 * and the file's path segments. Refuses, before touching the disk: backslashes and NUL (raw or
 * encoded), encoded `/`, `.` and `..` segments (raw or encoded), malformed percent-encoding, empty
 * segments (`a//b`) and a path ending in `/` (a folder: there is no listing).
 */
export function parseContentPath(rawUrl: string): ContentRequestPath {
  const cut = rawUrl.search(/[?#]/);
  const pathname = cut >= 0 ? rawUrl.slice(0, cut) : rawUrl;
  const parts = pathname.split('/');
  if (parts.length < 6 || parts[0] !== '' || parts[1] !== 'content') {
    throw new ContentPathError('not-found', 'Not a content path');
  }
  const [, , packageId, expires, signature, ...rest] = parts;
  if (rest.length === 0 || rest[rest.length - 1] === '') {
    throw new ContentPathError('not-found', 'Folders are not listed');
  }
  const segments = rest.map((raw) => {
    if (raw === '') {
      throw new ContentPathError('bad-request', 'Empty path segment');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw new ContentPathError('bad-request', 'Malformed percent-encoding');
    }
    if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded) || /[\\\0]/.test(raw)) {
      throw new ContentPathError('bad-request', 'Path leaves its folder');
    }
    return decoded;
  });
  return { packageId, expires, signature, segments };
}

/**
 * The real paths of `root` and of a regular file inside it, symlinks resolved: anything that resolves
 * outside the (real) root, a folder, or a missing file is `not-found`.
 */
export async function resolveContentFile(
  root: string,
  segments: readonly string[],
): Promise<{ root: string; file: string }> {
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(path.join(realRoot, ...segments));
  } catch {
    throw new ContentPathError('not-found', 'File not found');
  }
  if (!realFile.startsWith(realRoot + path.sep)) {
    throw new ContentPathError('not-found', 'File not found');
  }
  const info = await stat(realFile).catch(() => null);
  if (!info?.isFile()) {
    throw new ContentPathError('not-found', 'File not found');
  }
  return { root: realRoot, file: realFile };
}
