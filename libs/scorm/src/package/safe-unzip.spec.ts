import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import {
  HOSTILE_CASES,
  HostileZip,
  makeZip,
  MANIFEST,
  megabyteZeros,
  writeHostileZips,
  writeLargePackage,
} from '../../../../test/support/hostile-zips';
import { conformanceZips, describeConformance } from '../../../../test/support/conformance';
import {
  largeCourse,
  scorm12Bookmark,
  scorm12MultiSco,
  scorm2004Measure,
  scorm2004Sequenced,
  writePackage,
} from '../../../../test/support/scorm-packages';
import { describeEntryName, PackageRejectedError, PackageRejectionReason } from './package-error';
import { DEFAULT_PACKAGE_LIMITS, resolvePackageLimits } from './package-limits';
import { extractPackage } from './safe-unzip';

let base: string;

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'safe-unzip-'));
});

afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

/** Every path under `root`, relative, sorted. */
async function listTree(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(folder: string): Promise<void> {
    for (const child of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, child.name);
      found.push(path.relative(root, full));
      if (child.isDirectory()) {
        await walk(full);
      }
    }
  }
  await walk(root);
  return found.sort();
}

/** A room with a sentinel folder beside the destination's parents: anything written outside shows up. */
async function makeRoom(): Promise<{ room: string; destination: string }> {
  const room = await fs.mkdtemp(path.join(base, 'room-'));
  await fs.mkdir(path.join(room, 'sentinel'));
  await fs.mkdir(path.join(room, 'work', 'inner'), { recursive: true });
  return { room, destination: path.join(room, 'work', 'inner', 'job') };
}
const EMPTY_ROOM = ['sentinel', 'work', path.join('work', 'inner')];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, but the package was extracted');
    },
    (error: unknown) => error,
  );
}

async function writeZip(name: string, zip: Buffer): Promise<string> {
  const file = path.join(base, name);
  await fs.writeFile(file, zip);
  return file;
}

describe('hostile packages', () => {
  let zips: Map<string, HostileZip>;

  beforeAll(async () => {
    zips = new Map((await writeHostileZips(path.join(base, 'hostile'))).map((zip) => [zip.id, zip]));
  });

  it('are at least 50 distinct archives with distinct ids', async () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(HOSTILE_CASES.map((hostileCase) => hostileCase.id)).size).toBe(HOSTILE_CASES.length);
    const digests = await Promise.all(
      [...zips.values()].map(async (zip) =>
        createHash('sha256')
          .update(await fs.readFile(zip.file))
          .digest('hex'),
      ),
    );
    expect(new Set(digests).size).toBe(HOSTILE_CASES.length);
  });

  it('corrupt deflate data never leaves the extraction hanging (the entry may fail before its file is open)', async () => {
    const zip = zips.get('corrupt-deflate-data')!;
    for (let run = 0; run < 150; run++) {
      const { destination } = await makeRoom();
      const outcome = await Promise.race([
        extractPackage(zip.file, destination, { limits: zip.limits }).then(
          () => 'extracted',
          (error: unknown) => (error instanceof PackageRejectedError ? error.reason : String(error)),
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve(`still running after 5 s (run ${run})`), 5_000)),
      ]);
      expect(outcome).toBe(PackageRejectionReason.CorruptArchive);
    }
  });

  it.each(
    HOSTILE_CASES.filter((hostileCase) => hostileCase.stage === 'archive').map((hostileCase) => [
      hostileCase.id,
      hostileCase.reason,
      hostileCase.description,
    ]),
  )('%s is refused with %s (%s), writing nothing', async (id, reason) => {
    const zip = zips.get(id)!;
    const { room, destination } = await makeRoom();
    const error = await rejection(extractPackage(zip.file, destination, { limits: zip.limits }));

    expect(error).toBeInstanceOf(PackageRejectedError);
    const rejected = error as PackageRejectedError;
    expect(rejected.reason).toBe(reason);
    expect(rejected.permanent).toBe(true);
    expect(rejected.message.length).toBeGreaterThan(10);
    if (rejected.entry !== undefined) {
      expect(rejected.message).toContain(describeEntryName(rejected.entry));
    }
    expect(await listTree(room)).toEqual(EMPTY_ROOM);
  });

  it('empties a destination that existed when a failure comes after files were written', async () => {
    const good = await makeZip([
      { name: 'imsmanifest.xml', data: MANIFEST },
      { name: 'a/first.html', data: Buffer.alloc(50_000, 'first ') },
      { name: 'b/second.bin', data: Buffer.alloc(50_000, 'second ') },
    ]);
    // Break the last entry's CRC in its central record and local header alike (they must agree), so
    // the failure only shows once its data has streamed.
    const zip = Buffer.from(good);
    const name = Buffer.from('b/second.bin');
    const record = zip.lastIndexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]));
    expect(zip.indexOf(name, record)).toBeGreaterThan(record);
    zip.writeUInt32LE((zip.readUInt32LE(record + 16) ^ 1) >>> 0, record + 16);
    const local = zip.readUInt32LE(record + 42);
    zip.writeUInt32LE((zip.readUInt32LE(local + 14) ^ 1) >>> 0, local + 14);
    const file = await writeZip('late-failure.zip', zip);
    const { room, destination } = await makeRoom();
    await fs.mkdir(destination);
    const fractions: number[] = [];

    const error = await rejection(extractPackage(file, destination, { onProgress: (f) => fractions.push(f) }));

    expect((error as PackageRejectedError).reason).toBe(PackageRejectionReason.CorruptArchive);
    expect(Math.max(...fractions)).toBeGreaterThan(0.4);
    expect(await listTree(room)).toEqual([...EMPTY_ROOM, path.join('work', 'inner', 'job')].sort());
  });
});

/** What yauzl itself lists, with its default checks: files (not folders) with their sizes and CRCs. */
async function listArchive(file: string): Promise<Array<{ path: string; size: number; crc: number }>> {
  const zipfile = await yauzl.openPromise(file);
  const files: Array<{ path: string; size: number; crc: number }> = [];
  for await (const entry of zipfile.eachEntry()) {
    if (!entry.fileName.endsWith('/')) {
      files.push({ path: entry.fileName, size: entry.uncompressedSize, crc: entry.crc32 });
    }
  }
  return files;
}

/** Extracts `file` and checks every entry was written whole, with progress from 0 to 1 and nothing beside. */
async function expectCompleteExtraction(file: string): Promise<void> {
  const expected = await listArchive(file);
  const { room, destination } = await makeRoom();
  const fractions: number[] = [];

  const result = await extractPackage(file, destination, { onProgress: (fraction) => fractions.push(fraction) });

  const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);
  expect([...result.entries].sort(byPath)).toEqual(
    expected.map(({ path: entryPath, size }) => ({ path: entryPath, size })).sort(byPath),
  );
  expect(result.totalBytes).toBe(expected.reduce((sum, entry) => sum + entry.size, 0));
  for (const entry of expected) {
    const written = await fs.readFile(path.join(destination, entry.path));
    expect({ path: entry.path, size: written.length, crc: crc32(written) >>> 0 }).toEqual(entry);
  }
  const writtenFiles = (await listTree(destination)).filter((relative) =>
    expected.some((entry) => path.normalize(entry.path) === relative),
  );
  expect(writtenFiles).toHaveLength(expected.length);
  expect((await fs.stat(path.join(destination, 'imsmanifest.xml'))).isFile()).toBe(true);
  expect(fractions.at(-1)).toBe(1);
  expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  expect(fractions.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
  // Nothing beside the destination.
  expect((await listTree(room)).filter((relative) => !relative.startsWith(path.join('work', 'inner', 'job')))).toEqual(
    EMPTY_ROOM,
  );
}

describeConformance('third-party packages', (dir) => {
  const zips = conformanceZips(dir);

  it('are there', () => {
    expect(zips.length).toBeGreaterThan(0);
  });

  it.each(zips)('%s extracts completely', async (fixture) => {
    await expectCompleteExtraction(path.join(dir, fixture));
  });
});

describe('good packages', () => {
  it.each([
    ['scorm12Bookmark', scorm12Bookmark],
    ['scorm12MultiSco', () => scorm12MultiSco({ scos: 6, assets: 2 })],
    ['scorm2004Sequenced', scorm2004Sequenced],
    ['scorm2004Measure', scorm2004Measure],
    ['largeCourse (600 files)', () => largeCourse({ files: 600, bytes: 4 * 1024 * 1024 })],
  ])('the generated %s extracts completely', async (_name, spec) => {
    await expectCompleteExtraction(await writePackage(spec(), { dir: path.join(base, 'generated') }));
  });

  it('writes folders, empty files and nested files of a package made here', async () => {
    const file = await writeZip(
      'made-here.zip',
      await makeZip([
        { name: 'imsmanifest.xml', data: MANIFEST },
        { name: 'empty-folder/' },
        { name: 'res/empty.txt', data: Buffer.alloc(0) },
        { name: 'res/deep/er/page.html', data: Buffer.from('<p>deep</p>') },
        { name: 'caf\u00e9 \u2014 100%.html', data: Buffer.from('unicode and percent') },
      ]),
    );
    const { destination } = await makeRoom();
    const result = await extractPackage(file, destination);
    expect(result.entries.map((entry) => entry.path)).toEqual([
      'imsmanifest.xml',
      'res/empty.txt',
      'res/deep/er/page.html',
      'caf\u00e9 \u2014 100%.html',
    ]);
    expect(await listTree(destination)).toEqual(
      [
        'imsmanifest.xml',
        'empty-folder',
        'res',
        'res/empty.txt',
        'res/deep',
        'res/deep/er',
        'res/deep/er/page.html',
        'caf\u00e9 \u2014 100%.html',
      ].sort(),
    );
    expect((await fs.stat(path.join(destination, 'res/deep/er/page.html'))).mode & 0o777).toBe(0o644);
  });

  it('refuses a destination that is not empty, and leaves it alone', async () => {
    const file = await writeZip('small.zip', await makeZip([{ name: 'imsmanifest.xml', data: MANIFEST }]));
    const { destination } = await makeRoom();
    await fs.mkdir(destination);
    await fs.writeFile(path.join(destination, 'keep.txt'), 'keep');
    await expect(extractPackage(file, destination)).rejects.toThrow(/not empty/);
    expect(await fs.readdir(destination)).toEqual(['keep.txt']);
  });
});

describe('abort', () => {
  /** A package of 40 files of 256 KiB each. */
  async function biggish(): Promise<string> {
    return writeZip(
      'biggish.zip',
      await makeZip([
        { name: 'imsmanifest.xml', data: MANIFEST },
        ...Array.from({ length: 40 }, (_, index) => ({
          name: `media/part-${index}.bin`,
          data: Buffer.alloc(256 * 1024, `part ${index} `),
        })),
      ]),
    );
  }

  it('stops an extraction under way and removes what it wrote', async () => {
    const file = await biggish();
    const { room, destination } = await makeRoom();
    const controller = new AbortController();
    const fractions: number[] = [];

    const error = await rejection(
      extractPackage(file, destination, {
        signal: controller.signal,
        onProgress: (fraction) => {
          fractions.push(fraction);
          if (fraction > 0.3) {
            controller.abort();
          }
        },
      }),
    );

    expect((error as Error).name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(PackageRejectedError);
    expect(Math.max(...fractions)).toBeLessThan(0.5);
    expect(await listTree(room)).toEqual(EMPTY_ROOM);
  });

  it("rejects with the signal's reason, before writing anything when already aborted", async () => {
    const file = await biggish();
    const { room, destination } = await makeRoom();
    const reason = new Error('worker shutting down');
    await expect(extractPackage(file, destination, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(await listTree(room)).toEqual(EMPTY_ROOM);
  });
});

describe('limits', () => {
  it('are the ones of docs/architecture.md (package limits) by default, and overridable per call', () => {
    expect(DEFAULT_PACKAGE_LIMITS).toEqual({
      maxCompressedBytes: 1024 ** 3,
      maxUncompressedBytes: 4 * 1024 ** 3,
      maxEntries: 20_000,
      maxPathBytes: 1_024,
      maxDepth: 32,
      maxRatio: 200,
      ratioThresholdBytes: 1024 ** 2,
      maxTotalRatio: 200,
      totalRatioThresholdBytes: 64 * 1024 ** 2,
    });
    expect(resolvePackageLimits({ maxEntries: 5 })).toEqual({ ...DEFAULT_PACKAGE_LIMITS, maxEntries: 5 });
    expect(() => resolvePackageLimits({ maxDepth: 0 })).toThrow(/maxDepth/);
    expect(() => resolvePackageLimits({ maxRatio: Number.NaN })).toThrow(/maxRatio/);
  });

  it('lets an entry over 1 MiB through at 200:1 or less, with the default limits', async () => {
    // 2 MiB of text where every 64th byte varies: it compresses well, but far less than 200:1.
    const data = Buffer.alloc(2 * 1024 * 1024, 'abcdefgh');
    for (let index = 0; index < data.length; index += 64) {
      data[index] = (index * 2654435761) >>> 24;
    }
    const file = await writeZip(
      'ratio-ok.zip',
      await makeZip([
        { name: 'imsmanifest.xml', data: MANIFEST },
        { name: 'big.txt', data },
      ]),
    );
    const { destination } = await makeRoom();
    const result = await extractPackage(file, destination);
    expect(result.totalBytes).toBe(MANIFEST.length + data.length);
  });
});

describe('issue 12 cases', () => {
  it('refuses 4,096 entries of 1 MiB of zeros (4 GiB from about 5 MB) in the first pass, writing nothing', async () => {
    const file = await writeZip('megabyte-zeros.zip', await megabyteZeros(4096));
    expect((await fs.stat(file)).size).toBeLessThan(6 * 1024 * 1024);
    const { room, destination } = await makeRoom();
    const started = Date.now();
    const error = await rejection(extractPackage(file, destination));
    expect(error).toMatchObject({ reason: PackageRejectionReason.RatioExceeded });
    expect((error as Error).message).toMatch(/as a whole/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await listTree(room)).toEqual(EMPTY_ROOM);
  });

  it('accepts entries with data descriptors that agree (yazl streams write them)', async () => {
    const zip = new ZipFile();
    zip.addBuffer(MANIFEST, 'imsmanifest.xml');
    zip.addReadStream(Readable.from([Buffer.from('<p>streamed</p>')]), 'streamed.html');
    zip.addReadStream(Readable.from([Buffer.from('stored, streamed')]), 'stored.txt', { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) {
      chunks.push(chunk as Buffer);
    }
    const file = await writeZip('descriptors.zip', Buffer.concat(chunks));
    const { destination } = await makeRoom();
    const result = await extractPackage(file, destination);
    expect(result.entries.map((entry) => entry.path)).toEqual(['imsmanifest.xml', 'streamed.html', 'stored.txt']);
  });

  it('lets the manifest-stage hostile cases through: their archives are sound', async () => {
    const manifestCases = HOSTILE_CASES.filter((hostileCase) => hostileCase.stage === 'manifest');
    expect(manifestCases.length).toBeGreaterThan(0);
    for (const hostileCase of manifestCases) {
      const file = await writeZip(`${hostileCase.id}.zip`, await hostileCase.build());
      const { destination } = await makeRoom();
      await expect(extractPackage(file, destination)).resolves.toMatchObject({ entries: expect.any(Array) });
    }
  });
});

describe('memory', () => {
  it('extracts a 512 MiB package in a streaming fashion, within a small memory budget', async () => {
    const size = 512 * 1024 * 1024;
    const file = path.join(base, 'large.zip');
    await writeLargePackage(file, size);
    const { destination } = await makeRoom();

    const usage = (): number => {
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.arrayBuffers;
    };
    const baseline = usage();
    let peak = 0;
    const result = await extractPackage(file, destination, {
      onProgress: () => {
        peak = Math.max(peak, usage() - baseline);
      },
    });

    expect(result.totalBytes).toBe(size + MANIFEST.length);
    expect((await fs.stat(path.join(destination, 'media/film.bin'))).size).toBe(size);
    // A quarter of the package: whatever garbage the collector has not reclaimed yet counts too (seen up
    // to ~90 MB in a busy jest worker), while holding the entry in memory would take 512 MiB.
    expect(peak).toBeLessThan(128 * 1024 * 1024);
    await fs.rm(destination, { recursive: true });
  });
});
