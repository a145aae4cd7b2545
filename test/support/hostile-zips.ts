/**
 * A corpus of hostile SCORM packages, each with the reason `extractPackage` must refuse it with.
 * Archives are made with yazl; what yazl refuses to write (absolute names, `..`, backslashes,
 * encryption flags, other compression methods, false sizes…) is patched into its output: headers
 * are found by their signatures, and the archive is laid out again when a name changes length.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync, gzipSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { PackageLimits, PackageRejectionReason } from '@app/scorm';
import type { ManifestErrorCode } from '@app/scorm';

const Reason = PackageRejectionReason;
const KIB = 1024;
const MIB = 1024 * KIB;

/** Limits every hostile case runs with (cases may lower them further); the rest are the defaults. */
export const HOSTILE_TEST_LIMITS: Partial<PackageLimits> = {
  maxCompressedBytes: 32 * MIB,
  maxUncompressedBytes: 32 * MIB,
  maxEntries: 200,
  // Under the 32 MiB total, so that the whole-package ratio is what refuses a bomb of small entries.
  totalRatioThresholdBytes: 8 * MIB,
};

/**
 * Where a case is refused: `archive` by extractPackage (the unit spec runs these), `manifest` by
 * the manifest parser once the archive is extracted (only the import, end to end, sees it).
 */
export type HostileStage = 'archive' | 'manifest';

export interface HostileCase {
  /** Unique, also the archive's file name. */
  id: string;
  description: string;
  reason: PackageRejectionReason | ManifestErrorCode;
  stage: HostileStage;
  /** Limits for this case, over {@link HOSTILE_TEST_LIMITS}. */
  limits?: Partial<PackageLimits>;
  build(): Promise<Buffer>;
}

export interface HostileZip {
  id: string;
  description: string;
  reason: PackageRejectionReason | ManifestErrorCode;
  stage: HostileStage;
  limits: Partial<PackageLimits>;
  file: string;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const MTIME = new Date(2024, 0, 1);
export const MANIFEST = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<manifest identifier="hostile" version="1.0"></manifest>\n',
);
const PAGE = Buffer.from('<!doctype html><title>page</title><p>Hello</p>\n'.repeat(4));

interface Item {
  name: string;
  /** Absent for a folder. */
  data?: Buffer;
  compress?: boolean;
  mode?: number;
}

const manifest: Item = { name: 'imsmanifest.xml', data: MANIFEST };
const page = (name: string): Item => ({ name, data: PAGE });

/** A zip made by yazl from `items` in order. */
export function makeZip(items: Item[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const item of items) {
    if (item.data === undefined) {
      zip.addEmptyDirectory(item.name, { mtime: MTIME, ...(item.mode === undefined ? {} : { mode: item.mode }) });
    } else {
      zip.addBuffer(item.data, item.name, {
        mtime: MTIME,
        compress: item.compress ?? true,
        ...(item.mode === undefined ? {} : { mode: item.mode }),
      });
    }
  }
  zip.end();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Deterministic bytes that do not compress. */
function noise(size: number, seed = 'noise'): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

// Zip record layouts (APPNOTE 4.3.7, 4.3.12, 4.3.16).
const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const LOCAL_FIXED = 30;
const CENTRAL_FIXED = 46;
const END_FIXED = 22;
const L = { flags: 6, method: 8, crc: 14, compressedSize: 18, size: 22, nameLength: 26, extraLength: 28 };
const C = {
  flags: 8,
  method: 10,
  crc: 16,
  compressedSize: 20,
  size: 24,
  nameLength: 28,
  extraLength: 30,
  commentLength: 32,
  external: 38,
  offset: 42,
};
const E = { disk: 4, count: 10, cdSize: 12, cdOffset: 16 };

/** One entry of an archive, split into its records so that it can be changed and laid out again. */
interface RawEntry {
  local: Buffer;
  localName: Buffer;
  localExtra: Buffer;
  data: Buffer;
  central: Buffer;
  name: Buffer;
  centralExtra: Buffer;
  comment: Buffer;
}

function findEnd(zip: Buffer): number {
  for (let offset = zip.length - END_FIXED; offset >= 0; offset -= 1) {
    if (zip.readUInt32LE(offset) === END_SIGNATURE) {
      return offset;
    }
  }
  throw new Error('no end of central directory record');
}

/** Splits a yazl archive (no data descriptors, no zip64) into its entries, found by their signatures. */
function parseZip(zip: Buffer): RawEntry[] {
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + E.count);
  let cursor = zip.readUInt32LE(end + E.cdOffset);
  const entries: RawEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(cursor) !== CENTRAL_SIGNATURE) {
      throw new Error(`no central directory record at ${cursor}`);
    }
    const central = Buffer.from(zip.subarray(cursor, cursor + CENTRAL_FIXED));
    const nameLength = central.readUInt16LE(C.nameLength);
    const extraLength = central.readUInt16LE(C.extraLength);
    const commentLength = central.readUInt16LE(C.commentLength);
    let at = cursor + CENTRAL_FIXED;
    const name = Buffer.from(zip.subarray(at, (at += nameLength)));
    const centralExtra = Buffer.from(zip.subarray(at, (at += extraLength)));
    const comment = Buffer.from(zip.subarray(at, (at += commentLength)));
    cursor = at;
    const offset = central.readUInt32LE(C.offset);
    if (zip.readUInt32LE(offset) !== LOCAL_SIGNATURE) {
      throw new Error(`no local file header at ${offset}`);
    }
    const local = Buffer.from(zip.subarray(offset, offset + LOCAL_FIXED));
    let dataAt = offset + LOCAL_FIXED;
    const localName = Buffer.from(zip.subarray(dataAt, (dataAt += local.readUInt16LE(L.nameLength))));
    const localExtra = Buffer.from(zip.subarray(dataAt, (dataAt += local.readUInt16LE(L.extraLength))));
    const data = Buffer.from(zip.subarray(dataAt, dataAt + central.readUInt32LE(C.compressedSize)));
    entries.push({ local, localName, localExtra, data, central, name, centralExtra, comment });
  }
  return entries;
}

/** Lays entries out again: local records, central directory, end record; lengths and offsets recomputed. */
function buildZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    offsets.push(offset);
    entry.local.writeUInt16LE(entry.localName.length, L.nameLength);
    entry.local.writeUInt16LE(entry.localExtra.length, L.extraLength);
    for (const part of [entry.local, entry.localName, entry.localExtra, entry.data]) {
      parts.push(part);
      offset += part.length;
    }
  }
  const cdOffset = offset;
  entries.forEach((entry, index) => {
    entry.central.writeUInt16LE(entry.name.length, C.nameLength);
    entry.central.writeUInt16LE(entry.centralExtra.length, C.extraLength);
    entry.central.writeUInt16LE(entry.comment.length, C.commentLength);
    entry.central.writeUInt32LE(offsets[index], C.offset);
    for (const part of [entry.central, entry.name, entry.centralExtra, entry.comment]) {
      parts.push(part);
      offset += part.length;
    }
  });
  const end = Buffer.alloc(END_FIXED);
  end.writeUInt32LE(END_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, E.count);
  end.writeUInt32LE(offset - cdOffset, E.cdSize);
  end.writeUInt32LE(cdOffset, E.cdOffset);
  parts.push(end);
  return Buffer.concat(parts);
}

/** Parses `zip`, lets `change` edit the entry named `name` (its headers, name, data), and lays it out again. */
function editEntry(zip: Buffer, name: string, change: (entry: RawEntry) => void): Buffer {
  const entries = parseZip(zip);
  const entry = entries.find((candidate) => candidate.name.toString('utf8') === name);
  if (!entry) {
    throw new Error(`no entry ${name}`);
  }
  change(entry);
  return buildZip(entries);
}

/** Gives the entry named `placeholder` the name `hostile` in both headers; `utf8: false` clears general-purpose bit 11. */
function rename(zip: Buffer, placeholder: string, hostile: string | Buffer, utf8 = true): Buffer {
  return editEntry(zip, placeholder, (entry) => {
    entry.name = typeof hostile === 'string' ? Buffer.from(hostile, 'utf8') : hostile;
    entry.localName = entry.name;
    for (const [header, at] of [
      [entry.local, L.flags],
      [entry.central, C.flags],
    ] as const) {
      const flags = header.readUInt16LE(at);
      header.writeUInt16LE(utf8 ? flags | 0x0800 : flags & ~0x0800, at);
    }
  });
}

/** The manifest plus one page whose name is then set to `hostile` (a folder when `folder`). */
async function withName(hostile: string | Buffer, options: { folder?: boolean; utf8?: boolean } = {}): Promise<Buffer> {
  const placeholder = options.folder ? 'placeholder/' : 'placeholder.html';
  const zip = await makeZip([manifest, options.folder ? { name: placeholder } : page(placeholder)]);
  return rename(zip, placeholder, hostile, options.utf8 ?? true);
}

/** Sets the same field in the entry's local and central headers. */
function setField(entry: RawEntry, field: 'flags' | 'method' | 'crc' | 'compressedSize' | 'size', value: number): void {
  const width = field === 'flags' || field === 'method' ? 2 : 4;
  if (width === 2) {
    entry.local.writeUInt16LE(value, L[field]);
    entry.central.writeUInt16LE(value, C[field]);
  } else {
    entry.local.writeUInt32LE(value >>> 0, L[field]);
    entry.central.writeUInt32LE(value >>> 0, C[field]);
  }
}

/** Offset of the central directory record of `name` in a finished archive. */
function centralRecordOf(zip: Buffer, name: string): number {
  const end = findEnd(zip);
  let cursor = zip.readUInt32LE(end + E.cdOffset);
  for (let index = 0; index < zip.readUInt16LE(end + E.count); index += 1) {
    const nameLength = zip.readUInt16LE(cursor + C.nameLength);
    const found = zip.toString('utf8', cursor + CENTRAL_FIXED, cursor + CENTRAL_FIXED + nameLength);
    if (found === name) {
      return cursor;
    }
    cursor +=
      CENTRAL_FIXED +
      nameLength +
      zip.readUInt16LE(cursor + C.extraLength) +
      zip.readUInt16LE(cursor + C.commentLength);
  }
  throw new Error(`no central record for ${name}`);
}

/** Info-ZIP Unicode Path extra field (0x7075) for an entry whose stored name is `raw`. */
function unicodePathField(raw: Buffer, unicodeName: string): Buffer {
  const name = Buffer.from(unicodeName, 'utf8');
  const field = Buffer.alloc(4 + 5 + name.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + name.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(raw), 5);
  name.copy(field, 9);
  return field;
}

const nested = (depth: number, leaf: string): string => `${'d/'.repeat(depth - 1)}${leaf}`;

// ---------------------------------------------------------------------------------------------
// The cases

const cases: HostileCase[] = [];
function hostile(
  id: string,
  reason: PackageRejectionReason,
  description: string,
  build: () => Promise<Buffer>,
  limits?: Partial<PackageLimits>,
): void {
  cases.push({ id, reason, description, build, stage: 'archive', ...(limits ? { limits } : {}) });
}

/** A case the archive checks let through and the manifest parser refuses. */
function hostileManifest(
  id: string,
  reason: ManifestErrorCode,
  description: string,
  build: () => Promise<Buffer>,
): void {
  cases.push({ id, reason, description, build, stage: 'manifest' });
}

/** `count` entries of exactly 1 MiB of zeros (each exempt from the per-entry ratio), deflated once and patched in. */
export async function megabyteZeros(count: number): Promise<Buffer> {
  const zeros = Buffer.alloc(MIB);
  const deflated = deflateRawSync(zeros, { level: 9 });
  const checksum = crc32(zeros);
  const names = Array.from({ length: count }, (_, index) => `media/blank-${index}.bin`);
  const entries = parseZip(await makeZip([manifest, ...names.map((name) => ({ name, data: Buffer.from('x') }))]));
  for (const entry of entries.slice(1)) {
    entry.data = deflated;
    setField(entry, 'method', 8);
    setField(entry, 'crc', checksum);
    setField(entry, 'compressedSize', deflated.length);
    setField(entry, 'size', MIB);
  }
  return buildZip(entries);
}

/** A SCORM 1.2 manifest with one SCO launched from `launch`, listing `files`. */
function scoManifest(launch: string, files: string[]): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="hostile-sco" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Course</title>
    <item identifier="item" identifierref="res"><title>Lesson</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="res" type="webcontent" adlcp:scormtype="sco" href="${launch}">
      ${files.map((file) => `<file href="${file}"/>`).join('')}
    </resource>
  </resources>
</manifest>
`);
}

// Path escapes.
hostile('traversal-dotdot', Reason.PathTraversal, '"../x.html"', () => withName('../x.html'));
hostile('traversal-nested', Reason.PathTraversal, '"a/../../x.html"', () => withName('a/../../x.html'));
hostile('traversal-inside', Reason.PathTraversal, '"a/../b.html" (stays inside, still refused)', () =>
  withName('a/../b.html'),
);
hostile('traversal-bare', Reason.PathTraversal, 'a file named ".."', () => withName('..'));
hostile('traversal-folder', Reason.PathTraversal, 'a folder entry "../"', () => withName('../', { folder: true }));
hostile('traversal-backslash', Reason.PathTraversal, '"..\\x.html"', () => withName('..\\x.html'));
hostile('traversal-backslash-nested', Reason.PathTraversal, '"a\\..\\..\\x.html"', () => withName('a\\..\\..\\x.html'));
hostile('traversal-percent', Reason.PathTraversal, '"%2e%2e/x.html"', () => withName('%2e%2e/x.html'));
hostile('traversal-percent-slash', Reason.PathTraversal, '"%2E%2E%2Fx.html"', () => withName('%2E%2E%2Fx.html'));
hostile('traversal-percent-mixed', Reason.PathTraversal, '"..%2fx.html"', () => withName('..%2fx.html'));
hostile('traversal-double-percent', Reason.PathTraversal, '"%252e%252e/x.html" (encoded twice)', () =>
  withName('%252e%252e/x.html'),
);
hostile('traversal-fullwidth', Reason.PathTraversal, 'full-width dots "．．/x.html"', () =>
  withName('\uff0e\uff0e/x.html'),
);
hostile(
  'traversal-unicode-path-field',
  Reason.PathTraversal,
  'a harmless name whose Unicode Path field says "../x"',
  async () =>
    editEntry(await makeZip([manifest, page('harmless.html')]), 'harmless.html', (entry) => {
      entry.centralExtra = Buffer.concat([entry.centralExtra, unicodePathField(entry.name, '../x.html')]);
    }),
);

// Absolute paths.
hostile('absolute-root', Reason.AbsolutePath, '"/etc/x"', () => withName('/etc/x'));
hostile('absolute-drive-slash', Reason.AbsolutePath, '"C:/x"', () => withName('C:/x'));
hostile('absolute-drive-backslash', Reason.AbsolutePath, '"C:\\x"', () => withName('C:\\x'));
hostile('absolute-unc-backslash', Reason.AbsolutePath, '"\\\\server\\share\\x"', () =>
  withName('\\\\server\\share\\x'),
);
hostile('absolute-unc-slash', Reason.AbsolutePath, '"//server/share/x"', () => withName('//server/share/x'));
hostile('absolute-leading-backslash', Reason.AbsolutePath, '"\\x.html"', () => withName('\\x.html'));
hostile('absolute-folder', Reason.AbsolutePath, 'a folder entry "/tmp/"', () => withName('/tmp/', { folder: true }));

// Backslashes.
hostile('backslash-separator', Reason.Backslash, '"a\\b.html"', () => withName('a\\b.html'));
hostile('backslash-trailing', Reason.Backslash, '"folder\\"', () => withName('folder\\'));

// Names.
hostile('name-nul', Reason.InvalidName, 'NUL in a name', () => withName('a\0b.html'));
hostile('name-control', Reason.InvalidName, 'U+0001 in a name', () => withName('a\u0001b.html'));
hostile('name-newline', Reason.InvalidName, 'a newline in a name', () => withName('a\nb.html'));
hostile('name-delete', Reason.InvalidName, 'DEL (0x7f) in a name', () => withName('a\u007fb.html'));
hostile('name-c1-control', Reason.InvalidName, 'U+0085 (a C1 control) in a UTF-8 name', () =>
  withName('a\u0085b.html'),
);
hostile('name-nul-cp437', Reason.InvalidName, 'NUL in a CP437 (non-UTF-8) name', () =>
  withName(Buffer.from('a\0b.html', 'latin1'), { utf8: false }),
);
hostile('name-empty', Reason.InvalidName, 'an empty name', () => withName(Buffer.alloc(0)));
hostile('name-empty-segment', Reason.InvalidName, '"a//b.html"', () => withName('a//b.html'));
hostile('name-dot-segment', Reason.InvalidName, '"./x.html"', () => withName('./x.html'));
hostile('name-inner-dot-segment', Reason.InvalidName, '"a/./b.html"', () => withName('a/./b.html'));
hostile('name-dot', Reason.InvalidName, 'a file named "."', () => withName('.'));
hostile('name-encoded-dot', Reason.InvalidName, '"%2e/x.html"', () => withName('%2e/x.html'));
hostile('name-encoded-separator', Reason.InvalidName, '"a%2fb.html"', () => withName('a%2fb.html'));
hostile('name-invalid-utf8', Reason.InvalidName, 'bytes FF FE in a name flagged UTF-8', () =>
  withName(Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x68, 0x74, 0x6d, 0x6c])),
);
hostile('name-overlong-utf8', Reason.InvalidName, 'overlong UTF-8 dots (C0 AE C0 AE) then "/x"', () =>
  withName(Buffer.from([0xc0, 0xae, 0xc0, 0xae, 0x2f, 0x78])),
);
hostile('name-drive-relative', Reason.InvalidName, '"C:x.html" (drive-relative)', () => withName('C:x.html'));

// Links and special files.
hostile('symlink-file', Reason.Symlink, 'a symbolic link to /etc/passwd', () =>
  makeZip([manifest, { name: 'passwd.html', data: Buffer.from('/etc/passwd'), compress: false, mode: 0o120777 }]),
);
hostile('symlink-relative', Reason.Symlink, 'a symbolic link to "../../.."', () =>
  makeZip([manifest, { name: 'up', data: Buffer.from('../../..'), compress: false, mode: 0o120777 }]),
);
hostile('symlink-then-write-through', Reason.Symlink, 'a link "evil" to /tmp, then a file "evil/x.html"', () =>
  makeZip([
    manifest,
    { name: 'evil', data: Buffer.from('/tmp'), compress: false, mode: 0o120777 },
    page('evil/x.html'),
  ]),
);
hostile('symlink-windows-reparse-point', Reason.Symlink, 'MS-DOS attributes with the reparse-point bit', async () =>
  editEntry(await makeZip([manifest, page('link.html')]), 'link.html', (entry) => {
    entry.central.writeUInt32LE(0x0400 | 0x20, C.external);
  }),
);
hostile('special-fifo', Reason.SpecialFile, 'a FIFO', () =>
  makeZip([manifest, { name: 'pipe', data: Buffer.alloc(0), compress: false, mode: 0o010644 }]),
);
hostile('special-char-device', Reason.SpecialFile, 'a character device', () =>
  makeZip([manifest, { name: 'tty', data: Buffer.alloc(0), compress: false, mode: 0o020644 }]),
);
hostile('special-block-device', Reason.SpecialFile, 'a block device', () =>
  makeZip([manifest, { name: 'sda', data: Buffer.alloc(0), compress: false, mode: 0o060644 }]),
);

// Duplicates.
hostile('duplicate-exact', Reason.DuplicateEntry, '"a.html" twice', () =>
  makeZip([manifest, page('a.html'), page('a.html')]),
);
hostile('duplicate-case', Reason.DuplicateEntry, '"Index.html" and "index.html"', () =>
  makeZip([manifest, page('Index.html'), page('index.html')]),
);
hostile('duplicate-case-in-folder', Reason.DuplicateEntry, '"Dir/a.html" and "dir/A.HTML"', () =>
  makeZip([manifest, page('Dir/a.html'), page('dir/A.HTML')]),
);
hostile('duplicate-file-and-folder', Reason.DuplicateEntry, 'a file "a" and a file "a/b.html"', () =>
  makeZip([manifest, page('a'), page('a/b.html')]),
);
hostile('duplicate-folder-then-file', Reason.DuplicateEntry, 'a folder "a/" and a file "a"', () =>
  makeZip([manifest, { name: 'a/' }, page('a')]),
);
hostile('duplicate-unicode-normalisation', Reason.DuplicateEntry, '"café.html" in NFC and in NFD', () =>
  makeZip([manifest, page('caf\u00e9.html'), page('cafe\u0301.html')]),
);
hostile('duplicate-manifest', Reason.DuplicateEntry, 'imsmanifest.xml twice', () => makeZip([manifest, manifest]));
hostile('duplicate-manifest-case', Reason.DuplicateEntry, 'imsmanifest.xml and IMSMANIFEST.XML', () =>
  makeZip([manifest, { name: 'IMSMANIFEST.XML', data: MANIFEST }]),
);

// False sizes.
hostile('size-declared-smaller', Reason.SizeMismatch, 'a deflated entry declaring 100 of its 10,000 bytes', async () =>
  editEntry(await makeZip([manifest, { name: 'big.txt', data: noise(10_000) }]), 'big.txt', (entry) =>
    setField(entry, 'size', 100),
  ),
);
hostile('size-declared-larger', Reason.SizeMismatch, 'a deflated entry declaring 20,000 bytes for 10,000', async () =>
  editEntry(await makeZip([manifest, { name: 'big.txt', data: noise(10_000) }]), 'big.txt', (entry) =>
    setField(entry, 'size', 20_000),
  ),
);
hostile('size-stored-mismatch', Reason.SizeMismatch, 'a stored entry whose sizes disagree', async () =>
  editEntry(
    await makeZip([manifest, { name: 'stored.txt', data: noise(1000), compress: false }]),
    'stored.txt',
    (entry) => setField(entry, 'size', 500),
  ),
);
hostile(
  'size-hidden-bomb',
  Reason.SizeMismatch,
  '8 MiB of zeros declaring 1,000 bytes (ratio check dodged)',
  async () =>
    editEntry(await makeZip([manifest, { name: 'bomb.bin', data: Buffer.alloc(8 * MIB) }]), 'bomb.bin', (entry) =>
      setField(entry, 'size', 1000),
    ),
);

// Local headers that disagree with the central directory: a streaming reader sees another file.
hostile('header-local-size', Reason.HeaderMismatch, 'a local header declaring 100 of the 10,000 bytes', async () =>
  editEntry(await makeZip([manifest, { name: 'big.txt', data: noise(10_000) }]), 'big.txt', (entry) => {
    entry.local.writeUInt32LE(100, L.size);
  }),
);
hostile(
  'header-local-compressed-size',
  Reason.HeaderMismatch,
  'a stored entry whose local header ends its data early (the rest reads as another file)',
  async () =>
    editEntry(await makeZip([manifest, { name: 'page.html', data: PAGE, compress: false }]), 'page.html', (entry) => {
      entry.local.writeUInt32LE(10, L.compressedSize);
      entry.local.writeUInt32LE(10, L.size);
    }),
);
hostile(
  'header-local-method',
  Reason.HeaderMismatch,
  'stored in the local header, deflated in the directory',
  async () =>
    editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) => {
      entry.local.writeUInt16LE(0, L.method);
    }),
);
hostile(
  'header-data-descriptor',
  Reason.HeaderMismatch,
  'bit 3 set, zero local sizes, and a data descriptor with other sizes',
  async () =>
    editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) => {
      setField(entry, 'flags', entry.central.readUInt16LE(C.flags) | 0x0008);
      for (const field of [L.crc, L.compressedSize, L.size]) {
        entry.local.writeUInt32LE(0, field);
      }
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(entry.central.readUInt32LE(C.crc), 4);
      descriptor.writeUInt32LE(entry.data.length + 1000, 8);
      descriptor.writeUInt32LE(entry.central.readUInt32LE(C.size) + 1000, 12);
      entry.data = Buffer.concat([entry.data, descriptor]);
      entry.central.writeUInt32LE(entry.data.length - 16, C.compressedSize);
    }),
);

// Zip bombs and limits.
hostile('ratio-zeros', Reason.RatioExceeded, '4 MiB of zeros (about 1000:1)', () =>
  makeZip([manifest, { name: 'zeros.bin', data: Buffer.alloc(4 * MIB) }]),
);
hostile('ratio-text', Reason.RatioExceeded, '2 MiB of repeated text in a folder, beside good files', () =>
  makeZip([
    manifest,
    page('index.html'),
    { name: 'media/log.txt', data: Buffer.alloc(2 * MIB, 'all work and no play ') },
  ]),
);
hostile(
  'ratio-many-megabyte-entries',
  Reason.RatioExceeded,
  '80 entries of exactly 1 MiB of zeros (each exempt from the per-entry rule; 80 MiB from 90 KB)',
  () => megabyteZeros(80),
);
hostile(
  'too-many-entries',
  Reason.TooManyEntries,
  '60 entries with a limit of 50',
  () => makeZip([manifest, ...Array.from({ length: 59 }, (_, index) => page(`p${index}.html`))]),
  { maxEntries: 50 },
);
hostile(
  'too-many-entries-declared',
  Reason.TooManyEntries,
  'an end record declaring 65,535 entries',
  async () => {
    const zip = await makeZip([manifest, page('a.html')]);
    const end = findEnd(zip);
    zip.writeUInt16LE(0xffff, end + 8);
    zip.writeUInt16LE(0xffff, end + E.count);
    return zip;
  },
  { maxEntries: 50 },
);
hostile(
  'too-large-total',
  Reason.TooLarge,
  'three 30 KiB files with a 64 KiB total limit',
  () =>
    makeZip([manifest, ...[1, 2, 3].map((index) => ({ name: `f${index}.bin`, data: noise(30 * KIB, `f${index}`) }))]),
  { maxUncompressedBytes: 64 * KIB },
);
hostile(
  'too-large-entry',
  Reason.TooLarge,
  'one 100 KiB file with a 64 KiB total limit',
  () => makeZip([manifest, { name: 'big.bin', data: noise(100 * KIB) }]),
  { maxUncompressedBytes: 64 * KIB },
);
hostile('too-large-declared', Reason.TooLarge, 'an entry declaring 4 GiB', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) => setField(entry, 'size', 0xfffffff0)),
);
hostile(
  'too-large-compressed',
  Reason.TooLarge,
  'a 16 KiB zip with a 4 KiB compressed limit',
  () => makeZip([manifest, { name: 'noise.bin', data: noise(16 * KIB) }]),
  { maxCompressedBytes: 4 * KIB },
);
hostile(
  'overlap-same-header',
  Reason.OverlappingEntries,
  'two central records pointing at one local header',
  async () => {
    const zip = await makeZip([manifest, page('a.html'), page('b.html')]);
    const a = zip.readUInt32LE(centralRecordOf(zip, 'a.html') + C.offset);
    zip.writeUInt32LE(a, centralRecordOf(zip, 'b.html') + C.offset);
    return zip;
  },
);
hostile(
  'overlap-extended-size',
  Reason.OverlappingEntries,
  "a stored entry whose sizes reach into the next entry's bytes",
  async () => {
    const zip = await makeZip([manifest, { name: 'a.bin', data: noise(100), compress: false }, page('b.html')]);
    const record = centralRecordOf(zip, 'a.bin');
    const grown = 100 + LOCAL_FIXED + 'b.html'.length + 20;
    const local = zip.readUInt32LE(record + C.offset);
    for (const [at, field] of [
      [record, C.compressedSize],
      [record, C.size],
      [local, L.compressedSize],
      [local, L.size],
    ]) {
      zip.writeUInt32LE(grown, at + field);
    }
    return zip;
  },
);
hostile('deep-file', Reason.TooDeep, 'a file 40 levels deep', () => makeZip([manifest, page(nested(40, 'x.html'))]));
hostile('deep-folder', Reason.TooDeep, 'a folder entry 33 levels deep', () =>
  makeZip([manifest, { name: `${nested(33, 'd')}/` }]),
);
hostile('long-path', Reason.PathTooLong, 'a 1,100-byte path', () =>
  makeZip([manifest, page(`${Array.from({ length: 10 }, () => 'p'.repeat(100)).join('/')}/${'x'.repeat(85)}.html`)]),
);
hostile('long-path-multibyte', Reason.PathTooLong, '600 characters but 1,200 UTF-8 bytes', () =>
  makeZip([manifest, page(Array.from({ length: 6 }, () => '\u00e9'.repeat(100)).join('/'))]),
);
hostile('long-segment', Reason.PathTooLong, 'one 300-byte file name', () =>
  makeZip([manifest, page(`${'n'.repeat(295)}.html`)]),
);

// Manifest.
hostile('manifest-missing', Reason.MissingManifest, 'no imsmanifest.xml', () => makeZip([page('index.html')]));
hostile('manifest-in-folder', Reason.MissingManifest, 'course/imsmanifest.xml only', () =>
  makeZip([{ name: 'course/imsmanifest.xml', data: MANIFEST }, page('course/index.html')]),
);
hostile('manifest-is-folder', Reason.MissingManifest, 'imsmanifest.xml/ is a folder', () =>
  makeZip([{ name: 'imsmanifest.xml/' }, page('index.html')]),
);
hostile('manifest-wrong-case', Reason.MissingManifest, 'IMSMANIFEST.XML only', () =>
  makeZip([{ name: 'IMSMANIFEST.XML', data: MANIFEST }]),
);
hostile('manifest-empty-zip', Reason.MissingManifest, 'a valid zip with no entries', () => makeZip([]));

hostileManifest(
  'manifest-sco-launch-missing',
  'LAUNCH_FILE_MISSING',
  'a SCO launched from index.html, which is not in the archive',
  () => makeZip([{ name: 'imsmanifest.xml', data: scoManifest('index.html', ['index.html']) }, page('other.html')]),
);

// Broken archives.
hostile('corrupt-truncated-half', Reason.CorruptArchive, 'the first half of a package', async () => {
  const zip = await makeZip([manifest, { name: 'noise.bin', data: noise(8 * KIB) }]);
  return zip.subarray(0, zip.length >> 1);
});
hostile('corrupt-truncated-end', Reason.CorruptArchive, 'a package missing its last 10 bytes', async () => {
  const zip = await makeZip([manifest, page('a.html')]);
  return zip.subarray(0, zip.length - 10);
});
hostile('corrupt-trailing-data', Reason.CorruptArchive, 'bytes after the end record', async () =>
  Buffer.concat([await makeZip([manifest, page('a.html')]), Buffer.from('trailing bytes after the archive')]),
);
hostile('corrupt-leading-data', Reason.CorruptArchive, 'bytes before the archive (offsets not adjusted)', async () =>
  Buffer.concat([Buffer.from('MZ self-extractor stub '.repeat(8)), await makeZip([manifest, page('a.html')])]),
);
hostile('corrupt-directory-offset', Reason.CorruptArchive, 'a central directory offset past the end', async () => {
  const zip = await makeZip([manifest, page('a.html')]);
  zip.writeUInt32LE(zip.length + 1000, findEnd(zip) + E.cdOffset);
  return zip;
});
hostile('corrupt-central-signature', Reason.CorruptArchive, 'a broken central directory signature', async () => {
  const zip = await makeZip([manifest, page('a.html')]);
  zip.writeUInt32LE(0x12345678, centralRecordOf(zip, 'a.html'));
  return zip;
});
hostile('corrupt-local-signature', Reason.CorruptArchive, 'a broken local header signature', async () => {
  const zip = await makeZip([manifest, page('a.html')]);
  zip.writeUInt32LE(0x12345678, zip.readUInt32LE(centralRecordOf(zip, 'a.html') + C.offset));
  return zip;
});
hostile('corrupt-deflate-data', Reason.CorruptArchive, 'deflate data overwritten with garbage', async () =>
  editEntry(await makeZip([manifest, { name: 'text.txt', data: PAGE }]), 'text.txt', (entry) => {
    entry.data = Buffer.alloc(entry.data.length, 0xff);
  }),
);
hostile('corrupt-crc', Reason.CorruptArchive, 'a wrong CRC-32', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) =>
    setField(entry, 'crc', entry.central.readUInt32LE(C.crc) ^ 0xdeadbeef),
  ),
);
hostile(
  'corrupt-data-past-end',
  Reason.CorruptArchive,
  'a compressed size reaching past the end of the file',
  async () => {
    const zip = await makeZip([manifest, { name: 'noise.bin', data: noise(4 * KIB) }]);
    zip.writeUInt32LE(1_000_000, centralRecordOf(zip, 'noise.bin') + C.compressedSize);
    return zip;
  },
);
hostile('corrupt-multi-disk', Reason.CorruptArchive, 'an end record naming disk 1 of a split archive', async () => {
  const zip = await makeZip([manifest, page('a.html')]);
  zip.writeUInt16LE(1, findEnd(zip) + E.disk);
  return zip;
});
hostile('corrupt-folder-with-data', Reason.CorruptArchive, 'a folder entry that carries bytes', async () =>
  rename(await makeZip([manifest, page('placeholder.html')]), 'placeholder.html', 'folder/'),
);
hostile('not-a-zip-text', Reason.NotAZip, 'a text file', () =>
  Promise.resolve(Buffer.from('This is not a zip.\n'.repeat(20))),
);
hostile('not-a-zip-empty', Reason.NotAZip, 'a zero-byte file', () => Promise.resolve(Buffer.alloc(0)));
hostile('not-a-zip-gzip', Reason.NotAZip, 'a gzip file', () => Promise.resolve(gzipSync(MANIFEST)));
hostile('not-a-zip-pk', Reason.NotAZip, 'just the letters "PK"', () => Promise.resolve(Buffer.from('PK')));
hostile('not-a-zip-deflate', Reason.NotAZip, 'raw deflate data', () => Promise.resolve(deflateRawSync(noise(4 * KIB))));

// Encryption and compression methods.
hostile('encrypted-traditional', Reason.Encrypted, 'general-purpose bit 0 (encrypted) set', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) =>
    setField(entry, 'flags', entry.central.readUInt16LE(C.flags) | 0x0001),
  ),
);
hostile('encrypted-strong', Reason.Encrypted, 'general-purpose bit 6 (strong encryption) set', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) =>
    setField(entry, 'flags', entry.central.readUInt16LE(C.flags) | 0x0041),
  ),
);
hostile('encrypted-aes', Reason.Encrypted, 'WinZip AES: method 99 with bit 0', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) => {
    setField(entry, 'flags', entry.central.readUInt16LE(C.flags) | 0x0001);
    setField(entry, 'method', 99);
  }),
);
hostile('compression-bzip2', Reason.UnsupportedCompression, 'compression method 12 (bzip2)', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) => setField(entry, 'method', 12)),
);
hostile('compression-lzma', Reason.UnsupportedCompression, 'compression method 14 (LZMA)', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) => setField(entry, 'method', 14)),
);
hostile('compression-shrink', Reason.UnsupportedCompression, 'compression method 1 (shrink)', async () =>
  editEntry(await makeZip([manifest, page('a.html')]), 'a.html', (entry) => setField(entry, 'method', 1)),
);

/**
 * Writes a good package with one large, moderately compressible file (`media/film.bin`, `size`
 * bytes: 512 varying bytes per 64 KiB, about 120:1, inside the default 200:1). yazl lays out the
 * archive; the entry's deflate data and CRC-32 are computed natively and patched in, since yazl's
 * JavaScript CRC-32 would take seconds over hundreds of megabytes.
 */
export async function writeLargePackage(file: string, size: number): Promise<void> {
  const chunkSize = 64 * KIB;
  if (size % chunkSize !== 0) {
    throw new Error(`size must be a multiple of ${chunkSize}`);
  }
  const pool = noise(4 * KIB, 'large');
  const deflate = createDeflateRaw({ level: 1 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let checksum = 0;
  for (let offset = 0; offset < size; offset += chunkSize) {
    const chunk = Buffer.alloc(chunkSize);
    pool.copy(chunk, 0, (offset / chunkSize) % (pool.length - 512), ((offset / chunkSize) % (pool.length - 512)) + 512);
    checksum = crc32(chunk, checksum);
    if (!deflate.write(chunk)) {
      await new Promise((resolve) => deflate.once('drain', resolve));
    }
  }
  deflate.end();
  await done;
  const skeleton = await makeZip([manifest, { name: 'media/film.bin', data: Buffer.from('x') }]);
  const zip = editEntry(skeleton, 'media/film.bin', (entry) => {
    entry.data = Buffer.concat(compressed);
    setField(entry, 'method', 8);
    setField(entry, 'crc', checksum);
    setField(entry, 'compressedSize', entry.data.length);
    setField(entry, 'size', size);
  });
  await fs.writeFile(file, zip);
}

/** Every hostile case, in a stable order. */
export const HOSTILE_CASES: readonly HostileCase[] = cases;

/**
 * Cases refused for another reason under the platform's own limits than under
 * {@link HOSTILE_TEST_LIMITS}: an entry declaring just under 4 GiB is within the platform's 4 GiB
 * total, so its 1,000,000:1 ratio is what gives it away.
 */
export const PLATFORM_LIMIT_REASONS: Readonly<Record<string, PackageRejectionReason>> = {
  'too-large-declared': Reason.RatioExceeded,
};

/** Writes every hostile archive to `directory` (as `<id>.zip`) and lists them. */
export async function writeHostileZips(directory: string): Promise<HostileZip[]> {
  await fs.mkdir(directory, { recursive: true });
  const written: HostileZip[] = [];
  for (const hostileCase of HOSTILE_CASES) {
    const file = path.join(directory, `${hostileCase.id}.zip`);
    await fs.writeFile(file, await hostileCase.build());
    written.push({
      id: hostileCase.id,
      description: hostileCase.description,
      reason: hostileCase.reason,
      stage: hostileCase.stage,
      limits: { ...HOSTILE_TEST_LIMITS, ...hostileCase.limits },
      file,
    });
  }
  return written;
}
