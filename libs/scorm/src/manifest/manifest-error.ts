/**
 * Stable codes of a manifest that cannot be imported. Programs switch on the code (the import job
 * stores it, the UI translates it); the message is English for people and may change.
 */
export type ManifestErrorCode =
  /** The input is larger than `maxBytes`. */
  | 'TOO_LARGE'
  /** The bytes are in an encoding other than UTF-8, UTF-16 or ISO-8859-1 / Windows-1252. */
  | 'UNSUPPORTED_ENCODING'
  /** The input is not well-formed XML (or namespace-well-formed XML). */
  | 'NOT_XML'
  /** A `<!DOCTYPE …>` is present: DTDs, and with them entity declarations, are refused. */
  | 'DOCTYPE_FORBIDDEN'
  /** An entity reference other than the five XML built-ins (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`). */
  | 'ENTITY_FORBIDDEN'
  /** Elements nest deeper than `maxDepth`. */
  | 'TOO_DEEP'
  /** More elements than `maxElements`. */
  | 'TOO_MANY_ELEMENTS'
  /** The root element is not an IMS content-packaging `<manifest>`. */
  | 'NOT_A_MANIFEST'
  /** Neither an organization nor a resource: nothing to show or launch. */
  | 'NO_ORGANIZATION_OR_RESOURCES'
  /** Not SCORM 1.2 or 2004 (SCORM 1.1, plain IMS content packages, AICC, cmi5, …). */
  | 'UNSUPPORTED_STANDARD'
  /**
   * A reference that leaves the package (`..` past the root, an absolute path, a scheme other
   * than http(s)), or an external http(s) address for a SCO.
   */
  | 'UNSAFE_HREF'
  /** A SCO an item launches has its launch file missing from the package: the course cannot start. */
  | 'LAUNCH_FILE_MISSING';

/** A manifest that cannot be imported, with a reason a person can read. */
export class ManifestError extends Error {
  constructor(
    readonly code: ManifestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Whether a value is a {@link ManifestError} (also across module copies, by name and code). */
export function isManifestError(error: unknown): error is ManifestError {
  return (
    error instanceof ManifestError ||
    (error instanceof Error && error.name === 'ManifestError' && typeof (error as { code?: unknown }).code === 'string')
  );
}
