import { Injectable } from '@nestjs/common';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppConfig } from '@app/config';
import { BlobStore } from './blob-store';

const KEY = /^[a-z0-9][a-z0-9/_-]{0,199}$/;
const ID = /^[0-9a-f-]{36}$/;

/** The BlobStore on local disk: DATA_DIR/blobs for content, DATA_DIR/work for jobs, DATA_DIR/uploads. */
@Injectable()
export class LocalBlobStore extends BlobStore {
  constructor(private readonly config: AppConfig) {
    super();
  }

  private under(...parts: string[]): string {
    return path.join(this.config.dataDir, ...parts);
  }

  async workDir(jobId: string): Promise<string> {
    if (!ID.test(jobId)) {
      throw new Error(`Not a job id: ${jobId}`);
    }
    const dir = this.under('work', jobId);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  async removeWorkDir(jobId: string): Promise<void> {
    if (ID.test(jobId)) {
      await rm(this.under('work', jobId), { recursive: true, force: true });
    }
  }

  async commitDirectory(folder: string, key: string): Promise<void> {
    const target = this.localPath(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(folder, target);
  }

  localPath(key: string): string {
    if (!KEY.test(key) || key.includes('..')) {
      throw new Error(`Not a blob key: ${key}`);
    }
    return this.under('blobs', key);
  }

  async removeDirectory(key: string): Promise<void> {
    await rm(this.localPath(key), { recursive: true, force: true });
  }

  async commitFile(file: string, key: string): Promise<void> {
    await this.commitDirectory(file, key);
  }

  async removeFile(key: string): Promise<void> {
    await rm(this.localPath(key), { force: true });
  }

  async uploadsDir(): Promise<string> {
    const dir = this.under('uploads');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return dir;
  }
}
