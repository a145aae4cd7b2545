import createClient, { type Client } from 'openapi-fetch';
import { errorOf, NetworkError } from '../auth/api';
import type { components, paths } from './schema';

/** The API's schemas, generated from its OpenAPI document (`npm run contract`). */
export type Schemas = components['schemas'];
export type Paths = paths;
export type ApiClient = Client<paths>;

/** What a client needs of a session: its current token, and (for a sign-in) a way to renew it. */
export interface ClientSession {
  token: () => string | null;
  /** The renewed token, or null when the session has ended. */
  renew?: () => Promise<string | null>;
}

/**
 * The fetch under every generated client: the session's token as a bearer token, and an error answer
 * thrown as ApiError (no answer at all: NetworkError), so a call resolves only with a success. A 401
 * to a request that carried a token, or TOKEN_INVALID, renews the session once and sends the request
 * again (the request is cloned before each send, so its body can go twice).
 */
function sessionFetch(session: ClientSession): (request: Request) => Promise<Response> {
  const send = async (request: Request, token: string | null): Promise<Response> => {
    const attempt = request.clone();
    if (token) {
      attempt.headers.set('Authorization', `Bearer ${token}`);
    }
    try {
      return await fetch(attempt);
    } catch (error) {
      if (request.signal.aborted) {
        throw error; // the caller gave up: not a network failure
      }
      throw new NetworkError(error);
    }
  };
  return async (request) => {
    const token = session.token();
    const response = await send(request, token);
    if (response.ok) {
      return response;
    }
    const error = await errorOf(response);
    if (session.renew && error.status === 401 && (error.code === 'TOKEN_INVALID' || token)) {
      const renewed = await session.renew();
      if (renewed) {
        const again = await send(request, renewed);
        if (again.ok) {
          return again;
        }
        throw await errorOf(again);
      }
    }
    throw error;
  };
}

/** `?key=value…` of a query, leaving out empty values (an unset filter is no filter). */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof one === 'string' ? one !== '' : typeof one === 'number' || typeof one === 'boolean') {
        params.append(key, String(one));
      }
    }
  }
  return params.toString();
}

/** A client of the generated contract for one session (the signed-in user's, a launch token's, or none). */
export function createApiClient(
  session: ClientSession,
  init: { credentials?: RequestCredentials; cache?: RequestCache } = {},
): ApiClient {
  return createClient<paths>({
    fetch: sessionFetch(session),
    headers: { Accept: 'application/json' },
    querySerializer: serializeQuery,
    credentials: init.credentials ?? 'same-origin',
    cache: init.cache,
  });
}

/** Calls without a sign-in: registration, sign-in itself, e-mail links, the countries list. */
export const publicApi = createApiClient({ token: () => null });

/**
 * The answer of a call made with a generated client. Error answers never get here (the client throws
 * ApiError), so the data is the success answer's (undefined for an empty one).
 */
export async function unwrap<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

type PostOf<P extends keyof paths> = paths[P] extends { post: infer O } ? O : never;
type JsonAnswer<O> = O extends { responses: infer R }
  ? R[Extract<keyof R, 200 | 201 | 202>] extends { content: { 'application/json': infer J } }
    ? J
    : undefined
  : never;

/** The paths that take a multipart upload. */
export type UploadPath = {
  [P in keyof paths]: PostOf<P> extends { requestBody?: { content: { 'multipart/form-data': unknown } } } ? P : never;
}[keyof paths];

/** The JSON answer of a multipart upload to `P`. */
export type UploadAnswer<P extends UploadPath> = JsonAnswer<PostOf<P>>;

/** `/api/groups/{id}/files` with `{ id }` filled in (encoded), for the uploads that go by XMLHttpRequest. */
export function pathOf<P extends UploadPath>(path: P, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/**
 * Refresh and logout take no body, yet only `application/json` (they refuse cross-site form posts):
 * they are sent `{}` as JSON, which the contract does not describe as a body.
 */
export const EMPTY_JSON_BODY = { body: {} as never };

/** unwrap, keeping the response too (its headers: a download's file name). */
export async function unwrapWithResponse<T>(
  call: Promise<{ data?: T; response: Response }>,
): Promise<{ data: T; response: Response }> {
  const { data, response } = await call;
  return { data: data as T, response };
}
