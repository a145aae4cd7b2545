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
