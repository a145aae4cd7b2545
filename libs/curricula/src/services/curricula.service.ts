import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AccountsService, CountriesService, RtcService } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import {
  BlobStore,
  cleanFileName,
  contentDisposition,
  contentTypeFor,
  DownloadLinkSigner,
  DownloadLinkView,
  isInlineType,
} from '@app/storage';
import { CreateCurriculumDto, CurriculumQueryDto, CurriculumView, UpdateCurriculumDto } from '../dto/curriculum.dto';
import { CurriculumFile } from '../entities/curriculum-file.entity';
import { Curriculum } from '../entities/curriculum.entity';
import { CurriculumRepository } from '../repositories/curriculum.repository';

/** Who is calling, as curricula and contact points need to know them. */
export interface CurriculaCaller {
  id: string;
  isAdmin: boolean;
  /** RTC staff, coordinators and the Secretariat share curricula. */
  mayShare: boolean;
  coordinatorCountries: string[];
  /** RTCs the caller is appointed staff of: they edit the curricula that name one (docs/people.md). */
  rtcIds: string[];
}

export const MAX_CURRICULUM_FILE_BYTES = 200 * 1024 ** 2;

export interface CurriculumUpload {
  tempPath: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

/** Shared curricula: every active user browses and searches; the owner (or the Secretariat) edits. */
@Injectable()
export class CurriculaService {
  constructor(
    private readonly curricula: CurriculumRepository,
    private readonly accounts: AccountsService,
    private readonly countries: CountriesService,
    private readonly rtcs: RtcService,
    private readonly blobs: BlobStore,
    private readonly links: DownloadLinkSigner,
  ) {}

  async search(
    caller: CurriculaCaller,
    query: CurriculumQueryDto,
  ): Promise<{ items: CurriculumView[]; total: number }> {
    const { items, total } = await this.curricula.search(query);
    return { items: await this.views(caller, items, false), total };
  }

  async get(caller: CurriculaCaller, id: string): Promise<CurriculumView> {
    return (await this.views(caller, [await this.find(id)], true))[0];
  }

  async create(caller: CurriculaCaller, body: CreateCurriculumDto): Promise<CurriculumView> {
    if (!caller.mayShare) {
      throw DomainException.forbidden('RTC staff, coordinators and the Secretariat share curricula');
    }
    this.checkCountry(body.country);
    const named = await this.namedRtc(caller, body.rtcId ?? null, body.rtc);
    const curriculum = Object.assign(new Curriculum(), {
      id: randomUUID(),
      ...body,
      ...named,
      ownerId: caller.id,
    });
    await this.curricula.insert(curriculum);
    return this.get(caller, curriculum.id);
  }

  async update(caller: CurriculaCaller, id: string, body: UpdateCurriculumDto): Promise<CurriculumView> {
    this.requireOwner(caller, await this.find(id));
    if (body.country !== undefined) {
      this.checkCountry(body.country);
    }
    const named = body.rtcId !== undefined ? await this.namedRtc(caller, body.rtcId, body.rtc) : {};
    const changes = Object.fromEntries(
      Object.entries({ ...body, ...named }).filter(([, value]) => value !== undefined),
    );
    if (Object.keys(changes).length > 0) {
      await this.curricula.update(id, changes);
    }
    return this.get(caller, id);
  }

  async remove(caller: CurriculaCaller, id: string): Promise<void> {
    this.requireOwner(caller, await this.find(id));
    const keys = await this.curricula.delete(id);
    await Promise.all(keys.map((key) => this.blobs.removeFile(key)));
  }

  /** Checked before the upload's bytes are read. */
  async prepareUpload(caller: CurriculaCaller, id: string): Promise<{ tempPath: string; maxBytes: number }> {
    this.requireOwner(caller, await this.find(id));
    return {
      tempPath: path.join(await this.blobs.uploadsDir(), `curriculum-${randomUUID()}`),
      maxBytes: MAX_CURRICULUM_FILE_BYTES,
    };
  }

  async addFile(caller: CurriculaCaller, id: string, upload: CurriculumUpload): Promise<CurriculumView> {
    try {
      this.requireOwner(caller, await this.find(id));
      const fileId = randomUUID();
      const name = cleanFileName(upload.fileName);
      const file = Object.assign(new CurriculumFile(), {
        id: fileId,
        curriculumId: id,
        name,
        blobKey: `curriculum-files/${id}/${fileId}`,
        sizeBytes: String(upload.sizeBytes),
        contentType: contentTypeFor(name),
        sha256: upload.sha256,
        uploadedBy: caller.id,
      });
      await this.curricula.addFile(file, () => this.blobs.commitFile(upload.tempPath, file.blobKey));
      return await this.get(caller, id);
    } finally {
      await rm(upload.tempPath, { force: true });
    }
  }

  async discardUpload(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  async download(fileId: string): Promise<{ localPath: string; contentType: string; disposition: string }> {
    const file = await this.curricula.findFile(fileId);
    if (!file) {
      throw DomainException.notFound('File', ErrorCode.CurriculumFileNotFound);
    }
    const inline = isInlineType(file.contentType);
    return {
      localPath: this.blobs.localPath(file.blobKey),
      contentType: inline ? file.contentType : 'application/octet-stream',
      disposition: contentDisposition(inline ? 'inline' : 'attachment', file.name),
    };
  }

  /** A short-lived link to a curriculum file that needs no Authorization header (any signed-in user). */
  async downloadLink(caller: CurriculaCaller, fileId: string): Promise<DownloadLinkView> {
    const file = await this.curricula.findFile(fileId);
    if (!file) {
      throw DomainException.notFound('File', ErrorCode.CurriculumFileNotFound);
    }
    const { token, expiresAt } = this.links.sign({ kind: 'curriculum-file', fileId, version: 0, userId: caller.id });
    return { url: `/api/curriculum-files/${fileId}/download/${token}`, expiresAt: expiresAt.toISOString() };
  }

  /** The download a signed link opens; a bad, expired or other file's token answers like a missing file. */
  async signedDownload(
    fileId: string,
    token: string,
  ): Promise<{ localPath: string; contentType: string; disposition: string }> {
    if (!this.links.verify('curriculum-file', fileId, token)) {
      throw DomainException.notFound('File', ErrorCode.CurriculumFileNotFound);
    }
    return this.download(fileId);
  }

  async deleteFile(caller: CurriculaCaller, fileId: string): Promise<void> {
    const file = await this.curricula.findFile(fileId);
    if (!file) {
      throw DomainException.notFound('File', ErrorCode.CurriculumFileNotFound);
    }
    this.requireOwner(caller, await this.find(file.curriculumId));
    await this.curricula.deleteFile(fileId);
    await this.blobs.removeFile(file.blobKey);
  }

  private async find(id: string): Promise<Curriculum> {
    const curriculum = await this.curricula.findById(id);
    if (!curriculum) {
      throw DomainException.notFound('Curriculum', ErrorCode.CurriculumNotFound);
    }
    return curriculum;
  }

  private canEdit(caller: CurriculaCaller, curriculum: Curriculum): boolean {
    return (
      caller.isAdmin ||
      curriculum.ownerId === caller.id ||
      (curriculum.rtcId !== null && caller.rtcIds.includes(curriculum.rtcId))
    );
  }

  /**
   * The RTC a curriculum names: one from the Secretariat's list (its name is copied into `rtc`),
   * which only the Secretariat or that RTC's staff may name; or none, with a free-text centre name.
   */
  private async namedRtc(
    caller: CurriculaCaller,
    rtcId: string | null,
    rtc: string | undefined,
  ): Promise<{ rtcId: string | null; rtc?: string }> {
    if (rtcId === null) {
      if (rtc === undefined) {
        throw DomainException.badRequest('Name the sharing centre (rtc) or an RTC (rtcId)', ErrorCode.ValidationFailed);
      }
      return { rtcId: null, rtc };
    }
    const record = await this.rtcs.get(rtcId);
    if (!caller.isAdmin && !caller.rtcIds.includes(record.id)) {
      throw DomainException.forbidden('Only staff of this RTC or the Secretariat may name it');
    }
    return { rtcId: record.id, rtc: record.name };
  }

  private requireOwner(caller: CurriculaCaller, curriculum: Curriculum): void {
    if (!this.canEdit(caller, curriculum)) {
      throw DomainException.forbidden('Only the curriculum’s owner or the Secretariat may change it');
    }
  }

  private checkCountry(code: string): void {
    if (!this.countries.isValid(code)) {
      throw DomainException.badRequest(`Unknown country: ${String(code)}`, ErrorCode.InvalidCountry);
    }
  }

  private async views(caller: CurriculaCaller, curricula: Curriculum[], withFiles: boolean): Promise<CurriculumView[]> {
    const owners = await this.accounts.usersByIds([...new Set(curricula.map((c) => c.ownerId))]);
    const names = new Map(owners.map((user) => [user.id, user.displayName]));
    return Promise.all(
      curricula.map(async (c) => ({
        id: c.id,
        title: c.title,
        country: c.country,
        rtc: c.rtc,
        rtcId: c.rtcId,
        languages: c.languages,
        topics: c.topics,
        summary: c.summary,
        ownerId: c.ownerId,
        ownerName: names.get(c.ownerId) ?? '',
        canEdit: this.canEdit(caller, c),
        files: withFiles
          ? (await this.curricula.filesOf(c.id)).map((f) => ({
              id: f.id,
              name: f.name,
              sizeBytes: Number(f.sizeBytes),
              contentType: f.contentType,
              createdAt: f.createdAt.toISOString(),
            }))
          : [],
        updatedAt: c.updatedAt.toISOString(),
      })),
    );
  }
}
