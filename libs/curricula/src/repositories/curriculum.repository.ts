import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CurriculumFile } from '../entities/curriculum-file.entity';
import { Curriculum, CurriculumLanguage } from '../entities/curriculum.entity';

export interface CurriculumSearch {
  q?: string;
  country?: string;
  lang?: CurriculumLanguage;
  topic?: string;
  page: number;
  pageSize: number;
}

/** Words of a search as InnoDB boolean-mode terms: each required, as a prefix; operators stripped. */
function booleanQuery(q: string): string {
  return q
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12)
    .map((word) => `+${word}*`)
    .join(' ');
}

/** Curricula and their files. Every active user may read them, so reads take no caller scope. */
@Injectable()
export class CurriculumRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Curriculum) private readonly curricula: Repository<Curriculum>,
    @InjectRepository(CurriculumFile) private readonly files: Repository<CurriculumFile>,
  ) {}

  async search(search: CurriculumSearch): Promise<{ items: Curriculum[]; total: number }> {
    const query = this.curricula.createQueryBuilder('c');
    const terms = search.q ? booleanQuery(search.q) : '';
    if (terms) {
      query.andWhere('MATCH(c.title, c.summary) AGAINST (:terms IN BOOLEAN MODE)', { terms });
    }
    if (search.country) {
      query.andWhere('c.country = :country', { country: search.country });
    }
    if (search.lang) {
      query.andWhere('JSON_CONTAINS(c.languages, :lang)', { lang: JSON.stringify(search.lang) });
    }
    if (search.topic) {
      query.andWhere('JSON_CONTAINS(c.topics, :topic)', { topic: JSON.stringify(search.topic) });
    }
    const [items, total] = await query
      .orderBy('c.updated_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((search.page - 1) * search.pageSize)
      .take(search.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  findById(id: string): Promise<Curriculum | null> {
    return this.curricula.findOneBy({ id });
  }

  async insert(curriculum: Curriculum): Promise<void> {
    await this.curricula.insert(curriculum);
  }

  async update(id: string, changes: Partial<Curriculum>): Promise<void> {
    await this.curricula.update({ id }, changes);
  }

  /**
   * Removes the curriculum; its file rows go with it (foreign key, ON DELETE CASCADE). Returns the
   * blob keys to delete.
   */
  async delete(id: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const files = await manager.find(CurriculumFile, {
        where: { curriculumId: id },
        lock: { mode: 'pessimistic_write' },
      });
      await manager.delete(Curriculum, { id });
      return files.map((file) => file.blobKey);
    });
  }

  filesOf(curriculumId: string): Promise<CurriculumFile[]> {
    return this.files.find({ where: { curriculumId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findFile(fileId: string): Promise<CurriculumFile | null> {
    return this.files.findOneBy({ id: fileId });
  }

  /** Records a file whose bytes `store` moves into place before the row commits. */
  async addFile(file: CurriculumFile, store: () => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(CurriculumFile, file);
      await store();
    });
  }

  async deleteFile(fileId: string): Promise<void> {
    await this.files.delete({ id: fileId });
  }
}
