import type { CourseSpec } from './course-spec';
import { scorm12MultiSco } from './presets';

/** A small deterministic generator (xorshift32), so a large package is the same bytes every run. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

const WORDS =
  'customs declaration tariff origin valuation transit risk audit goods importer exporter warehouse duty excise border procedure release control seal carnet manifest'.split(
    ' ',
  );

/**
 * A large, realistic course (for benchmarks): a SCORM 1.2 course of `scos` SCOs plus `files`
 * more files in `pages/` (HTML text, deflating about 4:1) and `media/` (image-like, barely
 * compressible), about `bytes` uncompressed in all. The same options give the same bytes.
 */
export function largeCourse(options: { files?: number; bytes?: number; scos?: number } = {}): CourseSpec {
  const files = options.files ?? 8_750;
  const bytes = options.bytes ?? 64 * 1024 * 1024;
  const next = random(0x5c0e1234);
  const perFile = Math.max(64, Math.floor(bytes / Math.max(1, files)));
  const extraFiles: Record<string, Buffer> = {};
  for (let index = 0; index < files; index++) {
    const folder = String(Math.floor(index / 100)).padStart(3, '0');
    if (index % 3 === 0) {
      const words: string[] = [];
      let length = 0;
      while (length < perFile - 120) {
        const word = WORDS[next() % WORDS.length];
        words.push(word);
        length += word.length + 1;
      }
      extraFiles[`pages/${folder}/page-${index}.html`] = Buffer.from(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page ${index}</title></head><body><p>${words.join(' ')}</p></body></html>\n`,
      );
    } else {
      const data = Buffer.alloc(perFile);
      for (let offset = 0; offset < data.length; offset += 4) {
        data.writeUInt32LE(next(), Math.min(offset, data.length - 4));
      }
      extraFiles[`media/${folder}/image-${index}.bin`] = data;
    }
  }
  return {
    ...scorm12MultiSco({ scos: options.scos ?? 20, identifier: 'clearance-large-course' }),
    title: 'A large course',
    extraFiles,
  };
}
