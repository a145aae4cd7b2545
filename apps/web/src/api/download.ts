/**
 * Downloads of answers the API makes with the session's bearer token (exports, PDFs, a person's data):
 * a plain link cannot send the header, so the page fetches a Blob and hands it to the browser.
 */

/** The file name the server suggests (Content-Disposition, plain or RFC 5987), else `fallback`. */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  let name = '';
  try {
    name = match?.[1] ? decodeURIComponent(match[1]).replace(/[\\/]/g, '') : '';
  } catch {
    name = '';
  }
  return name || fallback;
}

/** Hands a Blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener noreferrer';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
