import { createHash, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as yauzl from 'yauzl';
import { ZipFile } from 'yazl';

export interface TestKeys {
  privateKey: KeyObject;
  /** Base64 PKCS#8 DER, as LICENCE_SIGNING_KEY takes it. */
  privateText: string;
  /** Base64 SPKI DER, as LICENCE_TRUSTED_KEYS takes it. */
  publicText: string;
}

export function newKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    privateText: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicText: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** Every entry of a zip, in order, with its bytes. */
export async function unzipAll(zip: Buffer): Promise<Array<[string, Buffer]>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries: Array<[string, Buffer]> = [];
  await new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.on('end', () => resolve());
    file.on('entry', (entry: yauzl.Entry) => {
      file.openReadStream(entry, (error, stream) => {
        if (error) {
          return reject(error);
        }
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.push([entry.fileName, Buffer.concat(chunks)]);
          file.readEntry();
        });
        stream.on('error', reject);
      });
    });
    file.readEntry();
  });
  return entries;
}

export async function zipAll(entries: Array<[string, Buffer]>, target: string): Promise<void> {
  const zip = new ZipFile();
  for (const [name, data] of entries) {
    zip.addBuffer(data, name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) {
    chunks.push(chunk as Buffer);
  }
  await writeFile(target, Buffer.concat(chunks));
}

/** Re-signs a bundle's manifest (after editing its entries) with `keys`, as a hub with that key would. */
export function resign(entries: Array<[string, Buffer]>, keys: TestKeys): Array<[string, Buffer]> {
  const manifest = entries.find(([name]) => name === 'manifest.json')![1];
  const spki = keys.privateKey.type === 'private' ? Buffer.from(keys.publicText, 'base64') : Buffer.alloc(0);
  const signature = {
    algorithm: 'Ed25519',
    keyId: createHash('sha256').update(spki).digest('hex').slice(0, 16),
    signature: sign(null, manifest, keys.privateKey).toString('base64'),
  };
  return entries.map(([name, data]) =>
    name === 'signature.json' ? [name, Buffer.from(JSON.stringify(signature))] : [name, data],
  );
}

export interface BundleCourse {
  id: string;
  title: string;
  /** SCORM zips of the course, each with its package id and language. */
  packages: Array<{ id: string; language: 'en' | 'fr' | 'es'; zip: Buffer }>;
}

/**
 * A licence bundle as a hub would export it (docs/licence-bundle.md), built in the test without a
 * hub: for tests that need many bundles quickly.
 */
export async function writeBundle(
  target: string,
  keys: TestKeys,
  licence: Record<string, unknown> & { id: string; courseIds: string[] },
  courses: BundleCourse[],
): Promise<void> {
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  const entries: Array<[string, Buffer]> = [
    [
      'licence.json',
      json({
        format: 'clearance-licence-bundle',
        version: 1,
        licence: {
          revision: 1,
          licensee: { country: 'KE', administration: 'Kenya Revenue Authority' },
          languages: ['en'],
          validFrom: new Date().toISOString().slice(0, 10),
          validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
          seatCap: null,
          translationAllowed: false,
          ...licence,
        },
        issuedAt: new Date().toISOString(),
      }),
    ],
  ];
  for (const course of courses) {
    for (const pkg of course.packages) {
      entries.push([`packages/${pkg.id}.zip`, pkg.zip]);
    }
    entries.push([
      `courses/${course.id}.json`,
      json({
        id: course.id,
        topic: null,
        estimatedHours: null,
        texts: [{ language: 'en', title: course.title, description: '' }],
        packages: course.packages.map((pkg, index) => ({
          id: pkg.id,
          language: pkg.language,
          version: index + 1,
          file: `packages/${pkg.id}.zip`,
        })),
      }),
    ]);
  }
  const manifest = json({
    format: 'clearance-licence-bundle',
    version: 1,
    files: entries.map(([path, data]) => ({
      path,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    })),
  });
  entries.push(['manifest.json', manifest], ['signature.json', Buffer.alloc(0)]);
  await zipAll(resign(entries, keys), target);
}
