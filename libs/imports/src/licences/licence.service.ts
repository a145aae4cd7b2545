import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Repository } from 'typeorm';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { BlobStore } from '@app/storage';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleManifest,
  BundleSignature,
  CourseDocument,
  LicenceDocument,
} from './bundle-format';
import { sha256File, writeJson, zipDirectory } from './bundle-writer';
import { Licence, LicenceLanguage } from './licence.entity';
import { keyId, parsePrivateKey, signBytes } from './licence-keys';

export interface NewLicence {
  licenseeCountry: string;
  licenseeAdministration: string;
  courseIds: string[];
  languages: LicenceLanguage[];
  validFrom: string;
  validUntil: string;
  seatCap: number | null;
  translationAllowed: boolean;
}

export interface BuiltBundle {
  /** The bundle zip, inside `workDir`. */
  file: string;
  fileName: string;
  /** Remove when the bundle has been sent. */
  cleanUp(): Promise<void>;
}

/** Hub side: licences granted to member administrations, and their signed bundles. */
@Injectable()
export class LicenceService {
  constructor(
    @InjectRepository(Licence) private readonly licences: Repository<Licence>,
    private readonly catalogue: CatalogueService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
  ) {}

  async create(adminId: string, input: NewLicence): Promise<Licence> {
    if (input.validUntil < input.validFrom) {
      throw DomainException.badRequest('validUntil is before validFrom', ErrorCode.ValidationFailed);
    }
    const found = await this.catalogue.forLicence(input.courseIds);
    const missing = input.courseIds.filter((id) => !found.some((entry) => entry.course.id === id));
    if (missing.length > 0) {
      throw DomainException.badRequest(`Unknown course(s): ${missing.join(', ')}`, ErrorCode.CourseNotFound);
    }
    const licence = Object.assign(new Licence(), {
      id: randomUUID(),
      revision: 1,
      ...input,
      createdBy: adminId,
    });
    await this.licences.insert(licence);
    return (await this.licences.findOneBy({ id: licence.id }))!;
  }

  list(): Promise<Licence[]> {
    return this.licences.find({ order: { createdAt: 'DESC' } });
  }

  async get(id: string): Promise<Licence> {
    const licence = await this.licences.findOneBy({ id });
    if (!licence) {
      throw DomainException.notFound('Licence', ErrorCode.LicenceNotFound);
    }
    return licence;
  }

  /**
   * Builds the licence's bundle (docs/licence-bundle.md): the licence, its courses' texts and the
   * newest package of each licensed language, a manifest of every file's SHA-256, and the hub's
   * Ed25519 signature over the manifest.
   */
  async buildBundle(id: string): Promise<BuiltBundle> {
    if (!this.config.licenceSigningKey) {
      throw new DomainException(
        ErrorCode.LicensingNotConfigured,
        409,
        'This server has no LICENCE_SIGNING_KEY: it cannot issue licence bundles',
      );
    }
    const privateKey = parsePrivateKey(this.config.licenceSigningKey);
    const licence = await this.get(id);
    const workId = randomUUID();
    const workDir = await this.blobs.workDir(workId);
    const cleanUp = () => this.blobs.removeWorkDir(workId);
    try {
      const root = path.join(workDir, 'bundle');
      await mkdir(path.join(root, 'courses'), { recursive: true });
      await mkdir(path.join(root, 'packages'), { recursive: true });
      const files: BundleManifest['files'] = [];
      const add = async (relative: string) =>
        files.push({ path: relative, ...(await sha256File(path.join(root, relative))) });

      const document: LicenceDocument = {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        licence: {
          id: licence.id,
          revision: licence.revision,
          licensee: { country: licence.licenseeCountry, administration: licence.licenseeAdministration },
          courseIds: licence.courseIds,
          languages: licence.languages,
          validFrom: licence.validFrom,
          validUntil: licence.validUntil,
          seatCap: licence.seatCap,
          translationAllowed: licence.translationAllowed,
        },
        issuedAt: new Date().toISOString(),
      };
      await writeJson(path.join(root, 'licence.json'), document);
      await add('licence.json');

      for (const { course, texts, packages } of await this.catalogue.forLicence(licence.courseIds)) {
        const licensed = packages.filter((pkg) => licence.languages.includes(pkg.language));
        const courseDocument: CourseDocument = {
          id: course.id,
          topic: course.topicCode,
          estimatedHours: course.estimatedHours === null ? null : Number(course.estimatedHours),
          texts: texts
            .filter((text) => licence.languages.includes(text.language))
            .map(({ language, title, description }) => ({ language, title, description })),
          packages: licensed.map((pkg) => ({
            id: pkg.id,
            language: pkg.language,
            version: pkg.version,
            file: `packages/${pkg.id}.zip`,
          })),
        };
        if (courseDocument.texts.length === 0) {
          courseDocument.texts = texts
            .slice(0, 1)
            .map(({ language, title, description }) => ({ language, title, description }));
        }
        for (const pkg of licensed) {
          await zipDirectory(this.blobs.localPath(pkg.storageKey), path.join(root, 'packages', `${pkg.id}.zip`));
          await add(`packages/${pkg.id}.zip`);
        }
        await writeJson(path.join(root, 'courses', `${course.id}.json`), courseDocument);
        await add(`courses/${course.id}.json`);
      }

      const manifest: BundleManifest = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, files };
      const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
      await writeFile(path.join(root, 'manifest.json'), manifestBytes, { flag: 'wx', mode: 0o600 });
      const signature: BundleSignature = {
        algorithm: 'Ed25519',
        keyId: keyId(privateKey),
        signature: signBytes(privateKey, manifestBytes),
      };
      await writeJson(path.join(root, 'signature.json'), signature);

      const file = path.join(workDir, 'bundle.zip');
      await zipDirectory(
        root,
        file,
        [
          'licence.json',
          ...files.map((f) => f.path).filter((p) => p !== 'licence.json'),
          'manifest.json',
          'signature.json',
        ],
        false,
      );
      const stamp = new Date().toISOString().slice(0, 10);
      return {
        file,
        fileName: `licence-${licence.licenseeCountry.toLowerCase()}-${licence.id.slice(0, 8)}-r${licence.revision}-${stamp}.zip`,
        cleanUp,
      };
    } catch (error) {
      await cleanUp();
      throw error;
    }
  }
}
