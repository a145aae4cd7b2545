/** A failed API call, carrying the stable `code` of the API's error body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** VALIDATION_FAILED: the server's messages, one per problem (English; matched to fields, never shown). */
    readonly details: string[] = [],
    /** 429: seconds to wait, from the Retry-After header, when the server said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The network itself failed (offline, server down): no HTTP answer at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Network request failed', { cause });
    this.name = 'NetworkError';
  }
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON when given. */
  body?: unknown;
  accessToken?: string | null;
  signal?: AbortSignal;
  /** The Accept header; JSON unless told. */
  accept?: string;
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.ceil(seconds);
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function errorOf(response: Response): Promise<ApiError> {
  let parsed: ErrorBody = {};
  try {
    const text = await response.text();
    parsed = text ? ((JSON.parse(text) ?? {}) as ErrorBody) : {};
  } catch {
    parsed = {};
  }
  const code =
    typeof parsed.code === 'string'
      ? parsed.code
      : response.status === 429
        ? 'TOO_MANY_REQUESTS'
        : `HTTP_${response.status}`;
  const details = Array.isArray(parsed.details)
    ? parsed.details.filter((detail): detail is string => typeof detail === 'string')
    : [];
  return new ApiError(
    response.status,
    code,
    typeof parsed.message === 'string' ? parsed.message : response.statusText,
    details,
    retryAfterSeconds(response),
  );
}

/**
 * Calls the API and returns the successful response, unread; throws ApiError for an error answer and
 * NetworkError when there is no answer. Cookies go along (same origin): the refresh token lives there.
 */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.accessToken) {
    headers.Authorization = `Bearer ${options.accessToken}`;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) {
      throw error; // the caller gave up: not a network failure
    }
    throw new NetworkError(error);
  }
  if (!response.ok) {
    throw await errorOf(response);
  }
  return response;
}

/** Calls the API and returns its parsed JSON answer (undefined for an empty one, such as 204). */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  const text = await response.text();
  if (!text) {
    return undefined as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'INVALID_RESPONSE', 'The answer was not JSON');
  }
}

/** POSTs JSON to the API and returns the parsed JSON answer; throws ApiError or NetworkError. */
export function postJson<T>(path: string, body: unknown, accessToken?: string): Promise<T> {
  return requestJson<T>(path, { method: 'POST', body, accessToken });
}

/** Builds `path?key=value…`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** True when the caller aborted the request (a page was left, a newer request replaced it). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
