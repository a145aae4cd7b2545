import type { ParsedManifest } from '@app/scorm';

/** What the parent sends the package inspector child. */
export interface InspectRequest {
  zipPath: string;
  destination: string;
}

/** What the child answers: progress messages, then one result or one error. */
export type InspectMessage =
  | { kind: 'progress'; fraction: number }
  | { kind: 'result'; manifest: ParsedManifest; files: number; totalBytes: number; sha256: string }
  | { kind: 'error'; name: string; code: string; message: string; permanent: boolean };
