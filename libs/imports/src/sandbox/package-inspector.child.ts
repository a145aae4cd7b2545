/**
 * The package inspector, run in a child process of its own (see PackageInspector): it extracts and
 * parses untrusted archives, CPU- and memory-heavy work that must neither stall the worker's job
 * locks nor take the worker down if it crashes or runs out of memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPackage, ManifestError, PackageRejectedError, parseManifest } from '@app/scorm';
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

async function inspect(request: InspectRequest): Promise<void> {
  let lastSent = 0;
  const extracted = await extractPackage(request.zipPath, request.destination, {
    onProgress: (fraction) => {
      if (fraction === 1 || fraction - lastSent >= 0.02) {
        lastSent = fraction;
        void send({ kind: 'progress', fraction });
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
  await send({
    kind: 'result',
    manifest,
    files: extracted.entries.length,
    totalBytes: extracted.totalBytes,
    sha256: await sha256Of(request.zipPath),
  });
}

process.once('message', (request: InspectRequest) => {
  inspect(request)
    .catch(async (error: unknown) => {
      const known = error instanceof PackageRejectedError || error instanceof ManifestError;
      await send({
        kind: 'error',
        name: (error as Error).name ?? 'Error',
        code:
          error instanceof PackageRejectedError
            ? error.reason
            : error instanceof ManifestError
              ? error.code
              : 'INTERNAL',
        message: known ? (error as Error).message : `The package could not be read: ${(error as Error).message}`,
        permanent: known,
      });
    })
    .finally(() => process.disconnect());
});
