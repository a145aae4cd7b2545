import { searchWords } from './words';

export type IndexLanguage = 'en' | 'fr' | 'es';

const LANGUAGE_BITS: Record<IndexLanguage, number> = { en: 1, fr: 2, es: 4 };

/** One course as the search index holds it: what filters and sorts need, and its searchable text. */
export interface IndexedCourse {
  courseId: string;
  status: string;
  topicCode: string | null;
  languages: readonly IndexLanguage[];
  createdAt: Date;
  /** The licence's first and last day (YYYY-MM-DD) for a licensed course; null otherwise. */
  licenceFrom: string | null;
  licenceUntil: string | null;
  /** Every language's title and description. */
  document: string;
  /** The course's titles (also in `document`): their words weigh more in the ranking. */
  titles?: readonly string[];
}

export interface TextQuery {
  /** Search words (see queryWords): each must be the start of a word of the course's texts; none: every course. */
  words: readonly string[];
  statuses: readonly string[];
  topic?: string;
  lang?: IndexLanguage;
  /** When set (YYYY-MM-DD, the database's today): licensed courses outside their licence's days are left out. */
  licenceDay?: string;
  /** `relevance` (BM25; needs words), `newest` (created, newest first) or `title` (in `titleOrder`). */
  sort: 'relevance' | 'newest' | 'title';
  /** Course ids in the display language's title order (the database's collation); required for `title`. */
  titleOrder?: readonly string[];
  offset: number;
  limit: number;
}

/** Where each term occurs: parallel lists of document slots and counts, in the order added. */
interface Postings {
  slots: number[];
  counts: number[];
}

// BM25's usual constants: term-frequency saturation and length normalisation.
const K1 = 1.2;
const B = 0.75;
/** Extra occurrences a word of the title counts for. */
const TITLE_WEIGHT = 2;

/**
 * An in-memory inverted index of the catalogue's course texts with BM25 ranking, filters and the
 * catalogue's three sorts. Every word of a query must match (as a word prefix, so "harmon" finds
 * "Harmonized"); a course's score is the sum over the query's words of its best-scoring matching
 * term. Ranking happens here rather than in MariaDB because InnoDB full-text ranks every match of a
 * word before it can return the first page: ~70 ms for a word found in all of 10,000 courses,
 * against a few milliseconds here.
 *
 * A course that changes gets a new slot; the old one is only marked dead (its postings stay until
 * the owner rebuilds the index, see `deadSlots`), so updates cost the course's own words.
 */
export class CourseTextIndex {
  private readonly ids: string[] = [];
  private readonly alive: boolean[] = [];
  private readonly statuses: string[] = [];
  private readonly topics: Array<string | null> = [];
  private readonly languageBits: number[] = [];
  private readonly created: number[] = [];
  private readonly licenceFrom: Array<string | null> = [];
  private readonly licenceUntil: Array<string | null> = [];
  private readonly lengths: number[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, Postings>();
  /** Every term, sorted, for prefix lookups; null when a new term has arrived since it was sorted. */
  private sortedTerms: string[] | null = [];
  private liveCount = 0;
  private liveLength = 0;
  /** Moves on with every change; cached orders are for one version. */
  private version = 0;
  private newest: { version: number; slots: number[] } | null = null;
  private byId: { version: number; ranks: Int32Array } | null = null;
  private readonly orders = new WeakMap<readonly string[], { version: number; slots: number[] }>();

  /** Courses in the index. */
  get size(): number {
    return this.liveCount;
  }

  /** Slots left behind by changed or removed courses (memory a rebuild would give back). */
  get deadSlots(): number {
    return this.ids.length - this.liveCount;
  }

  /** Adds a course, or replaces what the index held for it. */
  upsert(course: IndexedCourse): void {
    this.remove(course.courseId);
    this.version += 1;
    const slot = this.ids.length;
    const words = searchWords(course.document);
    this.ids.push(course.courseId);
    this.alive.push(true);
    this.statuses.push(course.status);
    this.topics.push(course.topicCode);
    this.languageBits.push(course.languages.reduce((bits, language) => bits | (LANGUAGE_BITS[language] ?? 0), 0));
    this.created.push(course.createdAt.getTime());
    this.licenceFrom.push(course.licenceFrom);
    this.licenceUntil.push(course.licenceUntil);
    this.lengths.push(words.length);
    this.slotOf.set(course.courseId, slot);
    this.liveCount += 1;
    this.liveLength += words.length;
    const counts = new Map<string, number>();
    for (const word of words) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    // A word of a title counts as if it were written TITLE_WEIGHT times more (a light BM25F).
    for (const word of new Set((course.titles ?? []).flatMap((title) => searchWords(title)))) {
      if (counts.has(word)) {
        counts.set(word, counts.get(word)! + TITLE_WEIGHT);
      }
    }
    for (const [term, count] of counts) {
      let postings = this.postings.get(term);
      if (!postings) {
        postings = { slots: [], counts: [] };
        this.postings.set(term, postings);
        this.sortedTerms = null;
      }
      postings.slots.push(slot);
      postings.counts.push(count);
    }
  }

  remove(courseId: string): void {
    const slot = this.slotOf.get(courseId);
    if (slot === undefined) {
      return;
    }
    this.slotOf.delete(courseId);
    this.version += 1;
    this.alive[slot] = false;
    this.liveCount -= 1;
    this.liveLength -= this.lengths[slot];
  }

  search(query: TextQuery): { ids: string[]; total: number } {
    if (query.sort === 'relevance' && query.words.length === 0) {
      throw new Error('a relevance sort needs search words');
    }
    if (query.sort === 'title' && !query.titleOrder) {
      throw new Error('a title sort needs the title order');
    }
    const matches = query.words.length > 0 ? this.match(query.words) : null;
    const statuses = new Set(query.statuses);
    const languageBit = query.lang ? LANGUAGE_BITS[query.lang] : 0;
    const day = query.licenceDay;
    const wanted = (slot: number): boolean =>
      this.alive[slot] &&
      (matches === null || matches.matched[slot] === query.words.length) &&
      statuses.has(this.statuses[slot]) &&
      (query.topic === undefined || this.topics[slot] === query.topic) &&
      (languageBit === 0 || (this.languageBits[slot] & languageBit) !== 0) &&
      (day === undefined ||
        this.licenceUntil[slot] === null ||
        (this.licenceFrom[slot]! <= day && day <= this.licenceUntil[slot]));
    const end = query.offset + query.limit;
    if (query.sort === 'relevance') {
      const hits = matches!.candidates.filter(wanted);
      const scores = matches!.scores;
      const idRanks = this.idRanks();
      const better = (a: number, b: number) => scores[b] - scores[a] || idRanks[a] - idRanks[b];
      return {
        ids: firstOf(hits, end, better)
          .slice(query.offset)
          .map((slot) => this.ids[slot]),
        total: hits.length,
      };
    }
    // Title and newest: walk the catalogue in that order, keeping the page and counting the rest.
    const order = query.sort === 'newest' ? this.newestOrder() : this.slotOrder(query.titleOrder!);
    const ids: string[] = [];
    let total = 0;
    for (let i = 0; i < order.length; i++) {
      const slot = order[i];
      if (wanted(slot)) {
        if (total >= query.offset && total < end) {
          ids.push(this.ids[slot]);
        }
        total += 1;
      }
    }
    return { ids, total };
  }

  /** Per slot: how many of the words it matched (all of them, in order) and its BM25 score; the slots of the first word. */
  private match(words: readonly string[]): { matched: Uint8Array; scores: Float64Array; candidates: number[] } {
    const slotCount = this.ids.length;
    const matched = new Uint8Array(slotCount);
    const scores = new Float64Array(slotCount);
    // The score the current word has given each course (a word's best term counts, not the sum).
    const wordScores = new Float64Array(slotCount);
    const averageLength = this.liveCount > 0 ? this.liveLength / this.liveCount : 1;
    const candidates: number[] = [];
    for (let w = 0; w < words.length; w++) {
      for (const term of this.expand(words[w])) {
        const { slots, counts } = this.postings.get(term)!;
        const idf = Math.log(1 + (slotCount - slots.length + 0.5) / (slots.length + 0.5));
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i];
          const seen = matched[slot];
          if (seen < w || !this.alive[slot]) {
            continue;
          }
          const count = counts[i];
          const score = (idf * count * (K1 + 1)) / (count + K1 * (1 - B + (B * this.lengths[slot]) / averageLength));
          if (seen === w) {
            matched[slot] = w + 1;
            wordScores[slot] = score;
            scores[slot] += score;
            if (w === 0) {
              candidates.push(slot);
            }
          } else if (seen === w + 1 && score > wordScores[slot]) {
            scores[slot] += score - wordScores[slot];
            wordScores[slot] = score;
          }
        }
      }
    }
    return { matched, scores, candidates };
  }

  /** Each live slot's place in course id order (ties in score go by id), so comparing is arithmetic. */
  private idRanks(): Int32Array {
    if (this.byId?.version !== this.version) {
      const ranks = new Int32Array(this.ids.length);
      [...this.slotOf.values()].sort((a, b) => this.compareIds(a, b)).forEach((slot, rank) => (ranks[slot] = rank));
      this.byId = { version: this.version, ranks };
    }
    return this.byId.ranks;
  }

  private compareIds(a: number, b: number): number {
    return this.ids[a] < this.ids[b] ? -1 : this.ids[a] > this.ids[b] ? 1 : 0;
  }

  /** Live slots, newest course first (ties by id); kept until the index changes. */
  private newestOrder(): readonly number[] {
    if (this.newest?.version !== this.version) {
      const slots = [...this.slotOf.values()].sort(
        (a, b) => this.created[b] - this.created[a] || this.compareIds(a, b),
      );
      this.newest = { version: this.version, slots };
    }
    return this.newest.slots;
  }

  /**
   * Live slots in the order of the given course ids; live courses the list does not name (changed
   * after it was read) come last, by id, so an order a moment old never loses a course.
   */
  private slotOrder(ids: readonly string[]): readonly number[] {
    const cached = this.orders.get(ids);
    if (cached?.version === this.version) {
      return cached.slots;
    }
    const slots: number[] = [];
    const placed = new Set<number>();
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined && !placed.has(slot)) {
        slots.push(slot);
        placed.add(slot);
      }
    }
    const rest = [...this.slotOf.values()].filter((slot) => !placed.has(slot));
    slots.push(...rest.sort((a, b) => this.compareIds(a, b)));
    this.orders.set(ids, { version: this.version, slots });
    return slots;
  }

  /** The terms a search word stands for: every term it is the start of. */
  private expand(word: string): string[] {
    this.sortedTerms ??= [...this.postings.keys()].sort();
    const terms = this.sortedTerms;
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (terms[middle] < word) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    const out: string[] = [];
    for (let i = low; i < terms.length && terms[i].startsWith(word); i++) {
      out.push(terms[i]);
    }
    return out;
  }
}

/** The first `count` items of `items` in `compare` order (a bounded heap when that is fewer than all). */
export function firstOf(items: number[], count: number, compare: (a: number, b: number) => number): number[] {
  if (count <= 0) {
    return [];
  }
  if (count * 4 >= items.length) {
    return items.sort(compare).slice(0, count);
  }
  // A max-heap (by `compare`) of the best `count` seen so far: its root is the worst of them.
  const heap: number[] = [];
  const worse = (a: number, b: number) => compare(a, b) > 0;
  const up = (at: number) => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(heap[at], heap[parent])) {
        break;
      }
      [heap[at], heap[parent]] = [heap[parent], heap[at]];
      at = parent;
    }
  };
  const down = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && worse(heap[left], heap[worst])) {
        worst = left;
      }
      if (right < heap.length && worse(heap[right], heap[worst])) {
        worst = right;
      }
      if (worst === at) {
        return;
      }
      [heap[at], heap[worst]] = [heap[worst], heap[at]];
      at = worst;
    }
  };
  for (const item of items) {
    if (heap.length < count) {
      heap.push(item);
      up(heap.length - 1);
    } else if (compare(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}
