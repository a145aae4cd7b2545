import { findInputProblem, isWellFormedText, MAX_INPUT_DEPTH } from './input-shape';

describe(findInputProblem.name, () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let level = 0; level < depth; level++) {
      value = level % 2 === 0 ? { a: value } : [value];
    }
    return value;
  };

  it('accepts ordinary input, pairs of surrogates (emoji) included', () => {
    expect(
      findInputProblem({ email: 'a@example.org', tags: ['x', 'caf\u00e9 \u{1F600}'], n: 1, z: null }, 'body'),
    ).toBe(undefined);
    expect(findInputProblem(nested(MAX_INPUT_DEPTH), 'body')).toBe(undefined);
    expect(findInputProblem(undefined, 'body')).toBe(undefined);
  });

  it('finds a lone surrogate in a value, a key, an array item or the whole string', () => {
    expect(findInputProblem({ a: { email: 'x\ud800@example.org' } }, 'body')).toEqual({
      kind: 'lone-surrogate',
      path: 'body.a.email',
    });
    expect(findInputProblem({ ['k\udc00']: 1 }, 'body')).toEqual({ kind: 'lone-surrogate', path: 'body (a key)' });
    expect(findInputProblem({ list: ['ok', '\udfff'] }, 'query')).toEqual({
      kind: 'lone-surrogate',
      path: 'query.list[1]',
    });
    expect(findInputProblem('\ud83d', 'body')).toEqual({ kind: 'lone-surrogate', path: 'body' });
  });

  it('refuses nesting past the limit without recursing (a million levels)', () => {
    expect(findInputProblem(nested(MAX_INPUT_DEPTH + 1), 'body')).toMatchObject({ kind: 'too-deep', limit: 32 });
    const deep = JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)) as unknown;
    expect(findInputProblem(deep, 'body')).toMatchObject({ kind: 'too-deep' });
  });

  it('tells well-formed text from text with a lone surrogate', () => {
    expect(isWellFormedText('\u{1F600}')).toBe(true);
    expect(isWellFormedText('\ud83d\u0041')).toBe(false);
  });
});
