import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { CoursePackage } from '../entities/course-package.entity';
import { CourseTranslation } from '../entities/course-translation.entity';
import { Course, CourseOrigin, CourseStatus } from '../entities/course.entity';
import { Topic } from '../entities/topic.entity';
import { CourseSearchIndex } from '../search/course-search-index';
import { queryWords } from '../search/words';

export type CatalogueLanguage = 'en' | 'fr' | 'es';

export interface CourseSearch {
  /** Statuses the caller may see: learners only `published`. */
  statuses: CourseStatus[];
  q?: string;
  topic?: string;
  /** Courses that have a package or a text in this language. */
  lang?: CatalogueLanguage;
  sort: 'relevance' | 'title' | 'newest';
  /** The language titles are sorted and shown in. */
  displayLanguage: CatalogueLanguage;
  /** Leave out licensed courses outside their licence's days (everyone but admins). */
  withinLicence: boolean;
  page: number;
  pageSize: number;
}

/**
 * The search index row of courses (append `WHERE c.id = ?`): status, topic, languages with a text
 * or a package, a display title per language (its own, else English, else any) and every text as
 * one document. A course its licence no longer lists gets no licensed day at all (its last day before
 * its first): it leaves the catalogue as when the licence ends. The migration that created `course_search` filled it with the same expressions.
 */
export const REFRESH_SEARCH_SQL = `INSERT INTO course_search
  (course_id, status, topic_code, languages, created_at, sort_en, sort_fr, sort_es, document, licence_from, licence_until,
   generation)
  SELECT c.id, c.status, c.topic_code,
    CONCAT_WS(',',
      IF(e.course_id IS NOT NULL OR EXISTS (SELECT 1 FROM course_packages p WHERE p.course_id = c.id AND p.language = 'en'), 'en', NULL),
      IF(f.course_id IS NOT NULL OR EXISTS (SELECT 1 FROM course_packages p WHERE p.course_id = c.id AND p.language = 'fr'), 'fr', NULL),
      IF(s.course_id IS NOT NULL OR EXISTS (SELECT 1 FROM course_packages p WHERE p.course_id = c.id AND p.language = 'es'), 'es', NULL)),
    c.created_at,
    COALESCE(e.title, f.title, s.title, ''), COALESCE(f.title, e.title, s.title, ''), COALESCE(s.title, e.title, f.title, ''),
    CONCAT_WS('\\n', e.title, e.description, f.title, f.description, s.title, s.description),
    rl.valid_from,
    IF(EXISTS (SELECT 1 FROM received_licence_courses rc WHERE rc.licence_id = rl.id AND rc.course_id = c.id),
      rl.valid_until, DATE_SUB(rl.valid_from, INTERVAL 1 DAY)),
    (SELECT g.generation FROM catalogue_generation g WHERE g.id = 1)
  FROM courses c
  LEFT JOIN received_licences rl ON rl.id = c.licence_id
  LEFT JOIN course_translations e ON e.course_id = c.id AND e.language = 'en'
  LEFT JOIN course_translations f ON f.course_id = c.id AND f.language = 'fr'
  LEFT JOIN course_translations s ON s.course_id = c.id AND s.language = 'es'`;

@Injectable()
export class CourseRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    @InjectRepository(CourseTranslation) private readonly translations: Repository<CourseTranslation>,
    @InjectRepository(CoursePackage) private readonly packages: Repository<CoursePackage>,
    @InjectRepository(Topic) private readonly topics: Repository<Topic>,
    private readonly searchIndex: CourseSearchIndex,
  ) {}

  listTopics(): Promise<Topic[]> {
    return this.topics.find({ order: { sortOrder: 'ASC' } });
  }

  topicExists(code: string): Promise<boolean> {
    return this.topics.existsBy({ code });
  }

  /** In the caller's transaction when given one, else in its own. */
  async create(course: Course, texts: CourseTranslation[], outer?: EntityManager): Promise<void> {
    await (outer ?? this.dataSource.manager).transaction(async (manager) => {
      await this.lockCatalogue(manager);
      await this.insertCourse(course, texts, manager);
    });
  }

  /**
   * Takes the catalogue's write lock for the transaction (and moves its generation on). Every
   * transaction that changes courses, their texts or packages takes it first, before any course row:
   * they then run one at a time in the same lock order (no deadlock between them), and each commits
   * a generation higher than all committed before it, which is what lets api processes catch up
   * with `generation > last seen` (CourseSearchIndex).
   */
  async lockCatalogue(manager: EntityManager): Promise<void> {
    await manager.query('UPDATE catalogue_generation SET generation = generation + 1 WHERE id = 1');
  }

  async insertCourse(course: Course, texts: CourseTranslation[], manager: EntityManager): Promise<void> {
    await manager.insert(Course, course);
    await manager.insert(CourseTranslation, texts);
    await this.refreshSearch(course.id, manager);
  }

  /**
   * Rewrites a course's row of the search index from its course, texts and packages. Called in the
   * transaction of every change to them, so the index is never behind what a search may show.
   */
  async refreshSearch(courseId: string, manager: EntityManager): Promise<void> {
    await this.lockCatalogue(manager);
    await manager.query('DELETE FROM course_search WHERE course_id = ?', [courseId]);
    await manager.query(`${REFRESH_SEARCH_SQL} WHERE c.id = ?`, [courseId]);
  }

  /** The courses a received licence brought (in the caller's transaction). */
  async courseIdsOfLicence(licenceId: string, manager: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM courses WHERE licence_id = ?', [licenceId]);
    return rows.map((row) => row.id);
  }

  /** Publishes a course and refreshes its search row (in the caller's transaction). */
  async markPublished(courseId: string, manager: EntityManager): Promise<void> {
    await manager.update(Course, { id: courseId }, { status: CourseStatus.Published });
    await this.refreshSearch(courseId, manager);
  }

  /** Marks an existing course as brought by a received licence (in the caller's transaction). */
  async markLicensed(courseId: string, licenceId: string, manager: EntityManager): Promise<void> {
    await manager.update(Course, { id: courseId }, { licenceId, origin: CourseOrigin.Licensed });
  }

  /** Adds the texts of languages the course has none in yet; existing texts are kept as they are. */
  async addMissingTexts(courseId: string, texts: CourseTranslation[], manager: EntityManager): Promise<void> {
    const have = new Set((await manager.findBy(CourseTranslation, { courseId })).map((text) => text.language));
    const missing = texts.filter((text) => !have.has(text.language));
    if (missing.length > 0) {
      await manager.insert(CourseTranslation, missing);
    }
  }

  packageExists(id: string, manager: EntityManager): Promise<boolean> {
    return manager.existsBy(CoursePackage, { id });
  }

  /** Locks the course row for the transaction (versions are numbered under this lock). */
  async lockCourse(id: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT id FROM courses WHERE id = ? FOR UPDATE', [id]);
    return rows.length === 1;
  }

  findById(id: string, statuses: CourseStatus[]): Promise<Course | null> {
    return this.courses.findOneBy({ id, status: In(statuses) });
  }

  textsOf(courseIds: string[]): Promise<CourseTranslation[]> {
    return courseIds.length === 0 ? Promise.resolve([]) : this.translations.findBy({ courseId: In(courseIds) });
  }

  /** A course's package versions, newest first per language, without manifests (`withStorage`: with their blob keys). */
  packagesOf(courseId: string, withStorage = false): Promise<CoursePackage[]> {
    return this.packages.find({
      where: { courseId },
      order: { language: 'ASC', version: 'DESC' },
      select: {
        storageKey: withStorage,
        id: true,
        courseId: true,
        language: true,
        version: true,
        standard: true,
        edition: true,
        title: true,
        launchables: true,
        scoCount: true,
        sizeBytes: true,
        createdAt: true,
        sourcePackageId: true,
      },
    });
  }

  /** One package version with its parsed manifest (the player needs the organization and item data). */
  findPackage(id: string): Promise<CoursePackage | null> {
    return this.packages.findOneBy({ id });
  }

  async update(
    id: string,
    changes: Partial<Pick<Course, 'status' | 'topicCode' | 'estimatedHours'>>,
    text?: CourseTranslation,
    outer?: EntityManager,
  ): Promise<void> {
    await (outer ?? this.dataSource.manager).transaction(async (manager) => {
      await this.lockCatalogue(manager);
      if (Object.keys(changes).length > 0) {
        await manager.update(Course, { id }, changes);
      }
      if (text) {
        await manager.upsert(CourseTranslation, text, ['courseId', 'language']);
      }
      await this.refreshSearch(id, manager);
    });
  }

  async addPackage(pkg: CoursePackage, manager: EntityManager): Promise<void> {
    await manager.insert(CoursePackage, pkg);
    await this.refreshSearch(pkg.courseId, manager);
  }

  async nextPackageVersion(courseId: string, language: CatalogueLanguage, manager: EntityManager): Promise<number> {
    const rows: Array<{ version: number | null }> = await manager.query(
      'SELECT MAX(version) AS version FROM course_packages WHERE course_id = ? AND language = ?',
      [courseId, language],
    );
    return Number(rows[0]?.version ?? 0) + 1;
  }

  /**
   * One page of course ids with the total, from the api's in-memory index of `course_search`
   * (CourseSearchIndex): words are searched in every language's title and description at once,
   * case- and accent-insensitively (so "evaluation" finds "Évaluation en douane"), ranked by BM25;
   * filters and the title and newest orders apply with or without words.
   */
  search(search: CourseSearch): Promise<{ ids: string[]; total: number }> {
    return this.searchIndex.search(search, search.q ? queryWords(search.q) : []);
  }

  /**
   * For a licensed course: whether today is within its licence's days and the licence still lists
   * it (a newer revision may have taken it out); true for other courses.
   */
  async withinLicence(course: Course): Promise<boolean> {
    if (!course.licenceId) {
      return true;
    }
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM received_licences rl JOIN received_licence_courses rc ON rc.licence_id = rl.id AND rc.course_id = ?
        WHERE rl.id = ? AND CURRENT_DATE BETWEEN rl.valid_from AND rl.valid_until`,
      [course.id, course.licenceId],
    );
    return rows.length === 1;
  }

  /** Learners a licensed course may enrol, per its licence; null for no cap (and unlicensed courses). */
  async seatCap(course: Course): Promise<number | null> {
    if (!course.licenceId) {
      return null;
    }
    const rows: Array<{ seat_cap: number | null }> = await this.dataSource.query(
      'SELECT seat_cap FROM received_licences WHERE id = ?',
      [course.licenceId],
    );
    return rows[0]?.seat_cap ?? null;
  }

  /** Whether a licensed course's licence allows translations (true for other courses). */
  async translationAllowed(course: Course): Promise<boolean> {
    if (!course.licenceId) {
      return true;
    }
    const rows: Array<{ translation_allowed: number }> = await this.dataSource.query(
      'SELECT translation_allowed FROM received_licences WHERE id = ?',
      [course.licenceId],
    );
    return Number(rows[0]?.translation_allowed ?? 0) === 1;
  }

  /**
   * Translations made from a source that has changed since: a text whose source language's texts
   * no longer hash to what it was translated from, and a package whose source package has a newer
   * version in its language.
   */
  async staleTranslations(): Promise<
    Array<{
      courseId: string;
      kind: 'text' | 'package';
      language: string;
      sourceLanguage: string;
      packageId: string | null;
      /** A package: the version of the source package it was translated from (null for texts). */
      sourceVersion: number | null;
      /** A package: the newest version of that source now (null for texts). */
      currentSourceVersion: number | null;
    }>
  > {
    const texts: Array<{ course_id: string; language: string; source_language: string }> = await this.dataSource.query(
      `SELECT t.course_id, t.language, t.source_language
         FROM course_translations t
         JOIN course_translations s ON s.course_id = t.course_id AND s.language = t.source_language
        WHERE t.source_hash IS NOT NULL
          AND t.source_hash <> SHA2(CONCAT(s.title, CHAR(0 USING utf8mb4), s.description), 256)
        ORDER BY t.course_id, t.language`,
    );
    const packages: Array<{
      course_id: string;
      language: string;
      source_language: string;
      id: string;
      source_version: number | string;
      current_source_version: number | string;
    }> = await this.dataSource.query(
      `SELECT p.course_id, p.language, src.language AS source_language, p.id,
                src.version AS source_version,
                (SELECT MAX(newest.version) FROM course_packages newest
                  WHERE newest.course_id = src.course_id AND newest.language = src.language) AS current_source_version
           FROM course_packages p
           JOIN course_packages src ON src.id = p.source_package_id
          WHERE EXISTS (SELECT 1 FROM course_packages newer
                         WHERE newer.course_id = src.course_id AND newer.language = src.language
                           AND newer.version > src.version)
            AND NOT EXISTS (SELECT 1 FROM course_packages later
                             WHERE later.course_id = p.course_id AND later.language = p.language
                               AND later.version > p.version)
          ORDER BY p.course_id, p.language`,
    );
    return [
      ...texts.map((row) => ({
        courseId: row.course_id,
        kind: 'text' as const,
        language: row.language,
        sourceLanguage: row.source_language,
        packageId: null,
        sourceVersion: null,
        currentSourceVersion: null,
      })),
      ...packages.map((row) => ({
        courseId: row.course_id,
        kind: 'package' as const,
        language: row.language,
        sourceLanguage: row.source_language,
        packageId: row.id,
        sourceVersion: Number(row.source_version),
        currentSourceVersion: Number(row.current_source_version),
      })),
    ];
  }

  findByIds(ids: string[]): Promise<Course[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.courses.findBy({ id: In(ids) });
  }

  packagesByCourse(courseIds: string[]): Promise<Array<Pick<CoursePackage, 'courseId' | 'language'>>> {
    return courseIds.length === 0
      ? Promise.resolve([])
      : this.packages.find({ where: { courseId: In(courseIds) }, select: { courseId: true, language: true } });
  }
}
