import { unwrap, type ApiClient } from '../../api/client';
import { saveBlob } from '../../api/download';

/** The routes that answer a short-lived signed link to a stored file. */
export type DownloadLinkPath = '/api/group-files/{id}/download-link' | '/api/curriculum-files/{id}/download-link';

/**
 * A short-lived signed link (a path on the API's origin, valid a few minutes) to a stored file; for a
 * group file, to one of its versions when `version` is given.
 */
export async function signedLink(
  api: ApiClient,
  path: DownloadLinkPath,
  id: string,
  version?: number,
): Promise<string> {
  const answer =
    path === '/api/group-files/{id}/download-link'
      ? api.GET(path, { params: { path: { id }, query: { version } } })
      : api.GET(path, { params: { path: { id } } });
  return (await unwrap(answer)).url;
}

/**
 * Downloads a stored file (group file, attachment, curriculum file) through a signed link: the
 * browser's own download manager fetches it, shows progress and can resume, and nothing is held in
 * the page's memory.
 */
export async function downloadStoredFile(
  api: ApiClient,
  path: DownloadLinkPath,
  id: string,
  name: string,
  version?: number,
): Promise<void> {
  clickDownload(await signedLink(api, path, id, version), name);
}

/**
 * Hands a small answer the API makes on request (a calendar file, an export), fetched as a blob with
 * the session's token, to the browser as a download under its own name. Stored files, which may be
 * large, go through downloadStoredFile instead.
 */
export async function downloadAnswer(answer: Promise<Blob>, name: string): Promise<void> {
  saveBlob(await answer, name);
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

/** The multipart form of one upload: the fields first, then the file (the api reads them in order). */
export function fileForm(file: File, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    form.append(key, value);
  }
  form.append('file', file, file.name);
  return form;
}

/** A text field of a submitted form ('' when absent). */
export function formText(form: FormData, name: string, fallback = ''): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : fallback;
}
