/**
 * Limits a SCORM package must stay within before anything of it is written (docs/architecture.md,
 * "Package limits"). Every limit can be overridden per call; tests use much smaller values.
 */
export interface PackageLimits {
  /** Size of the zip file itself, in bytes. */
  maxCompressedBytes: number;
  /** Sum of the uncompressed sizes of all entries, in bytes (declared, then actually written). */
  maxUncompressedBytes: number;
  /** Entries in the central directory, directories included. */
  maxEntries: number;
  /** Length of an entry's path, in UTF-8 bytes. */
  maxPathBytes: number;
  /** Segments of an entry's path: `imsmanifest.xml` has depth 1, `a/b/c.html` depth 3. */
  maxDepth: number;
  /** Largest uncompressed:compressed ratio of an entry bigger than {@link ratioThresholdBytes}. */
  maxRatio: number;
  /** Entries whose uncompressed size is at most this many bytes are exempt from {@link maxRatio}. */
  ratioThresholdBytes: number;
  /**
   * Largest ratio of the whole package: all entries' uncompressed sizes over the zip file's size,
   * checked once they pass {@link totalRatioThresholdBytes}. Stops many small entries that each
   * stay under the per-entry rule (4,096 entries of 1 MiB of zeros: 4 GiB from 5 MB).
   */
  maxTotalRatio: number;
  /** The whole package may expand past {@link maxTotalRatio} until it reaches this many bytes. */
  totalRatioThresholdBytes: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;

/**
 * The platform's limits: 1 GiB compressed, 4 GiB uncompressed, 20,000 entries, 1,024-byte paths,
 * depth 32, 200:1 for an entry over 1 MiB, and 200:1 for the whole package past 64 MiB.
 */
export const DEFAULT_PACKAGE_LIMITS: Readonly<PackageLimits> = Object.freeze({
  maxCompressedBytes: 1 * GIB,
  maxUncompressedBytes: 4 * GIB,
  maxEntries: 20_000,
  maxPathBytes: 1_024,
  maxDepth: 32,
  maxRatio: 200,
  ratioThresholdBytes: 1 * MIB,
  maxTotalRatio: 200,
  totalRatioThresholdBytes: 64 * MIB,
});

/** The defaults with `overrides` applied; throws a plain Error (a programming error) on a limit that is not a positive number. */
export function resolvePackageLimits(overrides?: Partial<PackageLimits>): PackageLimits {
  const limits: PackageLimits = { ...DEFAULT_PACKAGE_LIMITS };
  for (const key of Object.keys(DEFAULT_PACKAGE_LIMITS) as Array<keyof PackageLimits>) {
    const value = overrides?.[key];
    if (value === undefined) {
      continue;
    }
    const minimum = key === 'ratioThresholdBytes' || key === 'totalRatioThresholdBytes' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
      throw new Error(`Package limit ${key} must be a number of at least ${minimum}, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}
