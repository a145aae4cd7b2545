import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text the browser fetches; images, fonts and media are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* filesUnder(full);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every text file of
 * the build, once, so that the api serves them as they are (docs/wire.md) instead of compressing on
 * every request. A variant that would not be smaller is not written.
 */
export function precompress(options: { exclude?: RegExp } = {}): Plugin {
  return {
    name: 'clearance-precompress',
    apply: 'build',
    async writeBundle(output) {
      const dir = output.dir!;
      let files = 0;
      let before = 0;
      let after = 0;
      for await (const file of filesUnder(dir)) {
        if (!COMPRESSIBLE.test(file) || options.exclude?.test(file)) {
          continue;
        }
        const data = await readFile(file);
        const [br, gz] = await Promise.all([
          brotli(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
          gzipped(data, { level: 9 }),
        ]);
        for (const [variant, extension] of [
          [br, '.br'],
          [gz, '.gz'],
        ] as const) {
          if (variant.length < data.length) {
            await writeFile(file + extension, variant);
          }
        }
        files++;
        before += (await stat(file)).size;
        after += Math.min(br.length, data.length);
      }
      this.info(
        `precompressed ${files} files: ${Math.round(before / 1024)} KiB → ${Math.round(after / 1024)} KiB brotli`,
      );
    },
  };
}
