import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContentPathError, parseContentPath, resolveContentFile } from './content-path';

const PREFIX = '/content/0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f/1800000000/abcdefghijklmnopqrstuvwxyzABCDEF/';

function problemOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof ContentPathError ? error.problem : 'other';
  }
}

describe(parseContentPath.name, () => {
  it('splits the prefix and decodes the file path, ignoring the query', () => {
    expect(parseContentPath(`${PREFIX}a%20dir/f%C3%A9.html?x=1#y`)).toEqual({
      packageId: '0b0c5e0e-4c36-4d8e-9d7e-2f1f2f1f2f1f',
      expires: '1800000000',
      signature: 'abcdefghijklmnopqrstuvwxyzABCDEF',
      segments: ['a dir', 'fé.html'],
    });
  });

  it.each(['..', '.', '%2e%2e', '%2E.', 'a%2fb', 'a%5Cb', 'a\\b', 'a%00', 'a\0b', '%', '%zz', 'a//b', '/x'])(
    'refuses %j as a bad request',
    (rest) => {
      expect(problemOf(() => parseContentPath(`${PREFIX}${rest}`))).toBe('bad-request');
    },
  );

  it.each(['', 'folder/', '/content/x', '/other/a/b/c/d'])('answers %j as not found', (rest) => {
    const url = rest.startsWith('/') ? rest : `${PREFIX}${rest}`;
    expect(problemOf(() => parseContentPath(url))).toBe('not-found');
  });
});

describe(resolveContentFile.name, () => {
  const base = mkdtempSync(path.join(tmpdir(), 'clearance-content-'));
  const root = path.join(base, 'pkg');
  mkdirSync(path.join(root, 'sub'), { recursive: true });
  writeFileSync(path.join(root, 'sub', 'a.html'), 'a');
  writeFileSync(path.join(base, 'outside.txt'), 'secret');
  symlinkSync(path.join(base, 'outside.txt'), path.join(root, 'link.txt'));
  symlinkSync(path.join(root, 'sub', 'a.html'), path.join(root, 'inner.html'));

  it('resolves a file inside the package, also through an inner link', async () => {
    await expect(resolveContentFile(root, ['sub', 'a.html'])).resolves.toMatchObject({
      file: expect.stringMatching(/sub[/\\]a\.html$/),
    });
    await expect(resolveContentFile(root, ['inner.html'])).resolves.toMatchObject({
      file: expect.stringMatching(/sub[/\\]a\.html$/),
    });
  });

  it.each([[['link.txt']], [['sub']], [['missing']], [['sub', 'a.html', 'x']]])(
    'answers %j as not found',
    async (segments) => {
      await expect(resolveContentFile(root, segments)).rejects.toMatchObject({ problem: 'not-found' });
    },
  );
});
