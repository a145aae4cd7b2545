/** How a message box finds the `@Name` being typed and the members it may name (see MentionTextarea). */

const MAX_SUGGESTIONS = 8;

/** Letters of a name, compared without case or accents. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * The `@query` being typed just before the caret: `@` at the start or after a character that is not a
 * letter, digit or underscore (as the api reads mentions), then at least one letter, on one line.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || caret - at > 61) {
    return null;
  }
  if (at > 0 && /[\p{L}\p{N}_]/u.test(before[at - 1])) {
    return null;
  }
  const query = before.slice(at + 1);
  if (!/^\p{L}[\p{L}\p{N}_ .'’-]*$/u.test(query) || /\s\s/.test(query)) {
    return null;
  }
  return { start: at, query };
}

/** Members whose name, or a word of it, starts with the query. */
export function suggestMembers(members: { userId: string; displayName: string }[], query: string) {
  const wanted = fold(query);
  return members
    .filter((member) => {
      const name = fold(member.displayName);
      return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .slice(0, MAX_SUGGESTIONS);
}
