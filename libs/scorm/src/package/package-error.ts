/**
 * Why a package was refused. Stable codes for programs (stored with the import job, shown by the
 * UI): never rename or reuse one, only add.
 */
export enum PackageRejectionReason {
  /** The file is not a zip archive at all (no zip signature, empty file). */
  NotAZip = 'NOT_A_ZIP',
  /** A zip whose structure is broken: truncated, bytes after its end, bad headers, bad data, wrong checksum. */
  CorruptArchive = 'CORRUPT_ARCHIVE',
  /** The zip file, one entry, or all entries together are over the size limits. */
  TooLarge = 'TOO_LARGE',
  TooManyEntries = 'TOO_MANY_ENTRIES',
  /**
   * An entry over the ratio threshold expands more than the allowed ratio, or the whole package
   * does past its threshold (a zip bomb).
   */
  RatioExceeded = 'RATIO_EXCEEDED',
  /** An entry's data does not have the size its header declares. */
  SizeMismatch = 'SIZE_MISMATCH',
  /** Two entries share the same bytes of the archive (an overlapping-entry zip bomb). */
  OverlappingEntries = 'OVERLAPPING_ENTRIES',
  Encrypted = 'ENCRYPTED',
  /** A compression method other than stored (0) or deflate (8). */
  UnsupportedCompression = 'UNSUPPORTED_COMPRESSION',
  /** `/x`, `C:/x`, `C:\x`, `\\server\share`. */
  AbsolutePath = 'ABSOLUTE_PATH',
  /** A `..` segment, also percent-encoded, full-width, or with backslashes. */
  PathTraversal = 'PATH_TRAVERSAL',
  /** A backslash in a name (not a path separator in zip files). */
  Backslash = 'BACKSLASH',
  /** Empty name or segment, `.` segment, control characters or NUL, invalid UTF-8, drive-relative `C:x`. */
  InvalidName = 'INVALID_NAME',
  /** A path over the byte limit, or one segment over 255 bytes. */
  PathTooLong = 'PATH_TOO_LONG',
  TooDeep = 'TOO_DEEP',
  Symlink = 'SYMLINK',
  /** A device, FIFO or socket entry. */
  SpecialFile = 'SPECIAL_FILE',
  /** Two entries with the same name, also when they differ only by case or Unicode normalisation, or a name used both as file and folder. */
  DuplicateEntry = 'DUPLICATE_ENTRY',
  /** No `imsmanifest.xml` file at the root of the package. */
  MissingManifest = 'MISSING_MANIFEST',
  /**
   * An entry's local header disagrees with its central directory record (sizes, checksum,
   * compression method), or its data descriptor does: two zip readers would see different files.
   */
  HeaderMismatch = 'HEADER_MISMATCH',
}

/**
 * A package refused by the import: the same bytes will be refused again, so the job fails at once.
 * It says `permanent`, so a job processor that lets it through fails the job without retry (the
 * queue's JobWorkerHost turns every `permanent` error into BullMQ's UnrecoverableError; this
 * library stays free of the queue, which keeps the sandboxed inspector quick to start). Across a
 * process boundary only its own properties travel (`name`, `message`, `reason`, `entry`,
 * `permanent`).
 */
export class PackageRejectedError extends Error {
  /** Always true: retrying cannot help. */
  readonly permanent = true;

  constructor(
    readonly reason: PackageRejectionReason,
    message: string,
    /** The offending entry's name as found in the archive, when one entry is at fault. */
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'PackageRejectedError';
  }
}

/** True for a {@link PackageRejectedError}, also one rebuilt from its own properties after crossing a process boundary. */
export function isPackageRejectedError(error: unknown): error is PackageRejectedError {
  if (error instanceof PackageRejectedError) {
    return true;
  }
  const candidate = error as { name?: unknown; reason?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.name === 'PackageRejectedError' &&
    Object.values(PackageRejectionReason).includes(candidate.reason as PackageRejectionReason)
  );
}

const MAX_SHOWN_NAME = 160;

/** An entry name as a person can read it in a message: in quotes, control characters as `\uXXXX`, long names shortened. */
export function describeEntryName(name: string): string {
  const shown = name.length > MAX_SHOWN_NAME ? `${name.slice(0, MAX_SHOWN_NAME)}…` : name;
  let escaped = '';
  for (const character of shown) {
    const code = character.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    escaped += control ? `\\u${code.toString(16).padStart(4, '0')}` : character;
  }
  return `"${escaped}"`;
}
