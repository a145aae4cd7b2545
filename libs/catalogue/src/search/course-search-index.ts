import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CatalogueLanguage, CourseSearch } from '../repositories/course.repository';
import { CourseTextIndex, type IndexedCourse, type IndexLanguage } from './course-text-index';

interface SearchRow {
  course_id: string;
  status: string;
  topic_code: string | null;
  languages: string;
  created_at: Date;
  licence_from: string | null;
  licence_until: string | null;
  document: string;
  generation: string | number;
  sort_en: string;
  sort_fr: string;
  sort_es: string;
}

/**
 * How often at most a process counts `course_search` to notice rows deleted or inserted by hand
 * (outside the catalogue's transactions, which the generation tracks exactly).
 */
const RECOUNT_MS = 1_000;

/** Rows read per query when the index is built (a large catalogue takes several). */
const LOAD_BATCH = 2_000;

const SELECT_ROWS = `SELECT course_id, status, topic_code, languages, created_at, document, generation,
    sort_en, sort_fr, sort_es,
    DATE_FORMAT(licence_from, '%Y-%m-%d') AS licence_from, DATE_FORMAT(licence_until, '%Y-%m-%d') AS licence_until
  FROM course_search`;

function indexed(row: SearchRow): IndexedCourse {
  return {
    courseId: row.course_id,
    status: row.status,
    topicCode: row.topic_code,
    languages: row.languages.split(',').filter(Boolean) as IndexLanguage[],
    createdAt: row.created_at,
    licenceFrom: row.licence_from,
    licenceUntil: row.licence_until,
    document: row.document,
    titles: [...new Set([row.sort_en, row.sort_fr, row.sort_es])],
  };
}

/**
 * The catalogue's word search, per api process: a CourseTextIndex of `course_search`, kept exactly
 * as current as the database. Every transaction that changes the catalogue takes the
 * `catalogue_generation` row lock and stamps the rows it writes with the new generation (see
 * CourseRepository.lockCatalogue), so generations commit in order; before each search one indexed
 * lookup asks for the highest generation, and the rows above the last one seen are read and indexed
 * first. A search therefore never misses a change committed before it started, whichever process
 * made the change, at the cost of one index lookup when nothing changed. Rows changed by hand,
 * outside those transactions, are noticed within {@link RECOUNT_MS} by a count of the table
 * (docs/architecture.md, "Catalogue search").
 *
 * The index is built on the first word search (never in processes that do not search, such as the
 * worker), and rebuilt from the table when changed courses have left as many dead slots as live ones.
 */
@Injectable()
export class CourseSearchIndex {
  private readonly logger = new Logger(CourseSearchIndex.name);
  private index = new CourseTextIndex();
  /** The highest generation indexed; -1 before the first load. */
  private generation = -1;
  /** The database's today (YYYY-MM-DD), as of the last catch-up: licences are in its days. */
  private today = '';
  /** When `course_search` was last counted (Date.now()); 0: count at the next catch-up. */
  private countedAt = 0;
  private titleOrders = new Map<CatalogueLanguage, { generation: number; ids: string[] }>();
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Builds the index now, in the background (a failure is logged; the next search tries again). */
  warm(): void {
    this.catchUp().catch((error: unknown) => this.logger.warn(`search index not built yet: ${String(error)}`));
  }

  /** One page of course ids with the total; without words, every course the filters let through. */
  async search(search: CourseSearch, words: string[]): Promise<{ ids: string[]; total: number }> {
    await this.catchUp();
    // Relevance needs words; without, the catalogue's own order is by title.
    const sort = search.sort === 'relevance' && words.length === 0 ? 'title' : search.sort;
    return this.index.search({
      words,
      statuses: search.statuses,
      topic: search.topic,
      lang: search.lang,
      licenceDay: search.withinLicence ? this.today : undefined,
      sort,
      titleOrder: sort === 'title' ? await this.titleOrder(search.displayLanguage) : undefined,
      offset: (search.page - 1) * search.pageSize,
      limit: search.pageSize,
    });
  }

  /**
   * Brings the index up to what is committed now. Concurrent callers share one catch-up; a caller
   * arriving while one runs waits for the next, which starts after it (the running one may have read
   * the database before the caller's moment).
   */
  private catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.readChanges().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.catchUp();
      });
    return this.next;
  }

  private async readChanges(): Promise<void> {
    // MAX(generation) is one lookup at the end of its index; COUNT(*) reads a whole index, so it runs
    // at most once per RECOUNT_MS (and on the catch-up after a change), not before every search.
    const startedAt = Date.now();
    const recount = startedAt - this.countedAt >= RECOUNT_MS;
    const [state] = await this.dataSource.query<
      Array<{ today: string; generation: string | number | null; courses?: string | number }>
    >(
      `SELECT DATE_FORMAT(CURRENT_DATE, '%Y-%m-%d') AS today,
              (SELECT MAX(generation) FROM course_search) AS generation
              ${recount ? ', (SELECT COUNT(*) FROM course_search) AS courses' : ''}`,
    );
    this.today = state.today;
    const latest = state.generation === null ? -1 : Number(state.generation);
    const unchanged = latest === this.generation;
    if (!unchanged) {
      // Count again on the next catch-up, which compares the index with the table once this change is in.
      this.countedAt = 0;
    } else if (recount) {
      this.countedAt = startedAt;
    }
    // Rows are only ever rewritten, never deleted, by the application. Rows deleted by hand (or a
    // test's reset) show as a lower highest generation when the newest went, else as a count the
    // index does not have at the next recount; so do rows inserted by hand.
    if (unchanged && (state.courses === undefined || Number(state.courses) === this.index.size)) {
      return;
    }
    // A database behind the index (restored, recreated, rows deleted), or many dead slots: rebuild.
    const rebuild =
      unchanged ||
      this.generation < 0 ||
      latest < this.generation ||
      this.index.deadSlots > Math.max(1_000, this.index.size);
    const started = Date.now();
    if (rebuild) {
      // Every row, in primary-key batches. A row rewritten meanwhile carries a generation above
      // `latest`, so the next catch-up reads it again.
      const index = new CourseTextIndex();
      let afterId = '';
      for (;;) {
        const rows = await this.dataSource.query<SearchRow[]>(
          `${SELECT_ROWS} WHERE course_id > ? ORDER BY course_id LIMIT ?`,
          [afterId, LOAD_BATCH],
        );
        rows.forEach((row) => index.upsert(indexed(row)));
        if (rows.length < LOAD_BATCH) {
          break;
        }
        afterId = rows[rows.length - 1].course_id;
      }
      this.index = index;
      this.generation = latest;
      this.logger.log(`search index built: ${index.size} courses in ${Date.now() - started} ms`);
      return;
    }
    // What committed since: whole transactions (their generations commit in order), so the highest
    // generation read is a point everything before has been read up to.
    const rows = await this.dataSource.query<SearchRow[]>(`${SELECT_ROWS} WHERE generation > ?`, [this.generation]);
    let highest = latest;
    for (const row of rows) {
      this.index.upsert(indexed(row));
      highest = Math.max(highest, Number(row.generation));
    }
    this.generation = highest;
    this.logger.debug(`search index caught up: ${rows.length} changed courses`);
  }

  /**
   * Course ids in a display language's title order, as the database's collation sorts them (read
   * again when the catalogue has changed since).
   */
  private async titleOrder(language: CatalogueLanguage): Promise<string[]> {
    const cached = this.titleOrders.get(language);
    if (cached && cached.generation === this.generation) {
      return cached.ids;
    }
    const generation = this.generation;
    const column = { en: 'sort_en', fr: 'sort_fr', es: 'sort_es' }[language];
    const rows = await this.dataSource.query<Array<{ course_id: string }>>(
      `SELECT course_id FROM course_search ORDER BY ${column}, course_id`,
    );
    const ids = rows.map((row) => row.course_id);
    this.titleOrders.set(language, { generation, ids });
    return ids;
  }
}
