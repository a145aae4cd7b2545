/**
 * The package inspector, run in a child process of its own (see PackageInspector): it extracts and
 * parses untrusted archives, CPU- and memory-heavy work that must neither stall the worker's job
 * locks nor take the worker down if it crashes or runs out of memory. It serves one package at a
 * time for as long as the parent keeps it, and leaves when the parent disconnects.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// Direct files, not the library's index: the child loads only what it runs (no Nest, no config).
/* eslint-disable no-restricted-imports */
import { ManifestError, parseManifest } from '@app/scorm/manifest';
import { PackageRejectedError } from '@app/scorm/package/package-error';
import { extractPackage } from '@app/scorm/package/safe-unzip';
/* eslint-enable no-restricted-imports */
import { InspectMessage, InspectRequest } from './inspection';

function send(message: InspectMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

const rssBytes = (): number => process.memoryUsage.rss();

async function inspect(request: InspectRequest): Promise<void> {
  const { id } = request;
  let lastSent = 0;
  const extracted = await extractPackage(request.zipPath, request.destination, {
    onProgress: (fraction) => {
      if (fraction === 1 || fraction - lastSent >= 0.02) {
        lastSent = fraction;
        void send({ id, kind: 'progress', fraction });
      }
    },
  });
  const manifestXml = readFileSync(path.join(request.destination, 'imsmanifest.xml'));
  const manifest = parseManifest(manifestXml, {
    fileExists: (file) => {
      const resolved = path.resolve(request.destination, file);
      return resolved.startsWith(request.destination + path.sep) && existsSync(resolved);
    },
  });
  const sha256 = await sha256Of(request.zipPath);
  await send({
    id,
    kind: 'result',
    manifest,
    files: extracted.entries.length,
    totalBytes: extracted.totalBytes,
    sha256,
    rssBytes: rssBytes(),
  });
}

process.on('message', (request: InspectRequest) => {
  inspect(request).catch(async (error: unknown) => {
    const known = error instanceof PackageRejectedError || error instanceof ManifestError;
    await send({
      id: request.id,
      kind: 'error',
      name: (error as Error).name ?? 'Error',
      code:
        error instanceof PackageRejectedError ? error.reason : error instanceof ManifestError ? error.code : 'INTERNAL',
      message: known ? (error as Error).message : `The package could not be read: ${(error as Error).message}`,
      permanent: known,
      rssBytes: rssBytes(),
    });
  });
});
process.on('disconnect', () => process.exit(0));
