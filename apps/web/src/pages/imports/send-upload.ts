import { ApiError, NetworkError } from '../../auth/api';

/**
 * Posts a multipart form with XMLHttpRequest, whose upload events (unlike fetch's) report the bytes
 * sent, and answers the accepted job's id.
 */
export function sendWithProgress(
  url: string,
  form: FormData,
  token: string | null,
  onProgress: (percent: number) => void,
  abort: AbortSignal,
): Promise<{ jobId: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) {
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(Math.min(100, Math.floor((event.loaded / event.total) * 100)));
      }
    };
    xhr.onload = () => {
      let body: { jobId?: unknown; code?: unknown; message?: unknown } = {};
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as typeof body) : {};
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300 && typeof body.jobId === 'string') {
        resolve({ jobId: body.jobId });
      } else {
        const code = typeof body.code === 'string' ? body.code : `HTTP_${xhr.status}`;
        reject(new ApiError(xhr.status, code, typeof body.message === 'string' ? body.message : xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    abort.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
