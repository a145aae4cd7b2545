/**
 * Checks every request's parsed input (JSON body, query) before any validator, transformer or
 * database sees it (docs/api-input.md): text must be well-formed Unicode, and nesting stays shallow.
 * A lone UTF-16 surrogate (`"\ud800"` in JSON) is not text MariaDB, class-validator or a mail
 * server can handle, and a deeply nested body overflows the stack of recursive validators.
 */

/** Objects and arrays nested deeper than this are refused; the deepest request DTO is 3 levels. */
export const MAX_INPUT_DEPTH = 32;

export type InputProblem = { kind: 'lone-surrogate'; path: string } | { kind: 'too-deep'; path: string; limit: number };

const isWellFormedNative = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

/** True when `text` holds no lone UTF-16 surrogate (every code unit pair forms a code point). */
export function isWellFormedText(text: string): boolean {
  if (isWellFormedNative) {
    return isWellFormedNative.call(text);
  }
  // In a `u` regular expression a surrogate class only matches surrogates that are not paired.
  return !/[\uD800-\uDFFF]/u.test(text);
}

/**
 * Walks `value` without recursion (a hostile body may nest a million levels) and returns the first
 * problem: a string or key with a lone surrogate, or nesting past `maxDepth`. `where` names the
 * root in the problem's path (`body`, `query`).
 */
export function findInputProblem(value: unknown, where: string, maxDepth = MAX_INPUT_DEPTH): InputProblem | undefined {
  if (typeof value === 'string') {
    return isWellFormedText(value) ? undefined : { kind: 'lone-surrogate', path: where };
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const stack: Array<{ node: object; depth: number; path: string }> = [{ node: value, depth: 1, path: where }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (depth > maxDepth) {
      return { kind: 'too-deep', path, limit: maxDepth };
    }
    const isArray = Array.isArray(node);
    for (const key of Object.keys(node)) {
      const childPath = isArray ? `${path}[${key}]` : `${path}.${key}`;
      if (!isArray && !isWellFormedText(key)) {
        return { kind: 'lone-surrogate', path: `${path} (a key)` };
      }
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'string') {
        if (!isWellFormedText(child)) {
          return { kind: 'lone-surrogate', path: childPath };
        }
      } else if (typeof child === 'object' && child !== null) {
        stack.push({ node: child, depth: depth + 1, path: childPath });
      }
    }
  }
  return undefined;
}
