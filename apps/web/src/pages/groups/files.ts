import { uploadSession, uploadWithRenewal, type UploadOptions } from '../../auth/upload';

type AuthFetch = (path: string, options?: { method?: 'GET' }) => Promise<Response>;

/** What a `…/download-link` route answers: a path on the API's origin, valid a few minutes. */
interface DownloadLink {
  url: string;
  expiresAt: string;
}

/** A short-lived signed link to a stored file, asked for with the session's token. */
export async function signedLink(authFetch: AuthFetch, linkPath: string): Promise<string> {
  const response = await authFetch(linkPath);
  return ((await response.json()) as DownloadLink).url;
}

/**
 * Downloads a stored file (group file, attachment, curriculum file) through a signed link: the
 * browser's own download manager fetches it, shows progress and can resume, and nothing is held in
 * the page's memory. `linkPath` is the file's `…/download-link` route.
 */
export async function downloadStoredFile(authFetch: AuthFetch, linkPath: string, name: string): Promise<void> {
  clickDownload(await signedLink(authFetch, linkPath), name);
}

/**
 * Downloads a small answer the API makes on request (a calendar file, an export) with the session's
 * token, and hands it to the browser as a download under its own name. Stored files, which may be
 * large, go through downloadStoredFile instead.
 */
export async function downloadFile(authFetch: AuthFetch, path: string, name: string): Promise<void> {
  const response = await authFetch(path);
  const url = URL.createObjectURL(await response.blob());
  try {
    clickDownload(url, name);
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

function clickDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener noreferrer';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Videos a browser plays in a `<video>` element (the api serves them inline, with range requests). */
export function isPlayableVideo(contentType: string): boolean {
  return ['video/mp4', 'video/webm', 'video/ogg'].includes(contentType);
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
