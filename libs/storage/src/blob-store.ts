/**
 * Where package content, group files and certificates live. Local disk under DATA_DIR by default;
 * an S3-compatible store can implement the same interface. Keys are platform-made (ids and fixed
 * names), never user-supplied file names.
 */
export abstract class BlobStore {
  /** A fresh private work folder for one job (extraction happens here, never in place). */
  abstract workDir(jobId: string): Promise<string>;

  /** Removes a job's work folder and everything in it. */
  abstract removeWorkDir(jobId: string): Promise<void>;

  /** Moves a finished folder into the store under `key` (atomic on local disk). */
  abstract commitDirectory(folder: string, key: string): Promise<void>;

  /** Local path of a committed folder, for serving (local store only). */
  abstract localPath(key: string): string;

  abstract removeDirectory(key: string): Promise<void>;

  /** Moves one finished file (already on the store's disk, e.g. an upload) into the store under `key`. */
  abstract commitFile(file: string, key: string): Promise<void>;

  abstract removeFile(key: string): Promise<void>;

  /** Folder uploads are streamed into before their job runs. */
  abstract uploadsDir(): Promise<string>;
}
