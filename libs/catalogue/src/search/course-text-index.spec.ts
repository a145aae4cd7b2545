import { CourseTextIndex, type IndexedCourse, type TextQuery } from './course-text-index';
import { queryWords, searchWords } from './words';

const course = (courseId: string, document: string, extra: Partial<IndexedCourse> = {}): IndexedCourse => ({
  courseId,
  status: 'published',
  topicCode: 'customs-valuation',
  languages: ['en'],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  licenceFrom: null,
  licenceUntil: null,
  document,
  ...extra,
});

const query = (q: string, extra: Partial<TextQuery> = {}): TextQuery => ({
  words: queryWords(q),
  statuses: ['published'],
  sort: 'relevance',
  offset: 0,
  limit: 20,
  ...extra,
});

describe('search words', () => {
  it('fold case, accents, ligatures and the letters the collation expands', () => {
    expect(searchWords('Évaluation en DOUANE : œuvre, Straße, ﬁscal, Ærø, Łódź')).toEqual([
      'evaluation',
      'en',
      'douane',
      'oeuvre',
      'strasse',
      'fiscal',
      'aero',
      'lodz',
    ]);
  });

  it('split on punctuation in any script and keep letters and digits of every script', () => {
    expect(searchWords('HS-2022/chapter_85 «TIR» 関税 تعريفة')).toEqual([
      'hs',
      '2022',
      'chapter',
      '85',
      'tir',
      '関税',
      'تعريفة',
    ]);
  });

  it('leave a query of operators only without words, and keep at most 12 distinct words', () => {
    expect(queryWords('"+-*()<>~@')).toEqual([]);
    expect(queryWords('origin ORIGIN origine')).toEqual(['origin', 'origine']);
    expect(queryWords(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
  });
});

describe('CourseTextIndex', () => {
  const index = new CourseTextIndex();
  beforeAll(() => {
    index.upsert(course('a', 'Customs valuation basics\nÉvaluation en douane : les bases\nValoración en aduana'));
    index.upsert(course('b', 'Rules of origin\nRègles d’origine\nReglas de origen', { topicCode: 'rules-of-origin' }));
    index.upsert(course('c', 'The Harmonized System\nLe Système harmonisé', { languages: ['en', 'fr'] }));
    index.upsert(course('d', 'Customs customs customs: integrity in customs', { status: 'draft' }));
  });

  it('finds a course by any language, case- and accent-insensitively, every word required', () => {
    expect(index.search(query('evaluation')).ids).toEqual(['a']);
    expect(index.search(query('ÉVALUATION douane')).ids).toEqual(['a']);
    expect(index.search(query('valoracion')).ids).toEqual(['a']);
    expect(index.search(query('origen')).ids).toEqual(['b']);
    expect(index.search(query('evaluation origen'))).toEqual({ ids: [], total: 0 });
    expect(index.search(query('zeppelin'))).toEqual({ ids: [], total: 0 });
  });

  it('takes each word as the start of a word', () => {
    expect(index.search(query('harmon')).ids).toEqual(['c']);
    expect(index.search(query('syst harm')).ids).toEqual(['c']);
    expect(index.search(query('armon')).ids).toEqual([]);
  });

  it('keeps to the statuses, topic, language and licence days asked for', () => {
    expect(index.search(query('customs')).ids).toEqual(['a']);
    expect(index.search(query('customs', { statuses: ['published', 'draft'] })).ids.sort()).toEqual(['a', 'd']);
    expect(index.search(query('origin', { topic: 'customs-valuation' })).ids).toEqual([]);
    expect(index.search(query('system', { lang: 'fr' })).ids).toEqual(['c']);
    expect(index.search(query('origin', { lang: 'fr' })).ids).toEqual([]);

    const licensed = new CourseTextIndex();
    const within = { licenceFrom: '2026-01-01', licenceUntil: '2026-12-31' };
    licensed.upsert(course('own', 'Golf course'));
    licensed.upsert(course('lic', 'Golf licence', within));
    const on = (day?: string) => licensed.search(query('golf', { licenceDay: day })).ids.sort();
    expect(on('2026-06-01')).toEqual(['lic', 'own']);
    expect(on('2026-01-01')).toEqual(['lic', 'own']);
    expect(on('2026-12-31')).toEqual(['lic', 'own']);
    expect(on('2027-01-01')).toEqual(['own']);
    expect(on('2025-12-31')).toEqual(['own']);
    expect(on(undefined)).toEqual(['lic', 'own']); // admins: licence days not applied
  });

  it('ranks by BM25: more of the word in a shorter text first, ties by id', () => {
    const ranked = new CourseTextIndex();
    ranked.upsert(course('long', `customs ${'filler '.repeat(200)}`));
    ranked.upsert(course('dense', 'customs customs customs procedures'));
    ranked.upsert(course('short', 'customs procedures'));
    ranked.upsert(course('same-as-short', 'procedures customs'));
    expect(ranked.search(query('customs')).ids).toEqual(['dense', 'same-as-short', 'short', 'long']);
    // A rare word weighs more than a common one.
    ranked.upsert(course('rare', 'customs tariff'));
    expect(ranked.search(query('customs tariff')).ids).toEqual(['rare']);
    expect(ranked.search(query('cust')).ids[0]).toBe('dense');
  });

  it('ranks a course with the word in its title above one with it only in its description', () => {
    const titled = new CourseTextIndex();
    titled.upsert(course('in-text', 'Risk management\nProfiling and selectivity for cargo'));
    titled.upsert(
      course('in-title', 'Cargo selectivity\nHow risk engines choose what to inspect', {
        titles: ['Cargo selectivity'],
      }),
    );
    expect(titled.search(query('selectivity')).ids).toEqual(['in-title', 'in-text']);
    // Title words that the text lacks (cannot happen from the database) add nothing.
    titled.upsert(course('odd', 'Unrelated words', { titles: ['Selectivity'] }));
    expect(titled.search(query('selectivity')).ids).toEqual(['in-title', 'in-text']);
  });

  it('sorts by newest and by the given title order, and pages with the total', () => {
    const sorted = new CourseTextIndex();
    for (let i = 0; i < 25; i++) {
      sorted.upsert(
        course(`id-${String(i).padStart(2, '0')}`, `customs ${i}`, {
          createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
        }),
      );
    }
    const newest = sorted.search(query('customs', { sort: 'newest', limit: 3 }));
    expect(newest).toEqual({ ids: ['id-24', 'id-23', 'id-22'], total: 25 });
    // Title order as the database gave it; a course missing from it (changed since) comes last, by id.
    const titleOrder = Array.from({ length: 24 }, (_, i) => `id-${String((i * 7) % 25).padStart(2, '0')}`);
    const missing = Array.from({ length: 25 }, (_, i) => `id-${String(i).padStart(2, '0')}`).find(
      (id) => !titleOrder.includes(id),
    )!;
    const byTitle = sorted.search(query('customs', { sort: 'title', titleOrder, limit: 25 })).ids;
    expect(byTitle).toEqual([...titleOrder, missing]);
    expect(sorted.search(query('customs', { sort: 'title', titleOrder, offset: 5, limit: 2 }))).toEqual({
      ids: titleOrder.slice(5, 7),
      total: 25,
    });
    // Without words: every course the filters let through, in the asked order.
    expect(sorted.search(query('', { sort: 'newest', limit: 2 }))).toEqual({ ids: ['id-24', 'id-23'], total: 25 });
    expect(sorted.search(query('', { sort: 'title', titleOrder, statuses: ['draft'] }))).toEqual({ ids: [], total: 0 });
    expect(sorted.search(query('customs', { offset: 20, limit: 10 })).ids).toHaveLength(5);
    expect(sorted.search(query('customs', { offset: 40, limit: 10 }))).toEqual({ ids: [], total: 25 });
  });

  it('forgets a course’s old words when it changes, and a removed course', () => {
    const changing = new CourseTextIndex();
    changing.upsert(course('x', 'Transit procedures'));
    changing.upsert(course('y', 'Transit guarantees'));
    changing.upsert(course('x', 'Incoterms and delivery', { status: 'archived' }));
    expect(changing.search(query('transit')).ids).toEqual(['y']);
    expect(changing.search(query('incoterms')).ids).toEqual([]);
    expect(changing.search(query('incoterms', { statuses: ['archived'] })).ids).toEqual(['x']);
    expect(changing.size).toBe(2);
    expect(changing.deadSlots).toBe(1);
    changing.remove('y');
    expect(changing.search(query('transit')).total).toBe(0);
    expect(changing.size).toBe(1);
  });

  it('refuses a relevance sort without words and a title sort without the title order', () => {
    expect(() => index.search(query(''))).toThrow(/needs search words/);
    expect(() => index.search(query('customs', { sort: 'title' }))).toThrow(/title order/);
  });

  it('pages relevance through a bounded heap exactly as a full sort would', () => {
    const many = new CourseTextIndex();
    for (let i = 0; i < 400; i++) {
      many.upsert(
        course(`c-${String(i).padStart(3, '0')}`, `customs ${'word '.repeat(i % 37)}${'customs '.repeat(i % 5)}`),
      );
    }
    const all = many.search(query('customs', { limit: 400 }));
    expect(all.total).toBe(400);
    for (const [offset, limit] of [
      [0, 20],
      [20, 20],
      [380, 20],
      [390, 20],
      [0, 1],
    ]) {
      expect(many.search(query('customs', { offset, limit })).ids).toEqual(all.ids.slice(offset, offset + limit));
    }
  });
});
