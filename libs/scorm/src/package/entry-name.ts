import { crc32 } from 'node:zlib';
import { ExtraField, getFileNameLowLevel } from 'yauzl';
import { describeEntryName, PackageRejectedError, PackageRejectionReason } from './package-error';
import { PackageLimits } from './package-limits';

/** Longest file or folder name most file systems accept, in bytes. */
export const MAX_SEGMENT_BYTES = 255;

const GENERAL_PURPOSE_UTF8 = 0x0800;
const INFO_ZIP_UNICODE_PATH = 0x7075;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A checked entry name: relative, forward slashes only, every segment a plain file or folder name. */
export interface EntryPath {
  /** The name as written in the archive, decoded (a folder's keeps its trailing `/`). */
  name: string;
  /** Path segments below the destination; never empty, never `.` or `..`. */
  segments: string[];
  isDirectory: boolean;
}

/**
 * Decodes an entry's raw name the way yauzl's `getFileNameLowLevel` does (Info-ZIP Unicode Path
 * extra field, then general-purpose bit 11 for UTF-8, else CP437) but refuses invalid UTF-8
 * instead of replacing it, so that overlong encodings such as `C0 AE` cannot pass as something else.
 */
export function decodeEntryName(generalPurposeBitFlag: number, raw: Buffer, extraFields: ExtraField[]): string {
  const shown = (): string => describeEntryName(raw.toString('latin1'));
  for (let index = 0; index < raw.length; index += 1) {
    const byte = raw[index];
    if (byte < 0x20 || byte === 0x7f) {
      throw new PackageRejectedError(
        PackageRejectionReason.InvalidName,
        `Entry ${shown()} has a control character or NUL in its name.`,
        raw.toString('latin1'),
      );
    }
  }
  const unicodePath = extraFields.find(
    (field) => field.id === INFO_ZIP_UNICODE_PATH && field.data.length >= 6 && field.data.readUInt8(0) === 1,
  );
  if (unicodePath && unicodePath.data.readUInt32LE(1) === crc32(raw)) {
    return strictUtf8(unicodePath.data.subarray(5), shown);
  }
  if ((generalPurposeBitFlag & GENERAL_PURPOSE_UTF8) !== 0) {
    return strictUtf8(raw, shown);
  }
  // CP437 (the zip default): only the bytes above 0x7f differ from ASCII, and control bytes are refused above.
  return getFileNameLowLevel(0, raw, [], true);
}

function strictUtf8(bytes: Buffer, shown: () => string): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new PackageRejectedError(
      PackageRejectionReason.InvalidName,
      `Entry ${shown()} has a name that is not valid UTF-8.`,
      bytes.toString('latin1'),
    );
  }
}

/**
 * Checks a decoded entry name against every rule of the import and returns its segments. Throws
 * {@link PackageRejectedError} naming the entry. The order of the checks decides the reason given
 * when a name breaks several rules: length, absolute, traversal, backslash, then segment shape and depth.
 */
export function checkEntryName(name: string, limits: Pick<PackageLimits, 'maxPathBytes' | 'maxDepth'>): EntryPath {
  const reject = (reason: PackageRejectionReason, problem: string): never => {
    throw new PackageRejectedError(reason, `Entry ${describeEntryName(name)} ${problem}.`, name);
  };
  if (name.length === 0) {
    throw new PackageRejectedError(PackageRejectionReason.InvalidName, 'An entry has an empty name ("").', name);
  }
  // C0 and C1 controls, also when they arrive through UTF-8 or the Unicode Path extra field.
  if (hasControlCharacter(name)) {
    reject(PackageRejectionReason.InvalidName, 'has a control character or NUL in its name');
  }
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > limits.maxPathBytes) {
    reject(PackageRejectionReason.PathTooLong, `has a path of ${bytes} bytes (the limit is ${limits.maxPathBytes})`);
  }
  // Classify as if backslashes were separators, as Windows tools would read them, so that `..\x`
  // is reported as traversal and `C:\x` or `\\server\share` as absolute.
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/')) {
    reject(PackageRejectionReason.AbsolutePath, 'has an absolute path');
  }
  if (/^[A-Za-z]:/.test(unified)) {
    if (unified.charAt(2) === '/') {
      reject(PackageRejectionReason.AbsolutePath, 'has an absolute path (a drive letter)');
    }
    reject(PackageRejectionReason.InvalidName, 'starts with a drive letter');
  }
  const isDirectory = name.endsWith('/');
  const segments = (isDirectory ? unified.slice(0, -1) : unified).split('/');
  for (const segment of segments) {
    const decoded = decodeSegment(segment);
    if (decoded.split(/[\\/]/).includes('..')) {
      reject(PackageRejectionReason.PathTraversal, 'points outside the package folder (a ".." segment)');
    }
  }
  if (name.includes('\\')) {
    reject(PackageRejectionReason.Backslash, 'has a backslash in its name (zip paths use "/")');
  }
  for (const segment of segments) {
    if (segment === '') {
      reject(PackageRejectionReason.InvalidName, 'has an empty path segment');
    }
    const decoded = decodeSegment(segment);
    if (decoded === '.' || segment === '.') {
      reject(PackageRejectionReason.InvalidName, 'has a "." path segment');
    }
    if (/[\\/]/.test(decoded)) {
      reject(PackageRejectionReason.InvalidName, 'has an encoded path separator in its name');
    }
    if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) {
      reject(PackageRejectionReason.PathTooLong, `has a path segment over ${MAX_SEGMENT_BYTES} bytes`);
    }
  }
  if (segments.length > limits.maxDepth) {
    reject(
      PackageRejectionReason.TooDeep,
      `is nested ${segments.length} levels deep (the limit is ${limits.maxDepth})`,
    );
  }
  return { name, segments, isDirectory };
}

/** C0 controls (NUL included), DEL, and C1 controls. */
function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return false;
}

/**
 * How a segment may be read by a server or browser that decodes it: percent-decoded up to three
 * times (`%252e` → `%2e` → `.`) and NFKC-normalised (full-width `．．` → `..`).
 */
function decodeSegment(segment: string): string {
  let value = segment;
  for (let round = 0; round < 3 && value.includes('%'); round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(value);
    } catch {
      break;
    }
    if (next === value) {
      break;
    }
    value = next;
  }
  return value.normalize('NFKC');
}

/** A segment as a case-insensitive, normalisation-insensitive file system compares it. */
export function foldSegment(segment: string): string {
  return segment.normalize('NFC').toLowerCase();
}
