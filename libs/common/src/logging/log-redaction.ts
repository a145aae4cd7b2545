/**
 * What no log line may hold (docs/operations.md, "Logs"): launch tokens and the tokens of mailed
 * links in query strings (`?token=`), signed download links (`…/download/<token>`), the signature of
 * a content path (`/content/<package>/<expires>/<signature>/…`) and anything shaped like a JWT.
 * Used by the request logger's serializers (request, error) of the api and the worker.
 */
export const REDACTED = '[redacted]';

/** A character that cannot be part of a token in free text (URL delimiters, quotes, spaces). */
const STOP = `/?#&\\s"'<>\``;
const QUERY_SECRET = new RegExp(`([?&;](?:token|sig|signature)=)[^&#${STOP.slice(4)}]*`, 'gi');
const DOWNLOAD_TOKEN = new RegExp(`(/download/)[^${STOP}]+`, 'g');
const CONTENT_SIGNATURE = new RegExp(`(/content/(?!_launcher/)[^${STOP}]+/[^${STOP}]+/)[^${STOP}]+`, 'g');
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
/** `token = '…'`, `"token":"…"`, `tokenHash: …` in free text (a failed query, a serialized body). */
const KEYED_SECRET = /(\btoken\w*["']?\s*[=:]\s*["']?)[^"'\s&#,;)}]+/gi;
/** A quick test before the replacements, so ordinary lines cost one scan. */
const SUSPECT = /token|sig|download\/|content\/|eyJ/i;
/** Keys whose values are secrets whatever they hold. */
const SECRET_KEY = /token|sig(?:nature)?$|password|secret|authorization|cookie/i;

/** `text` with every token, signature and JWT it carries replaced by `[redacted]`. */
export function redactText(text: string): string {
  if (!SUSPECT.test(text)) {
    return text;
  }
  return text
    .replace(QUERY_SECRET, `$1${REDACTED}`)
    .replace(DOWNLOAD_TOKEN, `$1${REDACTED}`)
    .replace(CONTENT_SIGNATURE, `$1${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(KEYED_SECRET, `$1${REDACTED}`);
}

/**
 * A copy of `value` with secrets redacted: strings through {@link redactText}, values under secret
 * keys (`token`, `password`…) replaced whole. Depth-limited; errors keep their message and stack.
 */
export function redactDeep(value: unknown, depth = 4): unknown {
  if (typeof value === 'string') {
    return redactText(value);
  }
  if (value === null || typeof value !== 'object' || depth <= 0) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactDeep(item, depth - 1));
  }
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  const keys = new Set(Object.keys(source));
  if (value instanceof Error) {
    keys.add('message').add('stack');
  }
  for (const key of keys) {
    const field = source[key];
    copy[key] =
      SECRET_KEY.test(key) && (typeof field === 'string' || typeof field === 'number')
        ? REDACTED
        : redactDeep(field, depth - 1);
  }
  return copy;
}

/** The fields of a request as pino's standard request serializer gives them. */
export interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  query?: unknown;
  params?: unknown;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
}

/** The request as logged: URL, query, route parameters and the Referer header redacted. */
export function redactRequest(req: SerializedRequest): SerializedRequest {
  const headers = req.headers && { ...req.headers };
  if (headers && typeof headers.referer === 'string') {
    headers.referer = redactText(headers.referer);
  }
  return {
    id: req.id,
    method: req.method,
    url: req.url === undefined ? undefined : redactText(req.url),
    query: req.query === undefined ? undefined : redactDeep(req.query, 2),
    params: req.params === undefined ? undefined : redactDeep(req.params, 2),
    headers,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}
