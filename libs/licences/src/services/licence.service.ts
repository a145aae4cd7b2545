import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EntityManager } from 'typeorm';
import { AuditAction, AuditService } from '@app/audit';
import { CatalogueService } from '@app/catalogue';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { BlobStore } from '@app/storage';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleManifest,
  BundleSignature,
  CertificateIssuerKey,
  CourseDocument,
  LicenceDocument,
} from '../bundle/bundle-format';
import { sha256File, writeJson, zipDirectory } from '../bundle/bundle-writer';
import { keyId, parsePrivateKey, parsePublicKey, publicKeyText, signBytes } from '../bundle/licence-keys';
import { LicenceChange, LicenceChangeKind, LicenceTerms } from '../entities/licence-change.entity';
import { Licence, LicenceLanguage } from '../entities/licence.entity';
import { LicenceRepository } from '../repositories/licence.repository';

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

/** What an edit may change: the terms, never the licensee (another licensee is another licence). */
export type LicenceEdit = Partial<LicenceTerms> & {
  /** The revision the editor saw; a different current revision is a 409 LICENCE_CHANGED. */
  revision?: number;
};

/** A licence as the hub's admins list it: with its courses' titles and its latest change. */
export interface LicenceView extends Licence {
  courses: Array<{ id: string; titles: Partial<Record<LicenceLanguage, string>> }>;
  lastChange: { revision: number; kind: LicenceChangeKind; changedBy: string; changedAt: Date } | null;
}

const TERMS: ReadonlyArray<keyof LicenceTerms> = [
  'courseIds',
  'languages',
  'validFrom',
  'validUntil',
  'seatCap',
  'translationAllowed',
];

const termsOf = (licence: LicenceTerms): LicenceTerms => ({
  courseIds: licence.courseIds,
  languages: licence.languages,
  validFrom: licence.validFrom,
  validUntil: licence.validUntil,
  seatCap: licence.seatCap,
  translationAllowed: licence.translationAllowed,
});

/** YYYY-MM-DD of a day relative to today, in UTC (the bundle's dates are UTC days). */
const utcDay = (offsetDays = 0): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

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
    private readonly licences: LicenceRepository,
    private readonly catalogue: CatalogueService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async create(adminId: string, input: NewLicence): Promise<Licence> {
    await this.checkTerms(input);
    const licence = Object.assign(new Licence(), {
      id: randomUUID(),
      revision: 1,
      ...input,
      createdBy: adminId,
      updatedBy: null,
    });
    await this.licences.inTransaction(async (manager) => {
      await this.licences.insert(manager, licence);
      await this.record(manager, licence, 'created', adminId);
    });
    return (await this.licences.findById(licence.id))!;
  }

  /**
   * Changes a licence's terms: a new revision, recorded in `licence_changes` with who made it, that
   * the next bundle carries. An edit that changes nothing makes no revision. Terms are checked as
   * when granting. `revision`, when given, must be the current one (no lost update between admins).
   */
  async update(adminId: string, id: string, edit: LicenceEdit): Promise<LicenceView> {
    return this.change(adminId, id, 'edited', edit.revision, (current) => ({ ...current, ...this.definedTerms(edit) }));
  }

  /**
   * Ends a licence early: its last day becomes yesterday (UTC), so it is not in force from today on
   * and its courses leave the national catalogue once the national server imports the new bundle.
   * A licence that had not begun gets yesterday as its first day too. Ending an ended licence is a
   * 409 LICENCE_ENDED.
   */
  async end(adminId: string, id: string, revision?: number): Promise<LicenceView> {
    const yesterday = utcDay(-1);
    return this.change(adminId, id, 'ended', revision, (current) => {
      if (current.validUntil < utcDay()) {
        throw DomainException.conflict(`This licence already ended on ${current.validUntil}`, ErrorCode.LicenceEnded);
      }
      return {
        ...current,
        validFrom: current.validFrom > yesterday ? yesterday : current.validFrom,
        validUntil: yesterday,
      };
    });
  }

  /** Every revision of a licence, newest first. */
  async history(id: string): Promise<LicenceChange[]> {
    await this.get(id);
    return this.licences.changesOf(id);
  }

  private definedTerms(edit: LicenceEdit): Partial<LicenceTerms> {
    return Object.fromEntries(TERMS.filter((key) => edit[key] !== undefined).map((key) => [key, edit[key]]));
  }

  private async change(
    adminId: string,
    id: string,
    kind: LicenceChangeKind,
    expectedRevision: number | undefined,
    next: (current: LicenceTerms) => LicenceTerms,
  ): Promise<LicenceView> {
    await this.licences.inTransaction(async (manager) => {
      const current = await this.licences.findForUpdate(manager, id);
      if (!current) {
        throw DomainException.notFound('Licence', ErrorCode.LicenceNotFound);
      }
      if (expectedRevision !== undefined && expectedRevision !== current.revision) {
        throw DomainException.conflict(
          `The licence was changed meanwhile: it is now at revision ${current.revision}, not ${expectedRevision}`,
          ErrorCode.LicenceChanged,
        );
      }
      const before = termsOf(current);
      const after = termsOf(next(before));
      if (JSON.stringify(after) === JSON.stringify(before)) {
        return; // nothing changes: no new revision
      }
      await this.checkTerms(after);
      const revision = current.revision + 1;
      await this.licences.updateTerms(manager, id, after, revision, adminId);
      await this.record(manager, { ...current, ...after, revision }, kind, adminId);
    });
    return this.getView(id);
  }

  private async record(
    manager: EntityManager,
    licence: LicenceTerms & { id: string; revision: number },
    kind: LicenceChangeKind,
    adminId: string,
  ): Promise<void> {
    await this.licences.recordChange(manager, {
      licenceId: licence.id,
      revision: licence.revision,
      kind,
      changedBy: adminId,
      terms: termsOf(licence),
    });
    await this.audit.record(manager, {
      action:
        kind === 'created'
          ? AuditAction.LicenceGrant
          : kind === 'ended'
            ? AuditAction.LicenceEnd
            : AuditAction.LicenceRevise,
      targetType: 'licence',
      targetId: licence.id,
      details: { revision: licence.revision },
    });
  }

  private async checkTerms(terms: LicenceTerms): Promise<void> {
    if (terms.validUntil < terms.validFrom) {
      throw DomainException.badRequest('validUntil is before validFrom', ErrorCode.ValidationFailed);
    }
    const found = await this.catalogue.courseTitles(terms.courseIds);
    const missing = terms.courseIds.filter((courseId) => !found.some((course) => course.id === courseId));
    if (missing.length > 0) {
      throw DomainException.badRequest(`Unknown course(s): ${missing.join(', ')}`, ErrorCode.CourseNotFound);
    }
  }

  /** Every licence, newest first, with its courses' titles and latest change (a few queries in all). */
  async listViews(): Promise<LicenceView[]> {
    return this.views(await this.list());
  }

  async getView(id: string): Promise<LicenceView> {
    return (await this.views([await this.get(id)]))[0];
  }

  private async views(licences: Licence[]): Promise<LicenceView[]> {
    if (licences.length === 0) {
      return [];
    }
    const [titles, latest] = await Promise.all([
      this.catalogue.courseTitles(licences.flatMap((licence) => licence.courseIds)),
      this.licences.currentChanges(licences),
    ]);
    return licences.map((licence) => {
      const change = latest.find((row) => row.licenceId === licence.id);
      return Object.assign(licence, {
        courses: licence.courseIds.map((courseId) => ({
          id: courseId,
          titles: titles.find((course) => course.id === courseId)?.titles ?? {},
        })),
        lastChange: change
          ? { revision: change.revision, kind: change.kind, changedBy: change.changedBy, changedAt: change.changedAt }
          : null,
      });
    });
  }

  list(): Promise<Licence[]> {
    return this.licences.list();
  }

  async get(id: string): Promise<Licence> {
    const licence = await this.licences.findById(id);
    if (!licence) {
      throw DomainException.notFound('Licence', ErrorCode.LicenceNotFound);
    }
    return licence;
  }

  /**
   * The certificate keys this hub vouches for in its bundles: its own (CERTIFICATE_SIGNING_KEY,
   * named by SERVER_ADMINISTRATION, SERVER_COUNTRY and PUBLIC_URL) and CERTIFICATE_TRUSTED_KEYS
   * (unnamed). A hub without a certificate key of its own (development) carries only the latter.
   */
  certificateIssuers(): CertificateIssuerKey[] {
    const issuers: CertificateIssuerKey[] = [];
    if (this.config.certificateSigningKey) {
      const own = parsePrivateKey(this.config.certificateSigningKey);
      issuers.push({
        keyId: keyId(own),
        publicKey: publicKeyText(own),
        administration: this.config.serverAdministration ?? null,
        country: this.config.serverCountry ?? null,
        url: this.config.publicUrl.origin,
      });
    }
    for (const text of this.config.certificateTrustedKeys) {
      const key = parsePublicKey(text);
      if (issuers.some((issuer) => issuer.keyId === keyId(key))) continue;
      issuers.push({
        keyId: keyId(key),
        publicKey: publicKeyText(key),
        administration: null,
        country: null,
        url: null,
      });
    }
    return issuers;
  }

  /**
   * Builds the licence's bundle (docs/licence-bundle.md): the licence, its courses' texts and the
   * newest package of each licensed language, a manifest of every file's SHA-256, and the hub's
   * Ed25519 signature over the manifest.
   */
  async buildBundle(id: string): Promise<BuiltBundle> {
    if (!this.config.licenceSigningKey) {
      throw DomainException.conflict(
        'This server has no LICENCE_SIGNING_KEY: it cannot issue licence bundles',
        ErrorCode.LicensingNotConfigured,
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
        certificateIssuers: this.certificateIssuers(),
      };
      await writeJson(path.join(root, 'licence.json'), document);
      await add('licence.json');

      for (const { course, texts, packages } of await this.catalogue.forLicence(licence.courseIds)) {
        const licensed = packages.filter((pkg) => licence.languages.includes(pkg.language));
        const courseDocument: CourseDocument = {
          id: course.id,
          topic: course.topicCode,
          estimatedHours: course.estimatedHours,
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
      await this.audit.record(null, {
        action: AuditAction.ExportLicenceBundle,
        targetType: 'licence',
        targetId: licence.id,
        details: { revision: licence.revision },
      });
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
