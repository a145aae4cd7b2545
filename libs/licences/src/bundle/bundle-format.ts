/**
 * The licence bundle, format version 1 (docs/licence-bundle.md is the reference). A zip holding:
 *
 * - `licence.json`             {@link LicenceDocument}
 * - `courses/<courseId>.json`  {@link CourseDocument}, one per licensed course
 * - `packages/<packageId>.zip` the SCORM packages the course documents list
 * - `manifest.json`            {@link BundleManifest}: every file above with its size and SHA-256
 * - `signature.json`           {@link BundleSignature}: Ed25519 over the exact bytes of manifest.json
 *
 * Nothing else may be in it. Readers check the signature first, then that the files are exactly
 * those of the manifest with those hashes, and only then read any of them.
 */
import { keyId, parsePublicKey } from './licence-keys';

export const BUNDLE_FORMAT = 'clearance-licence-bundle';
export const BUNDLE_VERSION = 1;

export type Language = 'en' | 'fr' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'es'];

export interface LicenceDocument {
  format: typeof BUNDLE_FORMAT;
  version: number;
  licence: {
    id: string;
    /** Bumped on every change of the licence on the hub; a newer revision replaces an older one. */
    revision: number;
    licensee: { country: string; administration: string };
    courseIds: string[];
    languages: Language[];
    /** ISO dates (YYYY-MM-DD), both days included. */
    validFrom: string;
    validUntil: string;
    /** Learners who may enrol in each course; null for no cap. */
    seatCap: number | null;
    translationAllowed: boolean;
  };
  issuedAt: string;
  /**
   * Optional (absent in bundles of older hubs: read as none): the certificate keys the hub vouches
   * for, its own and those of the Clearance servers it trusts. A national server that imports the
   * bundle trusts certificates they signed (docs/certificates.md).
   */
  certificateIssuers?: CertificateIssuerKey[];
}

/** A certificate key a hub vouches for in its bundles. */
export interface CertificateIssuerKey {
  /** The first 16 hex digits of the SHA-256 of the key's SPKI DER. */
  keyId: string;
  /** Base64 SPKI DER of the Ed25519 public key. */
  publicKey: string;
  administration: string | null;
  country: string | null;
  url: string | null;
}

export interface CourseDocument {
  id: string;
  topic: string | null;
  estimatedHours: number | null;
  texts: Array<{ language: Language; title: string; description: string }>;
  packages: Array<{
    id: string;
    language: Language;
    version: number;
    /** `packages/<id>.zip` */
    file: string;
  }>;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: number;
  files: Array<{ path: string; size: number; sha256: string }>;
}

export interface BundleSignature {
  algorithm: 'Ed25519';
  keyId: string;
  /** Base64 of the 64-byte signature over manifest.json's bytes. */
  signature: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The names a bundle may hold. */
export const BUNDLE_PATH =
  /^(licence\.json|manifest\.json|signature\.json|courses\/[0-9a-f-]{36}\.json|packages\/[0-9a-f-]{36}\.zip)$/;

export class BundleFormatError extends Error {
  override name = 'BundleFormatError';
}

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BundleFormatError(`${where} must be an object`);
  }
  return value as Json;
}

function string(value: unknown, where: string, pattern?: RegExp, max = 20_000): string {
  if (typeof value !== 'string' || value.length > max || (pattern && !pattern.test(value))) {
    throw new BundleFormatError(`${where} is missing or malformed`);
  }
  return value;
}

function integer(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BundleFormatError(`${where} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function array(value: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length > max) {
    throw new BundleFormatError(`${where} must be a list of at most ${max}`);
  }
  return value;
}

function language(value: unknown, where: string): Language {
  if (!LANGUAGES.includes(value as Language)) {
    throw new BundleFormatError(`${where} must be one of en, fr, es`);
  }
  return value as Language;
}

function versionOf(doc: Json, where: string): void {
  if (doc.format !== BUNDLE_FORMAT) {
    throw new BundleFormatError(`${where} is not a Clearance licence bundle document`);
  }
  if (doc.version !== BUNDLE_VERSION) {
    throw new BundleFormatError(
      `${where} has format version ${String(doc.version)}; this server reads version ${BUNDLE_VERSION}`,
    );
  }
}

function realDate(value: unknown, where: string): string {
  const text = string(value, where, DATE);
  if (
    Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ||
    new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text
  ) {
    throw new BundleFormatError(`${where} is not a real date`);
  }
  return text;
}

export function parseLicenceDocument(raw: unknown): LicenceDocument {
  const doc = object(raw, 'licence.json');
  versionOf(doc, 'licence.json');
  const licence = object(doc.licence, 'licence');
  const licensee = object(licence.licensee, 'licence.licensee');
  const validFrom = realDate(licence.validFrom, 'licence.validFrom');
  const validUntil = realDate(licence.validUntil, 'licence.validUntil');
  if (validUntil < validFrom) {
    throw new BundleFormatError('licence.validUntil is before licence.validFrom');
  }
  const courseIds = array(licence.courseIds, 'licence.courseIds', 1000).map((id, i) =>
    string(id, `licence.courseIds[${i}]`, UUID),
  );
  if (courseIds.length === 0 || new Set(courseIds).size !== courseIds.length) {
    throw new BundleFormatError('licence.courseIds must list at least one course, each once');
  }
  const languages = array(licence.languages, 'licence.languages', 3).map((l, i) =>
    language(l, `licence.languages[${i}]`),
  );
  if (languages.length === 0 || new Set(languages).size !== languages.length) {
    throw new BundleFormatError('licence.languages must list at least one language, each once');
  }
  if (typeof licence.translationAllowed !== 'boolean') {
    throw new BundleFormatError('licence.translationAllowed must be true or false');
  }
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    licence: {
      id: string(licence.id, 'licence.id', UUID),
      revision: integer(licence.revision, 'licence.revision', 1, 1_000_000),
      licensee: {
        country: string(licensee.country, 'licence.licensee.country', /^[A-Z]{2}$/),
        administration: string(licensee.administration, 'licence.licensee.administration', /\S/, 200),
      },
      courseIds,
      languages,
      validFrom,
      validUntil,
      seatCap: licence.seatCap === null ? null : integer(licence.seatCap, 'licence.seatCap', 1, 10_000_000),
      translationAllowed: licence.translationAllowed,
    },
    issuedAt: string(doc.issuedAt, 'issuedAt', /^\d{4}-\d{2}-\d{2}T/, 40),
    certificateIssuers: certificateIssuers(doc.certificateIssuers),
  };
}

function certificateIssuers(raw: unknown): CertificateIssuerKey[] {
  if (raw === undefined) return [];
  const issuers = array(raw, 'certificateIssuers', 100).map((value, i) => {
    const where = `certificateIssuers[${i}]`;
    const issuer = object(value, where);
    const keyText = string(issuer.publicKey, `${where}.publicKey`, /^[A-Za-z0-9+/=]+$/, 200);
    let id: string;
    try {
      id = keyId(parsePublicKey(keyText));
    } catch (error) {
      throw new BundleFormatError(`${where}.publicKey: ${(error as Error).message}`);
    }
    if (issuer.keyId !== id) throw new BundleFormatError(`${where}.keyId is not the id of its public key`);
    const optional = (field: string, pattern: RegExp, max: number) =>
      issuer[field] === null || issuer[field] === undefined
        ? null
        : string(issuer[field], `${where}.${field}`, pattern, max);
    return {
      keyId: id,
      publicKey: keyText,
      administration: optional('administration', /\S/, 200),
      country: optional('country', /^[A-Z]{2}$/, 2),
      url: optional('url', /^https?:\/\//, 300),
    };
  });
  if (new Set(issuers.map((issuer) => issuer.keyId)).size !== issuers.length) {
    throw new BundleFormatError('certificateIssuers lists a key twice');
  }
  return issuers;
}

export function parseCourseDocument(raw: unknown, where: string): CourseDocument {
  const doc = object(raw, where);
  const id = string(doc.id, `${where} id`, UUID);
  const texts = array(doc.texts, `${where} texts`, 3).map((value, i) => {
    const text = object(value, `${where} texts[${i}]`);
    return {
      language: language(text.language, `${where} texts[${i}].language`),
      title: string(text.title, `${where} texts[${i}].title`, /\S/, 300),
      description: string(text.description ?? '', `${where} texts[${i}].description`, undefined, 20_000),
    };
  });
  if (texts.length === 0 || new Set(texts.map((t) => t.language)).size !== texts.length) {
    throw new BundleFormatError(`${where} must have one text per language, at least one`);
  }
  const packages = array(doc.packages, `${where} packages`, 100).map((value, i) => {
    const pkg = object(value, `${where} packages[${i}]`);
    const packageId = string(pkg.id, `${where} packages[${i}].id`, UUID);
    const file = string(pkg.file, `${where} packages[${i}].file`);
    if (file !== `packages/${packageId}.zip`) {
      throw new BundleFormatError(`${where} packages[${i}].file must be packages/${packageId}.zip`);
    }
    return {
      id: packageId,
      language: language(pkg.language, `${where} packages[${i}].language`),
      version: integer(pkg.version, `${where} packages[${i}].version`, 1, 1_000_000),
      file,
    };
  });
  return {
    id,
    topic: doc.topic === null ? null : string(doc.topic, `${where} topic`, /^[a-z0-9-]{1,40}$/),
    estimatedHours:
      doc.estimatedHours === null
        ? null
        : typeof doc.estimatedHours === 'number' && doc.estimatedHours >= 0 && doc.estimatedHours < 10_000
          ? doc.estimatedHours
          : (() => {
              throw new BundleFormatError(`${where} estimatedHours must be a number of hours or null`);
            })(),
    texts,
    packages,
  };
}

export function parseManifestDocument(raw: unknown): BundleManifest {
  const doc = object(raw, 'manifest.json');
  versionOf(doc, 'manifest.json');
  const files = array(doc.files, 'manifest.json files', 2000).map((value, i) => {
    const file = object(value, `manifest.json files[${i}]`);
    return {
      path: string(file.path, `manifest.json files[${i}].path`, BUNDLE_PATH, 100),
      size: integer(file.size, `manifest.json files[${i}].size`, 0, Number.MAX_SAFE_INTEGER),
      sha256: string(file.sha256, `manifest.json files[${i}].sha256`, /^[0-9a-f]{64}$/),
    };
  });
  const paths = files.map((file) => file.path);
  if (new Set(paths).size !== paths.length) {
    throw new BundleFormatError('manifest.json lists a file twice');
  }
  if (paths.includes('manifest.json') || paths.includes('signature.json') || !paths.includes('licence.json')) {
    throw new BundleFormatError('manifest.json must list licence.json and the content, not itself or the signature');
  }
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, files };
}

export function parseSignatureDocument(raw: unknown): BundleSignature {
  const doc = object(raw, 'signature.json');
  if (doc.algorithm !== 'Ed25519') {
    throw new BundleFormatError('signature.json must use Ed25519');
  }
  return {
    algorithm: 'Ed25519',
    keyId: string(doc.keyId, 'signature.json keyId', /^[0-9a-f]{16}$/),
    signature: string(doc.signature, 'signature.json signature', /^[A-Za-z0-9+/]{86}==$/),
  };
}
