import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../../..');

/** Every TypeScript source under a folder, specs left out. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : sources(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the OpenAPI schema names', () => {
  // The document names a schema after its class: two DTO classes with one name would silently become one
  // schema (the later wins), and the generated web client would type one route with the other's shape.
  it('are unique: no two DTO classes share a name', () => {
    const seen = new Map<string, string[]>();
    const files = [...sources(join(REPO_ROOT, 'libs')), ...sources(join(REPO_ROOT, 'apps/api/src'))];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!/@nestjs\/swagger|class-validator/.test(text)) {
        continue;
      }
      for (const match of text.matchAll(/^export (?:abstract )?class (\w+)/gm)) {
        seen.set(match[1], [...(seen.get(match[1]) ?? []), relative(REPO_ROOT, file)]);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
    const duplicates = [...seen].filter(([, where]) => where.length > 1);
    expect(duplicates).toEqual([]);
  });
});
