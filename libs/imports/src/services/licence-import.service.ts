import { Injectable, Logger } from '@nestjs/common';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CatalogueService, LicensedCourse } from '@app/catalogue';
import { AppConfig } from '@app/config';
import {
  BundleFormatError,
  BundleRejectedError,
  CourseDocument,
  keyId,
  LicenceDocument,
  parseCourseDocument,
  parseLicenceDocument,
  parseManifestDocument,
  parsePublicKey,
  parseSignatureDocument,
  ReadBundle,
  readBundle,
  ReceivedLicenceRepository,
  verifyBytes,
} from '@app/licences';
import { ImportLicenceBundlePayload, JobContext, JobName, JobResults } from '@app/queue';
import { BlobStore } from '@app/storage';
import { ImportJobRepository } from '../repositories/import-job.repository';
import { InspectionFailedError, PackageInspector } from '../sandbox/package-inspector';
import { endFailedImport } from './failed-import';
import { packageRecord } from './package-record';
import { startImportRun } from './import-run';

type Result = JobResults[JobName.ImportLicenceBundle];

/** Share of the progress bar each phase takes. */
const READ_SHARE = 25;
const PACKAGES_SHARE = 65;

const refuse = (code: string, message: string) => new BundleRejectedError(code, message);

/** No downgrade: replaying an older bundle of a licence must not bring back its older terms. */
const outdated = (held: number, offered: number) =>
  refuse(
    'LICENCE_OUTDATED',
    `Revision ${held} of this licence is already imported; this bundle is revision ${offered}, an older one: nothing was changed.`,
  );

/**
 * National side: imports a hub's signed licence bundle. Checks come first and refuse the whole
 * bundle with a reason a person can read (signature by a trusted hub key, files exactly as signed,
 * licence for this server and in force); then every package is inspected in the sandbox and
 * stored under its hub id; then one transaction records the licence, the courses and the package
 * versions, so nothing of a bundle is visible before all of it is. Repeats are harmless: the same
 * bundle is recognised by its hash, packages by their ids, and a killed run leaves only files that
 * the next run replaces.
 */
@Injectable()
export class LicenceImportService {
  private readonly logger = new Logger(LicenceImportService.name);

  constructor(
    private readonly jobs: ImportJobRepository,
    private readonly inspector: PackageInspector,
    private readonly blobs: BlobStore,
    private readonly catalogue: CatalogueService,
    private readonly config: AppConfig,
    private readonly receivedLicences: ReceivedLicenceRepository,
  ) {}

  async run(payload: ImportLicenceBundlePayload, context: JobContext): Promise<Result> {
    const id = payload.importJobId;
    const run = await startImportRun<Result>(this.jobs, id);
    if (run.finished) {
      return run.finished;
    }
    const workDir = await this.blobs.workDir(id);
    const stored: string[] = [];
    let lastProgress = 0;
    const progress = (percent: number): void => {
      const rounded = Math.floor(percent);
      if (rounded >= lastProgress + 5 || rounded === 100) {
        lastProgress = rounded;
        void context.reportProgress(rounded);
        void this.jobs.setProgress(id, rounded);
      }
    };
    try {
      const bundle = await readBundle(payload.uploadPath, path.join(workDir, 'bundle'), (f) =>
        progress(f * READ_SHARE),
      );
      const signer = await this.checkSignature(bundle);
      const licence = await this.checkLicence(bundle);
      const previous = await this.receivedLicences.findById(licence.licence.id);
      if (previous && previous.revision > licence.licence.revision) {
        throw outdated(previous.revision, licence.licence.revision);
      }
      // An ended licence is refused, unless it is a newer revision of one held here: that is how
      // the hub ends a licence early, and its new last day must reach this server.
      const today = new Date().toISOString().slice(0, 10);
      if (licence.licence.validUntil < today && !(previous && previous.revision < licence.licence.revision)) {
        throw refuse('LICENCE_EXPIRED', `This licence ended on ${licence.licence.validUntil}.`);
      }
      const courses = await this.readCourses(bundle, licence);
      if (previous?.bundleSha256 === payload.bundleSha256) {
        return await this.finish(payload, {
          licenceId: licence.licence.id,
          revision: licence.licence.revision,
          courseIds: licence.licence.courseIds,
          addedPackages: 0,
          alreadyImported: true,
        });
      }

      const packages = courses.flatMap((course) => course.packages.map((pkg) => ({ course, pkg })));
      const prepared = new Map<string, LicensedCourse['packages']>();
      let done = 0;
      for (const { course, pkg } of packages) {
        context.signal.throwIfAborted();
        const list = prepared.get(course.id) ?? [];
        prepared.set(course.id, list);
        if (await this.catalogue.packageWithManifest(pkg.id)) {
          done += 1;
          continue; // imported by an earlier bundle of this licence
        }
        const content = path.join(workDir, `content-${pkg.id}`);
        const inspection = await this.inspector.inspect(
          { zipPath: path.join(bundle.root, pkg.file), destination: content },
          (fraction) => progress(READ_SHARE + ((done + fraction) / packages.length) * PACKAGES_SHARE),
          context.signal,
        );
        const { manifest } = inspection;
        if (manifest.launchables.length === 0) {
          throw new InspectionFailedError(
            'NOTHING_TO_LAUNCH',
            `Package ${pkg.id} has no item that can be launched`,
            true,
          );
        }
        const storageKey = `packages/${pkg.id}`;
        await this.blobs.removeDirectory(storageKey); // what a killed earlier run may have left
        await this.blobs.commitDirectory(content, storageKey);
        stored.push(storageKey);
        list.push({
          packageId: pkg.id,
          language: pkg.language,
          ...packageRecord(inspection, storageKey),
          importJobId: id,
        });
        done += 1;
      }
      progress(READ_SHARE + PACKAGES_SHARE);

      let added = 0;
      await this.receivedLicences.inTransaction(async (manager) => {
        const terms = licence.licence;
        // Again under the licence's row lock: another import may have recorded a newer revision since.
        const held = await this.receivedLicences.lockedRevision(manager, terms.id);
        if (held !== null && held > terms.revision) {
          throw outdated(held, terms.revision);
        }
        await this.receivedLicences.save(manager, {
          id: terms.id,
          revision: terms.revision,
          keyId: signer,
          bundleSha256: payload.bundleSha256,
          licenseeCountry: terms.licensee.country,
          licenseeAdministration: terms.licensee.administration,
          courseIds: terms.courseIds,
          languages: terms.languages,
          validFrom: terms.validFrom,
          validUntil: terms.validUntil,
          seatCap: terms.seatCap,
          translationAllowed: terms.translationAllowed,
          importJobId: id,
          importedAt: new Date(),
        });
        for (const course of courses) {
          const outcome = await this.catalogue.upsertLicensedCourse(manager, {
            id: course.id,
            licenceId: terms.id,
            topic: course.topic,
            estimatedHours: course.estimatedHours,
            texts: course.texts,
            packages: prepared.get(course.id) ?? [],
            requestedBy: payload.requestedBy,
          });
          added += outcome.added.length;
        }
        await this.catalogue.licenceTermsChanged(manager, terms.id, terms.courseIds);
        // The hub's certificate keys: this server now verifies certificates they signed.
        await this.receivedLicences.saveCertificateKeys(manager, terms.id, signer, licence.certificateIssuers ?? []);
      });
      stored.length = 0; // recorded: no longer ours to clean up
      return await this.finish(payload, {
        licenceId: licence.licence.id,
        revision: licence.licence.revision,
        courseIds: licence.licence.courseIds,
        addedPackages: added,
        alreadyImported: false,
      });
    } catch (error) {
      return await endFailedImport(this.jobs, this.logger, context, {
        jobId: id,
        uploadPath: payload.uploadPath,
        error,
        permanent:
          error instanceof BundleRejectedError ||
          error instanceof BundleFormatError ||
          (error instanceof InspectionFailedError && error.permanent),
        code:
          error instanceof BundleRejectedError || error instanceof InspectionFailedError
            ? error.code
            : error instanceof BundleFormatError
              ? 'BUNDLE_INVALID'
              : 'IMPORT_FAILED',
        what: 'Licence bundle import',
        cleanUp: async () => {
          for (const key of stored) {
            await this.blobs.removeDirectory(key).catch(() => undefined);
          }
          await this.blobs.removeWorkDir(id);
        },
      });
    } finally {
      run.stop();
      await this.blobs.removeWorkDir(id);
    }
  }

  private async finish(payload: ImportLicenceBundlePayload, result: Result): Promise<Result> {
    // Clean before the job says it is done: a finished job has left nothing behind.
    await this.blobs.removeWorkDir(payload.importJobId);
    await rm(payload.uploadPath, { force: true });
    await this.jobs.markCompleted(payload.importJobId, result);
    this.logger.log({ jobId: payload.importJobId, ...result }, 'Licence bundle imported');
    return result;
  }

  /** The id of the trusted key whose signature over manifest.json holds; refuses otherwise. */
  private async checkSignature(bundle: ReadBundle): Promise<string> {
    if (this.config.licenceTrustedKeys.length === 0) {
      throw refuse('LICENSING_NOT_CONFIGURED', 'This server trusts no hub key (LICENCE_TRUSTED_KEYS is not set).');
    }
    const signature = parseSignatureDocument(await bundle.json('signature.json'));
    const trusted = this.config.licenceTrustedKeys.map((text) => parsePublicKey(text));
    const key = trusted.find((candidate) => keyId(candidate) === signature.keyId);
    if (!key) {
      throw refuse(
        'BUNDLE_UNKNOWN_SIGNER',
        `The bundle is signed by a key this server does not trust (key ${signature.keyId}).`,
      );
    }
    if (!bundle.files.has('manifest.json')) {
      throw refuse('BUNDLE_INCOMPLETE', 'The bundle has no manifest.json.');
    }
    const manifestBytes = await readFile(path.join(bundle.root, 'manifest.json'));
    if (!verifyBytes(key, manifestBytes, signature.signature)) {
      throw refuse('BUNDLE_BAD_SIGNATURE', 'The signature does not match the bundle: it was altered after signing.');
    }
    const manifest = parseManifestDocument(await bundle.json('manifest.json'));
    const listed = new Set(manifest.files.map((file) => file.path));
    for (const file of manifest.files) {
      const found = bundle.files.get(file.path);
      if (!found) {
        throw refuse('BUNDLE_INCOMPLETE', `The bundle is missing ${file.path}, which its manifest lists.`);
      }
      if (found.size !== file.size || found.sha256 !== file.sha256) {
        throw refuse('BUNDLE_TAMPERED', `${file.path} is not the file that was signed: the bundle was altered.`);
      }
    }
    for (const name of bundle.files.keys()) {
      if (name !== 'manifest.json' && name !== 'signature.json' && !listed.has(name)) {
        throw refuse('BUNDLE_UNEXPECTED_FILE', `${name} is in the bundle but not in its signed manifest.`);
      }
    }
    return signature.keyId;
  }

  private async checkLicence(bundle: ReadBundle): Promise<LicenceDocument> {
    const licence = parseLicenceDocument(await bundle.json('licence.json'));
    const { country, administration } = licence.licence.licensee;
    if (!this.config.serverCountry || !this.config.serverAdministration) {
      throw refuse(
        'LICENSING_NOT_CONFIGURED',
        'This server does not say whose it is (SERVER_COUNTRY and SERVER_ADMINISTRATION are not set).',
      );
    }
    const same = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;
    if (country !== this.config.serverCountry || !same(administration, this.config.serverAdministration)) {
      throw refuse(
        'LICENCE_WRONG_LICENSEE',
        `This licence is for ${administration} (${country}), not for this server's ${this.config.serverAdministration} (${this.config.serverCountry}).`,
      );
    }
    return licence;
  }

  private async readCourses(bundle: ReadBundle, licence: LicenceDocument): Promise<CourseDocument[]> {
    const courses: CourseDocument[] = [];
    for (const courseId of licence.licence.courseIds) {
      const name = `courses/${courseId}.json`;
      const course = parseCourseDocument(await bundle.json(name), name);
      if (course.id !== courseId) {
        throw refuse('BUNDLE_INVALID', `${name} describes course ${course.id}.`);
      }
      for (const pkg of course.packages) {
        if (!licence.licence.languages.includes(pkg.language)) {
          throw refuse(
            'BUNDLE_INVALID',
            `${name} lists a ${pkg.language} package; the licence covers ${licence.licence.languages.join(', ')}.`,
          );
        }
        if (!bundle.files.has(pkg.file)) {
          throw refuse('BUNDLE_INCOMPLETE', `The bundle is missing ${pkg.file}, which ${name} lists.`);
        }
      }
      courses.push(course);
    }
    return courses;
  }
}
