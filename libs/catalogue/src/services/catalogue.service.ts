import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AuditAction, AuditService } from '@app/audit';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { CreateCourseDto, CourseQueryDto, UpdateCourseDto } from '../dto/course.dto';
import { CoursePackage, PackageLaunchable, ScormStandard } from '../entities/course-package.entity';
import { CourseTranslation } from '../entities/course-translation.entity';
import { Course, CourseOrigin, CourseStatus } from '../entities/course.entity';
import { CatalogueLanguage, CourseRepository } from '../repositories/course.repository';

export interface CatalogueViewer {
  /** '' for an anonymous visitor of the public catalogue. */
  id: string;
  isAdmin: boolean;
}

export interface CourseSummary {
  id: string;
  title: string;
  description: string;
  topic: string | null;
  status: CourseStatus;
  origin: CourseOrigin;
  estimatedHours: number | null;
  languages: CatalogueLanguage[];
}

export interface CourseDetail extends CourseSummary {
  texts: Array<{ language: CatalogueLanguage; title: string; description: string }>;
  packages: Array<{
    id: string;
    language: CatalogueLanguage;
    version: number;
    standard: string;
    edition: string | null;
    items: Array<{ id: string; title: string; type: 'sco' | 'asset' }>;
  }>;
}

const VISIBLE_TO_LEARNERS = [CourseStatus.Published];
const ALL_STATUSES = Object.values(CourseStatus);

function pickText(texts: CourseTranslation[], language: CatalogueLanguage): CourseTranslation | undefined {
  return texts.find((t) => t.language === language) ?? texts.find((t) => t.language === 'en') ?? texts[0];
}

export interface ImportedPackage {
  packageId: string;
  /** Add a version to this course; without it a new draft course is made, titled from the manifest. */
  courseId?: string;
  language: CatalogueLanguage;
  title: string;
  standard: ScormStandard;
  edition: string | null;
  manifest: object;
  launchables: PackageLaunchable[];
  scoCount: number;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  importJobId: string;
  requestedBy: string;
  /** For a translated package: the package (same course, another language) it was translated from. */
  sourcePackageId?: string;
  /** Publish the course in the same transaction (it now has a launchable package). */
  publish?: boolean;
}

/** A course as a licence bundle brings it, with its packages already inspected and stored. */
export interface LicensedCourse {
  id: string;
  licenceId: string;
  topic: string | null;
  estimatedHours: number | null;
  texts: Array<{ language: CatalogueLanguage; title: string; description: string }>;
  packages: Array<Omit<ImportedPackage, 'courseId' | 'requestedBy'>>;
  requestedBy: string;
}

/** The course catalogue: admins manage it; everyone signed in browses what is published. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly courses: CourseRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Who browses the catalogue: the signed-in caller, or an anonymous visitor (who sees what a
   * learner sees) while PUBLIC_CATALOGUE is on; with it off, no sign-in is a 401.
   */
  viewerOf(user: { id: string; isAdmin: boolean } | undefined): CatalogueViewer {
    if (user) {
      return user;
    }
    if (!this.config.publicCatalogue) {
      throw DomainException.unauthorized('Sign in to browse the catalogue', ErrorCode.Unauthorized);
    }
    return { id: '', isAdmin: false };
  }

  /**
   * True when the caller may add a package version to the course (any status: uploads may target
   * drafts): admins to any course, RTC staff only to courses they created.
   */
  async mayAddPackage(viewer: CatalogueViewer, id: string): Promise<boolean> {
    const course = await this.courses.findById(id, ALL_STATUSES);
    return Boolean(course && (viewer.isAdmin || course.createdBy === viewer.id));
  }

  /**
   * Records an imported package as the next version for its course and language, creating the
   * course first when none was given. One transaction: a failed import leaves no course behind.
   */
  async addImportedPackage(input: ImportedPackage): Promise<{ courseId: string; packageId: string; version: number }> {
    return this.dataSource.transaction(async (manager) => {
      await this.courses.lockCatalogue(manager);
      let courseId = input.courseId;
      if (courseId) {
        if (!(await this.courses.lockCourse(courseId, manager))) {
          throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
        }
      } else {
        courseId = randomUUID();
        await this.courses.insertCourse(
          Object.assign(new Course(), {
            id: courseId,
            topicCode: null,
            estimatedHours: null,
            status: CourseStatus.Draft,
            origin: CourseOrigin.Local,
            createdBy: input.requestedBy,
          }),
          [
            {
              courseId,
              language: input.language,
              title: input.title.slice(0, 300) || 'Untitled course',
              description: '',
            },
          ],
          manager,
        );
      }
      const version = await this.courses.nextPackageVersion(courseId, input.language, manager);
      await this.courses.addPackage(
        {
          id: input.packageId,
          courseId,
          language: input.language,
          version,
          standard: input.standard,
          edition: input.edition,
          title: input.title.slice(0, 300),
          manifest: input.manifest,
          launchables: input.launchables,
          scoCount: input.scoCount,
          sizeBytes: String(input.sizeBytes),
          sha256: input.sha256,
          storageKey: input.storageKey,
          sourcePackageId: input.sourcePackageId ?? null,
          importJobId: input.importJobId,
          createdAt: new Date(),
        },
        manager,
      );
      if (input.publish && input.launchables.length > 0) {
        await this.courses.markPublished(courseId, manager);
      }
      return { courseId, packageId: input.packageId, version };
    });
  }

  /**
   * Adds or refreshes a course received under a licence, in the caller's transaction: a new course
   * is published with the licence's texts; an existing one keeps its local texts and status (a
   * national admin may have customised them) and gains the texts of new languages. Packages are
   * added as new versions under their hub ids, once: a repeated import adds nothing.
   */
  async upsertLicensedCourse(
    manager: EntityManager,
    input: LicensedCourse,
  ): Promise<{ created: boolean; added: string[] }> {
    await this.courses.lockCatalogue(manager);
    const exists = await this.courses.lockCourse(input.id, manager);
    const topic = input.topic && (await this.courses.topicExists(input.topic)) ? input.topic : null;
    if (!exists) {
      await this.courses.insertCourse(
        Object.assign(new Course(), {
          id: input.id,
          topicCode: topic,
          estimatedHours: input.estimatedHours,
          status: CourseStatus.Published,
          origin: CourseOrigin.Licensed,
          createdBy: input.requestedBy,
          licenceId: input.licenceId,
        }),
        input.texts.map((text) => ({ courseId: input.id, ...text })),
        manager,
      );
    } else {
      await this.courses.markLicensed(input.id, input.licenceId, manager);
      await this.courses.addMissingTexts(
        input.id,
        input.texts.map((text) => ({ courseId: input.id, ...text })),
        manager,
      );
    }
    const added: string[] = [];
    for (const pkg of input.packages) {
      if (await this.courses.packageExists(pkg.packageId, manager)) {
        continue;
      }
      await this.courses.addPackage(
        {
          id: pkg.packageId,
          courseId: input.id,
          language: pkg.language,
          version: await this.courses.nextPackageVersion(input.id, pkg.language, manager),
          standard: pkg.standard,
          edition: pkg.edition,
          title: pkg.title.slice(0, 300),
          manifest: pkg.manifest,
          launchables: pkg.launchables,
          scoCount: pkg.scoCount,
          sizeBytes: String(pkg.sizeBytes),
          sha256: pkg.sha256,
          storageKey: pkg.storageKey,
          sourcePackageId: null,
          importJobId: pkg.importJobId,
          createdAt: new Date(),
        },
        manager,
      );
      added.push(pkg.packageId);
    }
    await this.courses.refreshSearch(input.id, manager);
    return { created: !exists, added };
  }

  /**
   * After a received licence's terms changed (in the caller's transaction, after its listed courses
   * went through `upsertLicensedCourse`): rebuilds the search rows of the courses it brought but no
   * longer lists, so they leave the catalogue as when a licence ends (attempts stay; admins see them).
   */
  async licenceTermsChanged(manager: EntityManager, licenceId: string, listed: string[]): Promise<void> {
    const dropped = (await this.courses.courseIdsOfLicence(licenceId, manager)).filter((id) => !listed.includes(id));
    for (const courseId of dropped) {
      await this.courses.refreshSearch(courseId, manager);
    }
  }

  topics(): ReturnType<CourseRepository['listTopics']> {
    return this.courses.listTopics();
  }

  async create(admin: CatalogueViewer, body: CreateCourseDto): Promise<CourseDetail> {
    if (!(await this.courses.topicExists(body.topic))) {
      throw DomainException.badRequest(`Unknown topic: ${body.topic}`, ErrorCode.UnknownTopic);
    }
    const languages = body.texts.map((text) => text.language);
    if (new Set(languages).size !== languages.length) {
      throw DomainException.badRequest('One text per language', ErrorCode.ValidationFailed);
    }
    const course: Course = Object.assign(new Course(), {
      id: randomUUID(),
      topicCode: body.topic,
      estimatedHours: body.estimatedHours ?? null,
      status: CourseStatus.Draft,
      origin: CourseOrigin.Local,
      createdBy: admin.id,
    });
    await this.dataSource.transaction(async (manager) => {
      await this.courses.create(
        course,
        body.texts.map((text) => ({ courseId: course.id, ...text })),
        manager,
      );
      await this.audit.record(manager, { action: AuditAction.CourseCreate, targetType: 'course', targetId: course.id });
    });
    return this.detail(admin, course.id, body.texts[0].language);
  }

  async update(admin: CatalogueViewer, id: string, body: UpdateCourseDto): Promise<CourseDetail> {
    const course = await this.courses.findById(id, ALL_STATUSES);
    if (!course) {
      throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
    }
    if (body.topic && !(await this.courses.topicExists(body.topic))) {
      throw DomainException.badRequest(`Unknown topic: ${body.topic}`, ErrorCode.UnknownTopic);
    }
    // Learners could find a published course but never start it: refused (a course already
    // published, e.g. by a licence, keeps its status when only its texts change).
    if (body.status === CourseStatus.Published && course.status !== CourseStatus.Published) {
      const packages = await this.courses.packagesOf(id);
      if (!packages.some((pkg) => pkg.launchables.length > 0)) {
        throw DomainException.conflict(
          'The course has no package with a launchable part: upload one before publishing it',
          ErrorCode.CourseNotLaunchable,
        );
      }
    }
    const language = body.language ?? 'en';
    let text: CourseTranslation | undefined;
    if (body.title !== undefined || body.description !== undefined) {
      const existing = (await this.courses.textsOf([id])).find((t) => t.language === language);
      if (!existing && body.title === undefined) {
        throw DomainException.badRequest(`A new ${language} text needs a title`, ErrorCode.ValidationFailed);
      }
      text = {
        courseId: id,
        language,
        title: body.title ?? existing!.title,
        description: body.description ?? existing?.description ?? '',
      };
    }
    await this.dataSource.transaction(async (manager) => {
      await this.courses.update(
        id,
        {
          ...(body.status ? { status: body.status } : {}),
          ...(body.topic ? { topicCode: body.topic } : {}),
          ...(body.estimatedHours !== undefined ? { estimatedHours: body.estimatedHours } : {}),
        },
        text,
        manager,
      );
      const changed = body.status && body.status !== course.status ? body.status : null;
      await this.audit.record(manager, {
        action:
          changed === CourseStatus.Published
            ? AuditAction.CoursePublish
            : changed === CourseStatus.Archived
              ? AuditAction.CourseArchive
              : AuditAction.CourseUpdate,
        targetType: 'course',
        targetId: id,
        details: changed ? { from: course.status, to: changed } : undefined,
      });
    });
    return this.detail(admin, id, language);
  }

  async search(viewer: CatalogueViewer, query: CourseQueryDto): Promise<{ items: CourseSummary[]; total: number }> {
    const statuses = viewer.isAdmin ? (query.status ? [query.status] : ALL_STATUSES) : VISIBLE_TO_LEARNERS;
    const display = query.display ?? query.lang ?? 'en';
    const { ids, total } = await this.courses.search({
      statuses,
      q: query.q,
      topic: query.topic,
      lang: query.lang,
      sort: query.sort ?? (query.q ? 'relevance' : 'title'),
      displayLanguage: display,
      withinLicence: !viewer.isAdmin,
      page: query.page,
      pageSize: query.pageSize,
    });
    const [courses, texts, packages] = await Promise.all([
      this.courses.findByIds(ids),
      this.courses.textsOf(ids),
      this.courses.packagesByCourse(ids),
    ]);
    const byId = new Map(courses.map((course) => [course.id, course]));
    const items = ids
      .map((id) => byId.get(id))
      .filter((course): course is Course => Boolean(course))
      .map((course) =>
        this.summary(
          course,
          texts.filter((t) => t.courseId === course.id),
          packages.filter((p) => p.courseId === course.id).map((p) => p.language),
          display,
        ),
      );
    return { items, total };
  }

  async detail(viewer: CatalogueViewer, id: string, display: CatalogueLanguage = 'en'): Promise<CourseDetail> {
    const course = await this.courses.findById(id, viewer.isAdmin ? ALL_STATUSES : VISIBLE_TO_LEARNERS);
    // A licensed course leaves the catalogue when its licence ends (admins still see it).
    if (!course || (!viewer.isAdmin && !(await this.courses.withinLicence(course)))) {
      throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
    }
    const [texts, packages] = await Promise.all([this.courses.textsOf([id]), this.courses.packagesOf(id)]);
    const latest = packages.filter(
      (pkg, index) => packages.findIndex((other) => other.language === pkg.language) === index,
    );
    return {
      ...this.summary(
        course,
        texts,
        packages.map((p) => p.language),
        display,
      ),
      texts: texts.map(({ language, title, description }) => ({ language, title, description })),
      packages: latest.map((pkg) => ({
        id: pkg.id,
        language: pkg.language,
        version: pkg.version,
        standard: pkg.standard,
        edition: pkg.edition,
        items: pkg.launchables.map((item) => ({ id: item.itemIdentifier, title: item.title, type: item.type })),
      })),
    };
  }

  /**
   * A published course as the learning run-time needs it: its texts and its package versions
   * (newest first per language, without manifests). Unknown or unpublished: 404 COURSE_NOT_FOUND.
   */
  async publishedCourse(
    id: string,
  ): Promise<{ id: string; texts: CourseTranslation[]; packages: CoursePackage[]; seatCap: number | null }> {
    const course = await this.courses.findById(id, VISIBLE_TO_LEARNERS);
    if (!course) {
      throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
    }
    if (!(await this.courses.withinLicence(course))) {
      throw DomainException.forbidden(
        "This course's licence is not in force on this server: it cannot be started (your progress is kept)",
        ErrorCode.LicenceExpired,
      );
    }
    const [texts, packages, seatCap] = await Promise.all([
      this.courses.textsOf([id]),
      this.courses.packagesOf(id),
      this.courses.seatCap(course),
    ]);
    return { id, texts, packages, seatCap };
  }

  /** Texts and package versions of courses (any status: a learner's history outlives publication). */
  async coursesForLearning(
    ids: string[],
  ): Promise<Array<{ id: string; texts: CourseTranslation[]; packages: CoursePackage[] }>> {
    const texts = await this.courses.textsOf(ids);
    return Promise.all(
      ids.map(async (id) => ({
        id,
        texts: texts.filter((text) => text.courseId === id),
        packages: await this.courses.packagesOf(id),
      })),
    );
  }

  /**
   * The titles of courses in every language they have, in one query (any status: for lists that
   * name courses, such as the hub's licences). Unknown ids are left out; the caller checks.
   */
  async courseTitles(
    ids: string[],
  ): Promise<Array<{ id: string; titles: Partial<Record<CatalogueLanguage, string>> }>> {
    const unique = [...new Set(ids)];
    const [courses, texts] = await Promise.all([this.courses.findByIds(unique), this.courses.textsOf(unique)]);
    return courses.map((course) => ({
      id: course.id,
      titles: Object.fromEntries(
        texts.filter((text) => text.courseId === course.id).map((text) => [text.language, text.title]),
      ),
    }));
  }

  /**
   * Courses as a licence bundle carries them: the course, its texts, and its newest package per
   * language (with where its files are). Unknown ids are left out; the caller checks.
   */
  async forLicence(
    ids: string[],
  ): Promise<Array<{ course: Course; texts: CourseTranslation[]; packages: CoursePackage[] }>> {
    const courses = await this.courses.findByIds(ids);
    const texts = await this.courses.textsOf(ids);
    return Promise.all(
      courses.map(async (course) => {
        const versions = await this.courses.packagesOf(course.id, true);
        const newest = versions.filter(
          (pkg, index) => versions.findIndex((o) => o.language === pkg.language) === index,
        );
        return { course, texts: texts.filter((text) => text.courseId === course.id), packages: newest };
      }),
    );
  }

  /**
   * A course's texts in two languages, for an XLIFF export (admins; any status). The source must
   * exist; the target may not yet.
   */
  async textsForTranslation(
    courseId: string,
    source: CatalogueLanguage,
    target: CatalogueLanguage,
  ): Promise<{ source: CourseTranslation; target: CourseTranslation | null }> {
    const course = await this.courses.findById(courseId, ALL_STATUSES);
    if (!course) {
      throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
    }
    const texts = await this.courses.textsOf([courseId]);
    const sourceText = texts.find((text) => text.language === source);
    if (!sourceText) {
      throw DomainException.badRequest(
        `The course has no ${source} text to translate from`,
        ErrorCode.ValidationFailed,
      );
    }
    await this.audit.record(null, {
      action: AuditAction.ExportXliff,
      targetType: 'course',
      targetId: courseId,
      details: { source, target },
    });
    return { source: sourceText, target: texts.find((text) => text.language === target) ?? null };
  }

  /**
   * Writes a translated text of a course (from an XLIFF import) with where it came from. A licensed
   * course takes translations only when its licence allows them. A unit the file leaves out keeps
   * the current text; a new language needs at least a title.
   */
  async applyTranslation(input: {
    courseId: string;
    source: CatalogueLanguage;
    target: CatalogueLanguage;
    title?: string;
    description?: string;
    sourceHash: string;
  }): Promise<void> {
    const course = await this.courses.findById(input.courseId, ALL_STATUSES);
    if (!course) {
      throw DomainException.notFound('Course', ErrorCode.CourseNotFound);
    }
    if (input.source === input.target) {
      throw DomainException.badRequest('The source and target languages are the same', ErrorCode.ValidationFailed);
    }
    if (course.licenceId && !(await this.courses.translationAllowed(course))) {
      throw DomainException.forbidden(
        "This course's licence does not allow translations",
        ErrorCode.TranslationNotAllowed,
      );
    }
    const existing = (await this.courses.textsOf([input.courseId])).find((text) => text.language === input.target);
    const title = input.title?.trim().slice(0, 300) || existing?.title;
    if (!title) {
      throw DomainException.badRequest(
        `A new ${input.target} text needs a translated title`,
        ErrorCode.ValidationFailed,
      );
    }
    await this.courses.update(
      input.courseId,
      {},
      {
        courseId: input.courseId,
        language: input.target,
        title,
        description: (input.description ?? existing?.description ?? '').slice(0, 20_000),
        sourceLanguage: input.source,
        sourceHash: input.sourceHash,
      },
    );
  }

  /** Translations whose source has changed since: texts whose source texts differ, packages with a newer source version. */
  staleTranslations(): ReturnType<CourseRepository['staleTranslations']> {
    return this.courses.staleTranslations();
  }

  /** Whether `packageId` is a package of `courseId` in another language than `language` (a translation's source). */
  async isTranslationSource(courseId: string, packageId: string, language: CatalogueLanguage): Promise<boolean> {
    const pkg = await this.courses.findPackage(packageId);
    return Boolean(pkg && pkg.courseId === courseId && pkg.language !== language);
  }

  /** One package version with its parsed manifest, or null. */
  packageWithManifest(packageId: string): Promise<CoursePackage | null> {
    return this.courses.findPackage(packageId);
  }

  private summary(
    course: Course,
    texts: CourseTranslation[],
    packageLanguages: CatalogueLanguage[],
    display: CatalogueLanguage,
  ): CourseSummary {
    const text = pickText(texts, display);
    const languages = [...new Set([...packageLanguages])].sort();
    return {
      id: course.id,
      title: text?.title ?? '',
      description: text?.description ?? '',
      topic: course.topicCode,
      status: course.status,
      origin: course.origin,
      estimatedHours: course.estimatedHours,
      languages: languages.length > 0 ? languages : [...new Set(texts.map((t) => t.language))].sort(),
    };
  }
}
