import { ApiError } from '../../auth/api';

type AuthFetch = (path: string, options?: { method?: 'GET' }) => Promise<Response>;

/**
 * Downloads an API file with the session's token (a plain link would carry no Authorization header)
 * and hands it to the browser as a download under its own name.
 */
export async function downloadFile(authFetch: AuthFetch, path: string, name: string): Promise<void> {
  const response = await authFetch(path);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Uploads one file as multipart/form-data (the body streams; nothing is read into memory here). */
export async function uploadFile<T>(
  path: string,
  accessToken: string | null,
  file: File,
  fields: Record<string, string> = {},
): Promise<T> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    form.append(key, value);
  }
  form.append('file', file);
  const response = await fetch(path, {
    method: 'POST',
    headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    body: form,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    let body: { code?: unknown; message?: unknown } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      body = {};
    }
    throw new ApiError(
      response.status,
      typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
      typeof body.message === 'string' ? body.message : response.statusText,
    );
  }
  return (await response.json()) as T;
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** A text field of a submitted form ('' when absent). */
export function formText(form: FormData, name: string, fallback = ''): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : fallback;
}
