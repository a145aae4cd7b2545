import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { CoursePackage } from '../entities/course-package.entity';
import { CourseTranslation } from '../entities/course-translation.entity';
import { Course, CourseStatus } from '../entities/course.entity';
import { Topic } from '../entities/topic.entity';

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
  page: number;
  pageSize: number;
}

/** Words of a search as InnoDB boolean-mode terms: each required, as a prefix; operators stripped. */
export function booleanQuery(q: string): string {
  const words = q
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  return words.map((word) => `+${word}*`).join(' ');
}

@Injectable()
export class CourseRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    @InjectRepository(CourseTranslation) private readonly translations: Repository<CourseTranslation>,
    @InjectRepository(CoursePackage) private readonly packages: Repository<CoursePackage>,
    @InjectRepository(Topic) private readonly topics: Repository<Topic>,
  ) {}

  listTopics(): Promise<Topic[]> {
    return this.topics.find({ order: { sortOrder: 'ASC' } });
  }

  topicExists(code: string): Promise<boolean> {
    return this.topics.existsBy({ code });
  }

  async create(course: Course, texts: CourseTranslation[]): Promise<void> {
    await this.dataSource.transaction((manager) => this.insertCourse(course, texts, manager));
  }

  async insertCourse(course: Course, texts: CourseTranslation[], manager: EntityManager): Promise<void> {
    await manager.insert(Course, course);
    await manager.insert(CourseTranslation, texts);
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

  packagesOf(courseId: string): Promise<CoursePackage[]> {
    return this.packages.find({
      where: { courseId },
      order: { language: 'ASC', version: 'DESC' },
      select: {
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

  async update(
    id: string,
    changes: Partial<Pick<Course, 'status' | 'topicCode' | 'estimatedHours'>>,
    text?: CourseTranslation,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length > 0) {
        await manager.update(Course, { id }, changes);
      }
      if (text) {
        await manager.upsert(CourseTranslation, text, ['courseId', 'language']);
      }
    });
  }

  async addPackage(pkg: CoursePackage, manager: EntityManager): Promise<void> {
    await manager.insert(CoursePackage, pkg);
  }

  async nextPackageVersion(courseId: string, language: CatalogueLanguage, manager: EntityManager): Promise<number> {
    const rows: Array<{ version: number | null }> = await manager.query(
      'SELECT MAX(version) AS version FROM course_packages WHERE course_id = ? AND language = ?',
      [courseId, language],
    );
    return Number(rows[0]?.version ?? 0) + 1;
  }

  /**
   * One page of courses with the total. Full-text search runs on every language's title and
   * description (utf8mb4_unicode_ci: case- and accent-insensitive), so "evaluation" finds
   * "Évaluation en douane".
   */
  async search(search: CourseSearch): Promise<{ ids: string[]; total: number }> {
    const query = this.courses
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.status IN (:...statuses)', { statuses: search.statuses });
    if (search.topic) {
      query.andWhere('c.topic_code = :topic', { topic: search.topic });
    }
    if (search.lang) {
      query.andWhere(
        '(EXISTS (SELECT 1 FROM course_packages p WHERE p.course_id = c.id AND p.language = :lang) OR EXISTS (SELECT 1 FROM course_translations l WHERE l.course_id = c.id AND l.language = :lang))',
        { lang: search.lang },
      );
    }
    const terms = search.q ? booleanQuery(search.q) : '';
    if (terms) {
      query
        .innerJoin(
          (sub) =>
            sub
              .select('t.course_id', 'course_id')
              .addSelect('MAX(MATCH(t.title, t.description) AGAINST (:terms IN BOOLEAN MODE))', 'score')
              .from(CourseTranslation, 't')
              .where('MATCH(t.title, t.description) AGAINST (:terms IN BOOLEAN MODE)')
              .groupBy('t.course_id'),
          'hit',
          'hit.course_id = c.id',
        )
        .setParameter('terms', terms);
    }
    query
      .leftJoin(CourseTranslation, 'd', 'd.course_id = c.id AND d.language = :display', {
        display: search.displayLanguage,
      })
      .leftJoin(CourseTranslation, 'e', "e.course_id = c.id AND e.language = 'en'");
    const total = Number((await query.clone().select('COUNT(*)', 'n').getRawOne<{ n: string }>())?.n ?? 0);
    if (terms && search.sort === 'relevance') {
      query.orderBy('hit.score', 'DESC');
    } else if (search.sort === 'newest') {
      query.orderBy('c.created_at', 'DESC');
    } else {
      query.orderBy('COALESCE(d.title, e.title)', 'ASC');
    }
    const rows = await query
      .addOrderBy('c.id', 'ASC')
      .offset((search.page - 1) * search.pageSize)
      .limit(search.pageSize)
      .getRawMany<{ id: string }>();
    return { ids: rows.map((row) => row.id), total };
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
