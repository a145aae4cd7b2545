/** Letters the collation treats as two (or as a plain letter) that Unicode decomposition leaves whole. */
const FOLDED_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};
const FOLDED_PATTERN = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'gu');

/** A search word may not be longer than this; longer runs are cut (no real word is). */
export const MAX_WORD_LENGTH = 64;

/** Words of a search, at most this many (the rest are ignored). */
export const MAX_QUERY_WORDS = 12;

/**
 * The words of a text as the catalogue search compares them: case- and accent-insensitive
 * ("Évaluation" and "evaluation" are one word), compatibility forms unfolded (ligatures, full-width
 * letters), split on anything that is not a letter or a digit in any script.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(FOLDED_PATTERN, (letter) => FOLDED_LETTERS[letter])
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => (word.length > MAX_WORD_LENGTH ? word.slice(0, MAX_WORD_LENGTH) : word));
}

/** The words of a search box's text: distinct, at most MAX_QUERY_WORDS; operators and punctuation dropped. */
export function queryWords(q: string): string[] {
  return [...new Set(searchWords(q))].slice(0, MAX_QUERY_WORDS);
}
