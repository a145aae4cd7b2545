import { uploadSession, uploadWithRenewal, type UploadOptions } from '../../auth/upload';

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

/**
 * Uploads one file as multipart/form-data (the body streams; nothing is read into memory here),
 * renewing an expired sign-in like every API call. Prefer useAuth().authUpload in new code; this form,
 * taking a token, stays for the pages that call it so (the session AuthProvider registered is used).
 */
export function uploadFile<T>(
  path: string,
  accessToken: string | null,
  file: File,
  fields: Record<string, string> = {},
  options: UploadOptions = {},
): Promise<T> {
  return uploadWithRenewal<T>(uploadSession(accessToken), path, fileForm(file, fields), options);
}

/** The multipart form of one upload: the fields first, then the file (the api reads them in order). */
export function fileForm(file: File, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    form.append(key, value);
  }
  form.append('file', file, file.name);
  return form;
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
