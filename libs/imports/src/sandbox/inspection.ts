import type { ParsedManifest } from '@app/scorm';

/** What the parent sends the package inspector child: one package to check, named by `id`. */
export interface InspectRequest {
  id: number;
  zipPath: string;
  destination: string;
}

/**
 * What the child answers about request `id`: progress messages, then one result or one error. A
 * result also tells the child's resident memory, so the parent can recycle a child that grew.
 */
export type InspectMessage = { id: number } & (
  | { kind: 'progress'; fraction: number }
  | { kind: 'result'; manifest: ParsedManifest; files: number; totalBytes: number; sha256: string; rssBytes: number }
  | { kind: 'error'; name: string; code: string; message: string; permanent: boolean; rssBytes: number }
);
