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

/** The ApiError of an error answer, from its body when it has the API's error shape. */
export async function errorOf(response: Response): Promise<ApiError> {
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

/** True when the caller aborted the request (a page was left, a newer request replaced it). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
