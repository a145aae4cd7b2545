import { ApiError, NetworkError } from './api';

export interface UploadOptions {
  /** Whole percent of the body sent so far (0 again when the upload starts over after a renewal). */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** What an upload needs of the session: its current access token, and a way to renew it. */
export interface UploadSession {
  token: () => string | null;
  /** The renewed access token, or null when the session has ended. */
  renew: () => Promise<string | null>;
}

/** Seconds before its `exp` an access token is renewed rather than sent with a large body. */
const RENEW_MARGIN_SECONDS = 5;

/** True when the token's `exp` claim is past or near (a token that cannot be read counts as fresh). */
export function expiresSoon(token: string, now = Date.now()): boolean {
  try {
    const payload = token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? '';
    const claims = JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '='))) as { exp?: unknown };
    return typeof claims.exp === 'number' && claims.exp * 1000 - now < RENEW_MARGIN_SECONDS * 1000;
  } catch {
    return false;
  }
}

/**
 * POSTs a multipart form with XMLHttpRequest, whose upload events (unlike fetch's) report the bytes
 * sent; answers the parsed JSON reply, or throws ApiError, NetworkError or an AbortError.
 */
export function sendForm<T>(path: string, form: FormData, accessToken: string | null, options: UploadOptions = {}) {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (accessToken) {
      xhr.setRequestHeader('Authorization', `Bearer ${accessToken}`);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        options.onProgress?.(Math.min(100, Math.floor((event.loaded / event.total) * 100)));
      }
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      reject(
        new ApiError(
          xhr.status,
          typeof error.code === 'string' ? error.code : `HTTP_${xhr.status}`,
          typeof error.message === 'string' ? error.message : xhr.statusText,
          Array.isArray(error.details) ? error.details.filter((d): d is string => typeof d === 'string') : [],
        ),
      );
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * An upload as the signed-in user, renewing an expired sign-in as every other API call does: a token
 * known to be (nearly) expired is renewed before the body is sent, so a large file is not sent in vain;
 * a 401 all the same (clocks differ, the session changed) renews once and sends the form again.
 */
export async function uploadWithRenewal<T>(
  session: UploadSession,
  path: string,
  form: FormData,
  options: UploadOptions = {},
): Promise<T> {
  let token = session.token();
  if (token && expiresSoon(token)) {
    token = (await session.renew()) ?? token;
  }
  try {
    return await sendForm<T>(path, form, token, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && (error.code === 'TOKEN_INVALID' || token)) {
      const renewed = await session.renew();
      if (renewed) {
        options.onProgress?.(0);
        return sendForm<T>(path, form, renewed, options);
      }
    }
    throw error;
  }
}
