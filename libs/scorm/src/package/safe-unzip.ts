import { constants as fsConstants, WriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import * as yauzl from 'yauzl';
import { checkEntryName, decodeEntryName, EntryPath, foldSegment } from './entry-name';
import { describeEntryName, PackageRejectedError, PackageRejectionReason } from './package-error';
import { PackageLimits, resolvePackageLimits } from './package-limits';

/** The SCORM manifest; it must be a file at the root of the package. */
export const MANIFEST_FILE_NAME = 'imsmanifest.xml';

export interface ExtractPackageOptions {
  /** Overrides of {@link DEFAULT_PACKAGE_LIMITS}. */
  limits?: Partial<PackageLimits>;
  /** Called with the fraction (0..1) of declared bytes written so far; ends with 1 on success. */
  onProgress?: (fraction: number) => void;
  /** Aborting stops the extraction, removes what was written, and rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ExtractedFile {
  /** Path below the destination folder, with `/` separators. */
  path: string;
  /** Bytes written. */
  size: number;
}

export interface ExtractPackageResult {
  /** Every file written, in archive order (folders are not listed). */
  entries: ExtractedFile[];
  /** Sum of the files' sizes. */
  totalBytes: number;
}

/** An entry that passed every check of the first pass. */
interface PlannedEntry {
  entry: yauzl.Entry;
  path: EntryPath;
}

const LOCAL_FILE_HEADER_SIZE = 30;
const ZIP_SIGNATURES = [0x04034b50, 0x06054b50, 0x08074b50].map((signature) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(signature);
  return bytes;
});
const GENERAL_PURPOSE_ENCRYPTED = 0x0001;
const GENERAL_PURPOSE_STRONG_ENCRYPTION = 0x0040;
const GENERAL_PURPOSE_ENCRYPTED_DIRECTORY = 0x2000;
const GENERAL_PURPOSE_DATA_DESCRIPTOR = 0x0008;
const COMPRESSION_STORED = 0;
const COMPRESSION_DEFLATE = 8;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x0400;
/** Files are created fresh: never through an existing file or symlink. */
const CREATE_FLAGS = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;
const FILE_MODE = 0o644;
const PROGRESS_STEP = 0.01;

/**
 * Extracts a SCORM package into `destinationDir`: the security boundary of the import.
 *
 * First pass, before anything is written: the zip file's size, then every central-directory entry
 * (name, type, encryption, compression method, declared size and ratio, running total and the
 * whole package's ratio, duplicates, where its data lies, its local header and data descriptor
 * agreeing with it) and `imsmanifest.xml` at the root. Second pass: each file is streamed to a
 * newly created file (`O_EXCL | O_NOFOLLOW`) while its bytes, checksum, the running total and the
 * ratio are counted against what was declared and the limits.
 *
 * `destinationDir` must be missing or empty. On any failure everything written is removed (the
 * folder too when this call created it) and the error is rethrown: a {@link PackageRejectedError}
 * when the package is at fault, the signal's reason when aborted, or the I/O error as it came.
 */
export async function extractPackage(
  zipPath: string,
  destinationDir: string,
  options: ExtractPackageOptions = {},
): Promise<ExtractPackageResult> {
  const limits = resolvePackageLimits(options.limits);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();

  await checkZipFile(zipPath, limits);
  const zipfile = await openZip(zipPath);
  let destination: Destination | undefined;
  try {
    const plan = await inspectEntries(zipfile, limits, signal);
    signal?.throwIfAborted();
    destination = await Destination.prepare(destinationDir);
    const result = await writeEntries(zipfile, plan, destination, limits, signal, onProgress);
    return result;
  } catch (error) {
    zipfile.close();
    if (destination) {
      try {
        await destination.removeWritten();
      } catch (cleanupError) {
        // Not a rejection of the package: files were left behind and someone must look.
        throw new AggregateError(
          [error, cleanupError],
          `Extraction into ${destination.root} failed and what it wrote could not all be removed`,
        );
      }
    }
    if (signal?.aborted) {
      signal.throwIfAborted();
    }
    throw error;
  } finally {
    zipfile.close();
  }
}

/** Size and signature of the file itself, before yauzl reads it. */
async function checkZipFile(zipPath: string, limits: PackageLimits): Promise<void> {
  const stats = await fs.stat(zipPath);
  if (!stats.isFile()) {
    throw new Error(`Package ${zipPath} is not a regular file`);
  }
  if (stats.size === 0) {
    throw new PackageRejectedError(PackageRejectionReason.NotAZip, 'The package is an empty file, not a zip archive.');
  }
  if (stats.size > limits.maxCompressedBytes) {
    throw new PackageRejectedError(
      PackageRejectionReason.TooLarge,
      `The package is ${stats.size} bytes; the limit is ${limits.maxCompressedBytes} bytes.`,
    );
  }
}

async function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  try {
    // decodeStrings: false so that names are decoded and checked here (each failure gets its own
    // reason); yauzl's own name validation only runs with decoded strings. strictFileNames keeps
    // backslashes visible when names are decoded through yauzl. validateEntrySizes makes yauzl
    // compare each entry's actual size with the declared one as well.
    const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.open(
        zipPath,
        { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true },
        (error, opened) => (error ? reject(error) : resolve(opened)),
      );
    });
    // An 'error' without a listener would throw; errors reach us through the entry iterator and streams.
    zipfile.on('error', () => undefined);
    return zipfile;
  } catch (error) {
    if (isSystemError(error)) {
      throw error;
    }
    const message = errorMessage(error);
    if (/end of central directory record signature not found/i.test(message)) {
      const zipLike = await startsLikeZip(zipPath);
      throw zipLike
        ? new PackageRejectedError(
            PackageRejectionReason.CorruptArchive,
            'The package is a damaged zip archive: its end is missing (the file is probably truncated).',
          )
        : new PackageRejectedError(PackageRejectionReason.NotAZip, 'The package is not a zip archive.');
    }
    throw new PackageRejectedError(
      PackageRejectionReason.CorruptArchive,
      `The package is a damaged zip archive (${message}).`,
    );
  }
}

async function startsLikeZip(zipPath: string): Promise<boolean> {
  const handle = await fs.open(zipPath, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_SIGNATURES.some((signature) => signature.equals(head));
  } finally {
    await handle.close();
  }
}

/** First pass: every entry of the central directory, checked before anything is written. */
async function inspectEntries(
  zipfile: yauzl.ZipFile,
  limits: PackageLimits,
  signal: AbortSignal | undefined,
): Promise<PlannedEntry[]> {
  if (zipfile.entryCount > limits.maxEntries) {
    throw new PackageRejectedError(
      PackageRejectionReason.TooManyEntries,
      `The package has ${zipfile.entryCount} entries; the limit is ${limits.maxEntries}.`,
    );
  }
  const plan: PlannedEntry[] = [];
  const names = new NameRegistry();
  let declaredTotal = 0;
  let hasManifest = false;
  const iterator = zipfile.eachEntry();
  for (;;) {
    signal?.throwIfAborted();
    let next: IteratorResult<yauzl.Entry>;
    try {
      next = await iterator.next();
    } catch (error) {
      // yauzl checks some entries (sizes of stored data, strong encryption) before handing them out.
      throw readError(error, undefined, `The archive's entry number ${plan.length + 1}`);
    }
    if (next.done) {
      break;
    }
    const entry = next.value;
    if (plan.length >= limits.maxEntries) {
      throw new PackageRejectedError(
        PackageRejectionReason.TooManyEntries,
        `The package has more than ${limits.maxEntries} entries.`,
      );
    }
    const entryPath = checkEntryName(
      decodeEntryName(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields),
      limits,
    );
    checkEntryKind(entry, entryPath);
    declaredTotal = checkDeclaredSize(entry, entryPath, limits, declaredTotal, zipfile.fileSize);
    names.add(entryPath);
    if (!entryPath.isDirectory && entryPath.segments.length === 1 && entryPath.segments[0] === MANIFEST_FILE_NAME) {
      hasManifest = true;
    }
    plan.push({ entry, path: entryPath });
  }
  if (!hasManifest) {
    const elsewhere = plan.find(
      (planned) => planned.path.segments[planned.path.segments.length - 1].toLowerCase() === MANIFEST_FILE_NAME,
    );
    throw new PackageRejectedError(
      PackageRejectionReason.MissingManifest,
      elsewhere
        ? `The package has no ${MANIFEST_FILE_NAME} file at its root (found ${describeEntryName(elsewhere.path.name)} instead).`
        : `The package has no ${MANIFEST_FILE_NAME} file at its root: it is not a SCORM package.`,
      elsewhere?.path.name,
    );
  }
  await checkDataExtents(zipfile, plan, signal);
  return plan;
}

function checkEntryKind(entry: yauzl.Entry, entryPath: EntryPath): void {
  const reject = (reason: PackageRejectionReason, problem: string): never => {
    throw new PackageRejectedError(reason, `Entry ${describeEntryName(entryPath.name)} ${problem}.`, entryPath.name);
  };
  const flags = entry.generalPurposeBitFlag;
  if (
    (flags & (GENERAL_PURPOSE_ENCRYPTED | GENERAL_PURPOSE_STRONG_ENCRYPTION | GENERAL_PURPOSE_ENCRYPTED_DIRECTORY)) !==
    0
  ) {
    reject(PackageRejectionReason.Encrypted, 'is encrypted (packages must not be password-protected)');
  }
  if (entry.compressionMethod !== COMPRESSION_STORED && entry.compressionMethod !== COMPRESSION_DEFLATE) {
    reject(
      PackageRejectionReason.UnsupportedCompression,
      `uses compression method ${entry.compressionMethod} (only stored and deflate are accepted)`,
    );
  }
  // Unix mode in the upper 16 bits (set by Unix and macOS tools, and by some others); MS-DOS/NTFS
  // attributes in the lower ones, where a reparse point is a Windows symbolic link or junction.
  const fileType = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (fileType === S_IFLNK || (entry.externalFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0) {
    reject(PackageRejectionReason.Symlink, 'is a symbolic link (links are not allowed in packages)');
  }
  if (fileType !== 0 && fileType !== S_IFREG && fileType !== S_IFDIR) {
    reject(PackageRejectionReason.SpecialFile, 'is a device, FIFO or socket, not a file or folder');
  }
  if (entryPath.isDirectory && (entry.uncompressedSize !== 0 || entry.compressedSize !== 0)) {
    reject(PackageRejectionReason.CorruptArchive, 'is a folder but carries data');
  }
}

/** Returns the new running total of declared sizes. */
function checkDeclaredSize(
  entry: yauzl.Entry,
  entryPath: EntryPath,
  limits: PackageLimits,
  declaredTotal: number,
  fileSize: number,
): number {
  const reject = (reason: PackageRejectionReason, problem: string): never => {
    throw new PackageRejectedError(reason, `Entry ${describeEntryName(entryPath.name)} ${problem}.`, entryPath.name);
  };
  const size = entry.uncompressedSize;
  if (size > limits.maxUncompressedBytes) {
    reject(
      PackageRejectionReason.TooLarge,
      `is ${size} bytes uncompressed; the limit for the whole package is ${limits.maxUncompressedBytes} bytes`,
    );
  }
  if (size > limits.ratioThresholdBytes && size > limits.maxRatio * entry.compressedSize) {
    reject(
      PackageRejectionReason.RatioExceeded,
      `expands ${describeRatio(size, entry.compressedSize)} (from ${entry.compressedSize} to ${size} bytes); ` +
        `the limit is ${limits.maxRatio}:1 for entries over ${limits.ratioThresholdBytes} bytes`,
    );
  }
  if (entry.relativeOffsetOfLocalHeader + LOCAL_FILE_HEADER_SIZE + entry.compressedSize > fileSize) {
    reject(PackageRejectionReason.CorruptArchive, 'has data beyond the end of the archive');
  }
  const total = declaredTotal + size;
  if (total > limits.maxUncompressedBytes) {
    throw new PackageRejectedError(
      PackageRejectionReason.TooLarge,
      `The package would be more than ${limits.maxUncompressedBytes} bytes uncompressed (reached at entry ${describeEntryName(entryPath.name)}).`,
      entryPath.name,
    );
  }
  // The whole package, before anything is written: many entries each under the per-entry rule
  // (1 MiB of zeros is exempt) would otherwise expand a few megabytes towards the total cap.
  if (total > limits.totalRatioThresholdBytes && total > limits.maxTotalRatio * fileSize) {
    throw new PackageRejectedError(
      PackageRejectionReason.RatioExceeded,
      `The package would expand more than ${limits.maxTotalRatio}:1 as a whole (from ${fileSize} bytes to more than ` +
        `${total} bytes, reached at entry ${describeEntryName(entryPath.name)}); the limit is ${limits.maxTotalRatio}:1 ` +
        `for packages over ${limits.totalRatioThresholdBytes} bytes uncompressed.`,
      entryPath.name,
    );
  }
  return total;
}

function describeRatio(size: number, compressedSize: number): string {
  return compressedSize === 0 ? 'from nothing' : `${Math.round(size / compressedSize)}:1`;
}

/** Names seen so far: refuses duplicates, also by case or Unicode normalisation, and names used as both file and folder. */
class NameRegistry {
  private readonly files = new Map<string, string>();
  private readonly folders = new Map<string, string>();
  /** Folders implied by the entries' parents, shown with a trailing `/`. */
  private readonly parents = new Map<string, string>();

  add(entryPath: EntryPath): void {
    const folded = entryPath.segments.map(foldSegment);
    const key = folded.join('/');
    const same = this.files.get(key) ?? this.folders.get(key);
    if (same !== undefined) {
      throw this.duplicate(entryPath.name, same);
    }
    if (entryPath.isDirectory) {
      this.folders.set(key, entryPath.name);
    } else {
      const folder = this.parents.get(key);
      if (folder !== undefined) {
        throw this.duplicate(entryPath.name, folder);
      }
      this.files.set(key, entryPath.name);
    }
    let parentKey = '';
    for (let depth = 1; depth < folded.length; depth += 1) {
      parentKey = depth === 1 ? folded[0] : `${parentKey}/${folded[depth - 1]}`;
      const file = this.files.get(parentKey);
      if (file !== undefined) {
        throw this.duplicate(entryPath.name, file, true);
      }
      if (!this.parents.has(parentKey)) {
        this.parents.set(parentKey, `${entryPath.segments.slice(0, depth).join('/')}/`);
      }
    }
  }

  private duplicate(name: string, other: string, insideFile = false): PackageRejectedError {
    const trimmed = (value: string): string => value.replace(/\/$/, '');
    let how: string;
    if (insideFile) {
      how = `lies inside ${describeEntryName(other)}, which is a file`;
    } else if (name === other) {
      how = 'appears twice in the package';
    } else if (trimmed(name) === trimmed(other)) {
      how = `is both a file and a folder (${describeEntryName(other)})`;
    } else if (trimmed(name).toLowerCase() === trimmed(other).toLowerCase()) {
      how = `differs only by letter case from ${describeEntryName(other)}`;
    } else {
      how = `has the same name as ${describeEntryName(other)} once letter case and Unicode normalisation are ignored`;
    }
    return new PackageRejectedError(
      PackageRejectionReason.DuplicateEntry,
      `Entry ${describeEntryName(name)} ${how}.`,
      name,
    );
  }
}

/**
 * Where each entry's bytes lie, from its local header: no two entries may share bytes (the
 * overlapping-entries zip bomb), and every local header must be sound.
 */
async function checkDataExtents(
  zipfile: yauzl.ZipFile,
  plan: PlannedEntry[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const extents: Array<{ start: number; end: number; name: string }> = [];
  for (const { entry, path: entryPath } of plan) {
    signal?.throwIfAborted();
    let header: yauzl.LocalFileHeader;
    try {
      header = await new Promise<yauzl.LocalFileHeader>((resolve, reject) =>
        zipfile.readLocalFileHeader(entry, (error, found) => (error ? reject(error) : resolve(found))),
      );
    } catch (error) {
      throw readError(error, entryPath.name);
    }
    checkLocalHeader(entry, header, entryPath.name);
    if ((header.generalPurposeBitFlag & GENERAL_PURPOSE_DATA_DESCRIPTOR) !== 0) {
      await checkDataDescriptor(zipfile, entry, header.fileDataStart + entry.compressedSize, entryPath.name);
    }
    extents.push({
      start: entry.relativeOffsetOfLocalHeader,
      end: header.fileDataStart + entry.compressedSize,
      name: entryPath.name,
    });
  }
  extents.sort((a, b) => a.start - b.start);
  for (let index = 1; index < extents.length; index += 1) {
    const previous = extents[index - 1];
    const current = extents[index];
    if (current.start < previous.end) {
      throw new PackageRejectedError(
        PackageRejectionReason.OverlappingEntries,
        `Entries ${describeEntryName(previous.name)} and ${describeEntryName(current.name)} share the same bytes of the archive.`,
        current.name,
      );
    }
  }
}

const ZIP64_EXTRA_FIELD = 0x0001;
const UINT32_MAX = 0xffffffff;
const DATA_DESCRIPTOR_SIGNATURE = 0x08074b50;

function headerMismatch(name: string, problem: string): PackageRejectedError {
  return new PackageRejectedError(
    PackageRejectionReason.HeaderMismatch,
    `Entry ${describeEntryName(name)} ${problem}: zip readers would not agree on its content.`,
    name,
  );
}

/** The local header's sizes, with its zip64 extra field read when a size says 0xFFFFFFFF. */
function localSizes(header: yauzl.LocalFileHeader): { compressed: number; uncompressed: number } | undefined {
  if (header.compressedSize !== UINT32_MAX && header.uncompressedSize !== UINT32_MAX) {
    return { compressed: header.compressedSize, uncompressed: header.uncompressedSize };
  }
  const extra = header.extraField;
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA_FIELD && length >= 16 && at + 4 + length <= extra.length) {
      // In a local header the zip64 field holds both sizes, uncompressed first (APPNOTE 4.5.3).
      return {
        uncompressed: Number(extra.readBigUInt64LE(at + 4)),
        compressed: Number(extra.readBigUInt64LE(at + 12)),
      };
    }
    at += 4 + length;
  }
  return undefined;
}

/**
 * A local header must say what the central directory says: a reader that streams the archive from
 * its start trusts the local header, yauzl (and this import) the central directory. With a data
 * descriptor (general-purpose bit 3) the local sizes and checksum may be zero; then the
 * descriptor after the data must agree instead (see checkDataDescriptor).
 */
function checkLocalHeader(entry: yauzl.Entry, header: yauzl.LocalFileHeader, name: string): void {
  if (header.compressionMethod !== entry.compressionMethod) {
    throw headerMismatch(
      name,
      `uses compression method ${header.compressionMethod} in its local header and ${entry.compressionMethod} in the central directory`,
    );
  }
  const deferred = (header.generalPurposeBitFlag & GENERAL_PURPOSE_DATA_DESCRIPTOR) !== 0;
  if (deferred && header.compressedSize === 0 && header.uncompressedSize === 0 && header.crc32 === 0) {
    return;
  }
  const sizes = localSizes(header);
  if (sizes === undefined) {
    throw headerMismatch(name, 'declares zip64 sizes in its local header without a zip64 field');
  }
  if (sizes.compressed !== entry.compressedSize) {
    throw headerMismatch(
      name,
      `has ${sizes.compressed} compressed bytes in its local header and ${entry.compressedSize} in the central directory`,
    );
  }
  if (sizes.uncompressed !== entry.uncompressedSize) {
    throw headerMismatch(
      name,
      `has ${sizes.uncompressed} uncompressed bytes in its local header and ${entry.uncompressedSize} in the central directory`,
    );
  }
  if (header.crc32 >>> 0 !== entry.crc32 >>> 0) {
    throw headerMismatch(name, 'has another checksum in its local header than in the central directory');
  }
}

/** The data descriptor after an entry's data (optional signature, CRC-32, sizes of 4 or 8 bytes) must agree too. */
async function checkDataDescriptor(
  zipfile: yauzl.ZipFile,
  entry: yauzl.Entry,
  at: number,
  name: string,
): Promise<void> {
  const length = Math.min(24, zipfile.fileSize - at);
  const bytes = Buffer.alloc(Math.max(0, length));
  if (length > 0) {
    const stream = await new Promise<Readable>((resolve, reject) =>
      zipfile.openReadStreamLowLevel(at, length, 0, length, false, length, (error, found) =>
        error ? reject(error) : resolve(found),
      ),
    );
    let offset = 0;
    for await (const chunk of stream) {
      (chunk as Buffer).copy(bytes, offset);
      offset += (chunk as Buffer).length;
    }
  }
  const agrees = (start: number, wide: boolean): boolean => {
    const sizeBytes = wide ? 8 : 4;
    if (start + 4 + 2 * sizeBytes > bytes.length) {
      return false;
    }
    const read = (offset: number): number =>
      wide ? Number(bytes.readBigUInt64LE(offset)) : bytes.readUInt32LE(offset);
    return (
      bytes.readUInt32LE(start) >>> 0 === entry.crc32 >>> 0 &&
      read(start + 4) === entry.compressedSize &&
      read(start + 4 + sizeBytes) === entry.uncompressedSize
    );
  };
  const signed = bytes.length >= 4 && bytes.readUInt32LE(0) === DATA_DESCRIPTOR_SIGNATURE;
  const starts = signed ? [4, 0] : [0];
  if (!starts.some((start) => agrees(start, false) || agrees(start, true))) {
    throw headerMismatch(name, 'has a data descriptor whose checksum or sizes differ from the central directory');
  }
}

/** The destination folder, and what this call created in it. */
class Destination {
  private readonly folders = new Set<string>();

  private constructor(
    readonly root: string,
    private readonly created: boolean,
  ) {}

  static async prepare(destinationDir: string): Promise<Destination> {
    const requested = path.resolve(destinationDir);
    let created = false;
    try {
      await fs.mkdir(requested);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const stats = await fs.stat(requested);
      if (!stats.isDirectory()) {
        throw new Error(`Destination ${requested} is not a folder`);
      }
      if ((await fs.readdir(requested)).length > 0) {
        throw new Error(`Destination ${requested} is not empty`);
      }
    }
    return new Destination(await fs.realpath(requested), created);
  }

  /** The absolute path of an entry, checked to lie strictly inside the destination. */
  resolve(segments: string[]): string {
    const target = path.resolve(this.root, ...segments);
    const relative = path.relative(this.root, target);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      // checkEntryName makes this unreachable; kept as the last line of defence.
      throw new PackageRejectedError(
        PackageRejectionReason.PathTraversal,
        `Entry ${describeEntryName(segments.join('/'))} points outside the package folder.`,
        segments.join('/'),
      );
    }
    return target;
  }

  /** Creates the folder of `segments` and its parents, one level at a time, refusing anything that is not a real folder. */
  async ensureFolder(segments: string[]): Promise<void> {
    for (let depth = 1; depth <= segments.length; depth += 1) {
      const folder = this.resolve(segments.slice(0, depth));
      if (this.folders.has(folder)) {
        continue;
      }
      try {
        await fs.mkdir(folder, { mode: 0o755 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw error;
        }
        const stats = await fs.lstat(folder);
        if (!stats.isDirectory()) {
          throw new Error(`Cannot create folder ${folder}: something else is in its place`);
        }
      }
      this.folders.add(folder);
    }
  }

  /** Removes everything under the destination, and the destination itself when this call created it. */
  async removeWritten(): Promise<void> {
    if (this.created) {
      await fs.rm(this.root, { recursive: true, force: true });
      return;
    }
    const children = await fs.readdir(this.root).catch(() => [] as string[]);
    await Promise.all(children.map((child) => fs.rm(path.join(this.root, child), { recursive: true, force: true })));
  }
}

/** Second pass: folders and files, each file streamed and counted. */
async function writeEntries(
  zipfile: yauzl.ZipFile,
  plan: PlannedEntry[],
  destination: Destination,
  limits: PackageLimits,
  signal: AbortSignal | undefined,
  onProgress: ((fraction: number) => void) | undefined,
): Promise<ExtractPackageResult> {
  const declaredTotal = plan.reduce((sum, planned) => sum + planned.entry.uncompressedSize, 0);
  const progress = new Progress(declaredTotal, onProgress);
  progress.report(0);
  const written: ExtractedFile[] = [];
  let totalBytes = 0;
  for (const { entry, path: entryPath } of plan) {
    signal?.throwIfAborted();
    if (entryPath.isDirectory) {
      await destination.ensureFolder(entryPath.segments);
      continue;
    }
    await destination.ensureFolder(entryPath.segments.slice(0, -1));
    const target = destination.resolve(entryPath.segments);
    const size = await writeFile(zipfile, entry, entryPath, target, limits, totalBytes, progress, signal);
    totalBytes += size;
    written.push({ path: entryPath.segments.join('/'), size });
  }
  progress.finish();
  return { entries: written, totalBytes };
}

/** Streams one entry into a newly created file; returns the bytes written. */
async function writeFile(
  zipfile: yauzl.ZipFile,
  entry: yauzl.Entry,
  entryPath: EntryPath,
  target: string,
  limits: PackageLimits,
  totalBefore: number,
  progress: Progress,
  signal: AbortSignal | undefined,
): Promise<number> {
  if (entry.uncompressedSize === 0 && entry.compressedSize === 0) {
    // Nothing to read (an empty deflate stream would not even be valid): create the file empty.
    if (entry.crc32 !== 0) {
      throw new PackageRejectedError(
        PackageRejectionReason.CorruptArchive,
        `Entry ${describeEntryName(entryPath.name)} is empty but has a non-zero checksum.`,
        entryPath.name,
      );
    }
    await (await fs.open(target, CREATE_FLAGS, FILE_MODE)).close();
    return 0;
  }
  let source: Readable;
  try {
    source = await new Promise<Readable>((resolve, reject) =>
      zipfile.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
    );
  } catch (error) {
    throw readError(error, entryPath.name);
  }
  let sourceError: unknown;
  source.once('error', (error) => {
    sourceError = error;
  });
  let output: WriteStream;
  try {
    // Created before any byte is read, so that nothing can appear after a failure is cleaned up.
    const handle = await fs.open(target, CREATE_FLAGS, FILE_MODE);
    output = handle.createWriteStream();
  } catch (error) {
    source.destroy();
    throw error;
  }
  const guard = new EntryGuard(entry, entryPath.name, limits, totalBefore, progress);
  if (sourceError !== undefined || source.destroyed) {
    // The entry's stream failed while the file was being created (yauzl reads and inflates ahead):
    // a pipeline over a stream that has already ended in error may never settle, so end it here.
    output.destroy();
    if (!output.closed) {
      await new Promise<void>((resolve) => output.once('close', () => resolve()));
    }
    throw readError(sourceError ?? new Error('the entry stream closed early'), entryPath.name);
  }
  try {
    await pipeline(source, guard, output, { signal });
  } catch (error) {
    source.destroy();
    if (error instanceof PackageRejectedError || signal?.aborted) {
      throw error;
    }
    if (sourceError !== undefined && error === sourceError) {
      throw readError(error, entryPath.name);
    }
    throw error;
  } finally {
    // The stream closes its file handle on finish and on error; wait for it.
    if (!output.closed) {
      await new Promise<void>((resolve) => output.once('close', () => resolve()));
    }
  }
  return guard.bytes;
}

/**
 * Counts an entry's bytes as they stream: never more than declared, never past the package's
 * total, never over the ratio (on actual bytes), and the CRC-32 must match at the end.
 */
class EntryGuard extends Transform {
  bytes = 0;
  private crc = 0;

  constructor(
    private readonly entry: yauzl.Entry,
    private readonly name: string,
    private readonly limits: PackageLimits,
    private readonly totalBefore: number,
    private readonly progress: Progress,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const problem = this.check();
    if (problem) {
      callback(problem);
      return;
    }
    this.crc = crc32(chunk, this.crc);
    this.progress.add(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes !== this.entry.uncompressedSize) {
      callback(this.reject(PackageRejectionReason.SizeMismatch, this.sizeProblem()));
      return;
    }
    if (this.crc >>> 0 !== this.entry.crc32 >>> 0) {
      callback(this.reject(PackageRejectionReason.CorruptArchive, 'has data that fails its checksum'));
      return;
    }
    callback();
  }

  private check(): PackageRejectedError | undefined {
    const { entry, limits } = this;
    if (this.bytes > entry.uncompressedSize) {
      return this.reject(PackageRejectionReason.SizeMismatch, this.sizeProblem());
    }
    if (this.totalBefore + this.bytes > limits.maxUncompressedBytes) {
      return this.reject(
        PackageRejectionReason.TooLarge,
        `takes the package over ${limits.maxUncompressedBytes} bytes uncompressed`,
      );
    }
    if (this.bytes > limits.ratioThresholdBytes && this.bytes > limits.maxRatio * entry.compressedSize) {
      return this.reject(
        PackageRejectionReason.RatioExceeded,
        `expands more than ${limits.maxRatio}:1 (${this.bytes} bytes from ${entry.compressedSize})`,
      );
    }
    return undefined;
  }

  private sizeProblem(): string {
    return this.bytes > this.entry.uncompressedSize
      ? `has more data than the ${this.entry.uncompressedSize} bytes its header declares`
      : `has ${this.bytes} bytes of data where its header declares ${this.entry.uncompressedSize}`;
  }

  private reject(reason: PackageRejectionReason, problem: string): PackageRejectedError {
    return new PackageRejectedError(reason, `Entry ${describeEntryName(this.name)} ${problem}.`, this.name);
  }
}

/** Progress by bytes written over bytes declared, reported in steps of at least 1 %. */
class Progress {
  private written = 0;
  private reported = -1;

  constructor(
    private readonly total: number,
    private readonly listener: ((fraction: number) => void) | undefined,
  ) {}

  add(bytes: number): void {
    this.written += bytes;
    const fraction = this.total === 0 ? 1 : Math.min(1, this.written / this.total);
    if (fraction - this.reported >= PROGRESS_STEP && fraction < 1) {
      this.report(fraction);
    }
  }

  report(fraction: number): void {
    this.reported = fraction;
    this.listener?.(fraction);
  }

  finish(): void {
    this.report(1);
  }
}

/**
 * Turns an error met while reading the archive into a rejection; errors of the operating system
 * pass through unchanged (they may go away on a retry). `entryLabel` names an entry yauzl refused
 * before handing it out (so its name is not known).
 */
function readError(error: unknown, entryName?: string, entryLabel?: string): unknown {
  if (error instanceof PackageRejectedError || isSystemError(error)) {
    return error;
  }
  const detail = errorMessage(error);
  const entry = entryName === undefined ? undefined : `Entry ${describeEntryName(entryName)}`;
  const subject = entry ?? entryLabel ?? 'An entry of the package';
  if (/size mismatch|too many bytes|not enough bytes/i.test(detail)) {
    return new PackageRejectedError(
      PackageRejectionReason.SizeMismatch,
      `${subject} has data whose size differs from the size its header declares (${detail}).`,
      entryName,
    );
  }
  if (/encrypt/i.test(detail)) {
    return new PackageRejectedError(
      PackageRejectionReason.Encrypted,
      `${subject} is encrypted (${detail}).`,
      entryName,
    );
  }
  if (/compression method/i.test(detail)) {
    return new PackageRejectedError(
      PackageRejectionReason.UnsupportedCompression,
      `${subject} uses an unsupported compression method (${detail}).`,
      entryName,
    );
  }
  return new PackageRejectedError(
    PackageRejectionReason.CorruptArchive,
    entry ? `${entry} is damaged (${detail}).` : `The package is a damaged zip archive (${detail}).`,
    entryName,
  );
}

/** An error of the operating system (it has a syscall), as opposed to one about the archive's content. */
function isSystemError(error: unknown): boolean {
  const candidate = error as { code?: unknown; syscall?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.code === 'string' &&
    typeof candidate.syscall === 'string'
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
