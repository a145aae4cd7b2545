import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import type { CourseSpec } from './course-spec';
import { buildManifest, leafItems, pagePath } from './manifest';
import { assetPage, commonFiles, scoPage } from './pages';

/** Fixed, so the same spec always gives the same bytes. */
const MTIME = new Date(Date.UTC(2024, 0, 1));

/** Every file of the package by path, `imsmanifest.xml` first. */
export function buildPackageFiles(spec: CourseSpec): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  files.set('imsmanifest.xml', Buffer.from(buildManifest(spec)));
  for (const item of leafItems(spec.items)) {
    const page = (item.kind ?? 'sco') === 'sco' ? scoPage(spec, item) : assetPage(item);
    files.set(pagePath(item), Buffer.from(page));
  }
  for (const [name, content] of Object.entries(commonFiles())) {
    files.set(name, content);
  }
  for (const [name, content] of Object.entries(spec.extraFiles ?? {})) {
    files.set(name, typeof content === 'string' ? Buffer.from(content) : content);
  }
  return files;
}

/** A zip of `files`, deterministic (fixed dates, given order). */
export async function zipFiles(files: Iterable<[string, Buffer]>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of files) {
    zip.addBuffer(content, name, { mtime: MTIME, mode: 0o644 });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The package of `spec` as a zip in memory. */
export function buildPackage(spec: CourseSpec): Promise<Buffer> {
  return zipFiles(buildPackageFiles(spec));
}

let scratch: string | undefined;

/**
 * Writes the package of `spec` and answers its path: `<dir>/<name>` (default: a temporary folder
 * of this process, and `<identifier>.zip`).
 */
export async function writePackage(spec: CourseSpec, options: { dir?: string; name?: string } = {}): Promise<string> {
  const dir = options.dir ?? (scratch ??= mkdtempSync(path.join(tmpdir(), 'clearance-scorm-packages-')));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, options.name ?? `${spec.identifier}.zip`);
  writeFileSync(file, await buildPackage(spec));
  return file;
}
