/** A failed API call, carrying the stable `code` of the API's error body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
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
}

/** POSTs JSON to the API and returns the parsed JSON answer; throws ApiError or NetworkError. */
export async function postJson<T>(path: string, body: unknown, accessToken?: string): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (accessToken) {
    headers.Authorization = `Bearer ${accessToken}`;
  }
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = (parsed ?? {}) as ErrorBody;
    const code = typeof error.code === 'string' ? error.code : response.status === 429 ? 'TOO_MANY_REQUESTS' : '';
    throw new ApiError(response.status, code, typeof error.message === 'string' ? error.message : response.statusText);
  }
  return parsed as T;
}
