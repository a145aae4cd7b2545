import { ManifestError } from './manifest-error';

/** An href resolved against its xml:base chain. */
export interface ResolvedHref {
  /** A normalised package-relative path (query and fragment kept), or an absolute http(s) URL. */
  href: string;
  /** Whether `href` is an absolute http(s) URL outside the package. */
  external: boolean;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Resolves `href` against its xml:base values, outermost first (IMS CP: manifest, resources,
 * resource), and normalises the result. Each relative base is read as a directory, whether or not
 * it ends with `/` (what authoring tools mean, and what LMSs do). Throws `UNSAFE_HREF` for anything
 * that leaves the package: an absolute path, `..` past the package root (also percent-encoded),
 * an encoded `/` or `\` inside a segment, a scheme other than http(s). Backslashes are read as `/`
 * (Windows-authored manifests), with a note passed to `warn`.
 *
 * @param what names the reference in messages, e.g. `resource "r1" href`.
 * @returns `null` when the reference resolves to the package root itself (no file).
 */
export function resolveHref(
  bases: readonly (string | null)[],
  href: string,
  what: string,
  warn: (message: string) => void,
): ResolvedHref | null {
  let relative = backslashesToSlashes(href.trim(), what, warn);
  if (SCHEME.test(relative)) {
    return { href: checkExternalUrl(relative, what), external: true };
  }
  if (relative.startsWith('/')) {
    throw unsafe(what, href, 'it is an absolute path');
  }
  for (let i = bases.length - 1; i >= 0; i--) {
    const raw = bases[i];
    if (raw === null || raw.trim() === '') {
      continue;
    }
    let base = backslashesToSlashes(raw.trim(), `${what} (xml:base)`, warn);
    if (/[?#]/.test(base)) {
      warn(`The xml:base "${raw}" of ${what} has a query or fragment, which was ignored.`);
      base = base.replace(/[?#].*$/s, '');
    }
    if (SCHEME.test(base)) {
      const absolute = checkExternalUrl(base, `${what} (xml:base)`);
      let resolved: string;
      try {
        resolved = new URL(relative, absolute.endsWith('/') ? absolute : `${absolute}/`).href;
      } catch {
        throw unsafe(what, href, 'it cannot be resolved against its xml:base');
      }
      return { href: checkExternalUrl(resolved, what), external: true };
    }
    if (base.startsWith('/')) {
      throw unsafe(what, raw, 'its xml:base is an absolute path');
    }
    relative = base.endsWith('/') ? `${base}${relative}` : `${base}/${relative}`;
  }
  const path = normaliseRelative(relative, what, href);
  return path === '' ? null : { href: path, external: false };
}

/** A combined xml:base chain, normalised, as a directory (`a/b/`), or `''`. */
export function combineBases(bases: readonly (string | null)[], what: string, warn: (message: string) => void): string {
  const resolved = resolveHref(bases, './', what, warn);
  if (resolved === null) {
    return '';
  }
  return resolved.href.endsWith('/') ? resolved.href : `${resolved.href}/`;
}

/**
 * Appends an item's `parameters` to a launch href, as SCORM CAM describes: leading `?` and `&`
 * are removed; a parameter string that starts with `#` is a fragment, ignored when the href already
 * has one; otherwise the parameters join the href's query with `&` (or start it with `?`), and go
 * before the href's fragment. A fragment inside the parameters (`a=1#x`) becomes the fragment
 * unless the href has its own.
 */
export function joinParameters(href: string, parameters: string | null): string {
  if (parameters === null) {
    return href;
  }
  const params = parameters.trim().replace(/^[?&]+/, '');
  if (params === '') {
    return href;
  }
  const hashAt = href.indexOf('#');
  let main = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const hrefFragment = hashAt >= 0 ? href.slice(hashAt) : '';
  const paramsHashAt = params.indexOf('#');
  const query = paramsHashAt >= 0 ? params.slice(0, paramsHashAt) : params;
  const paramsFragment = paramsHashAt >= 0 ? params.slice(paramsHashAt) : '';
  if (query !== '') {
    if (!main.includes('?')) {
      main += `?${query}`;
    } else if (main.endsWith('?') || main.endsWith('&')) {
      main += query;
    } else {
      main += `&${query}`;
    }
  }
  return main + (hrefFragment !== '' ? hrefFragment : paramsFragment);
}

/** The file path of a package-relative href: no query or fragment, percent-decoded. */
export function hrefToPath(href: string): string {
  const path = href.replace(/[?#].*$/s, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function normaliseRelative(relative: string, what: string, original: string): string {
  const cut = relative.search(/[?#]/);
  const path = cut >= 0 ? relative.slice(0, cut) : relative;
  const suffix = cut >= 0 ? relative.slice(cut) : '';
  const out: string[] = [];
  const segments = path.split('/');
  for (const segment of segments) {
    const decoded = safeDecode(segment);
    if (decoded === '' || decoded === '.') {
      continue;
    }
    if (decoded === '..') {
      if (out.length === 0) {
        throw unsafe(what, original, 'it leads outside the package');
      }
      out.pop();
      continue;
    }
    if (/[/\\\0]/.test(decoded)) {
      throw unsafe(what, original, 'it encodes a path separator or NUL');
    }
    out.push(segment);
  }
  const directory = out.length > 0 && path.endsWith('/');
  const joined = out.join('/') + (directory ? '/' : '');
  return joined === '' ? '' : joined + suffix;
}

function checkExternalUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw unsafe(what, value, 'it is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw unsafe(what, value, `the scheme "${url.protocol}" is not allowed (only http and https, for external assets)`);
  }
  return value;
}

function backslashesToSlashes(value: string, what: string, warn: (message: string) => void): string {
  if (!value.includes('\\')) {
    return value;
  }
  warn(`The ${what} "${value}" uses backslashes; they were read as "/".`);
  return value.replace(/\\/g, '/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function unsafe(what: string, value: string, why: string): ManifestError {
  return new ManifestError('UNSAFE_HREF', `The ${what} "${value}" is refused: ${why}.`);
}
