import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** Every file under `dir`, as sorted forward-slash relative paths (a stable order makes stable zips). */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  const entries = (await readdir(path.join(dir, prefix), { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      found.push(...(await filesUnder(dir, relative)));
    } else if (entry.isFile()) {
      found.push(relative);
    }
  }
  return found;
}

const EPOCH = new Date('2020-01-01T00:00:00Z');

/** Zips the files of `dir` into `target`; `store` keeps entries uncompressed (for zips of zips). */
export async function zipDirectory(dir: string, target: string, files?: string[], store = false): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  for (const file of files ?? (await filesUnder(dir))) {
    zip.addFile(path.join(dir, file), file, { mtime: EPOCH, mode: 0o100644, compress: !store });
  }
  zip.end();
  await written;
}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), size: (await stat(file)).size };
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
}
