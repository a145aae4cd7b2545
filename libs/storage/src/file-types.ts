import send from '@fastify/send';
import { safeText } from '@app/common';

/**
 * Types a browser may show inline from a stored file (group libraries, curricula): pictures, PDF, sound and video (so a
 * recorded session plays in the page). Not SVG (it runs scripts), not HTML or text of any kind.
 */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'video/mp4',
  'video/webm',
  'video/ogg',
]);

/** The type a file is stored and served with, from its name's extension; never the client's claim. */
export function contentTypeFor(fileName: string): string {
  const type = send.mime.getType(fileName);
  return type ?? 'application/octet-stream';
}

export function isInlineType(contentType: string): boolean {
  return INLINE_TYPES.has(contentType);
}

/** A file name as a label: no path, no control characters, NFC-normalised, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  // Bidirectional controls and zero-width characters are refused (400 UNSAFE_CHARACTERS), not
  // dropped: "invoice\u202Efdp.exe" is a lie about the file, not a typo.
  // eslint-disable-next-line no-control-regex
  const cleaned = safeText(base.replace(/[\u0000-\u001f\u007f]/g, '').trim(), 'file name');
  return (cleaned || 'file').slice(0, 255);
}

/** `Content-Disposition` for a download (RFC 6266): an ASCII fallback plus the exact name in UTF-8. */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
