import { hasAtMostDecimals } from './numbers';

describe(hasAtMostDecimals.name, () => {
  it('accepts numbers with at most the given decimals', () => {
    expect([0, 6, 2.5, 9999, -1.5, 1e20].map((value) => hasAtMostDecimals(value, 1))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('refuses more decimals, exponent-written fractions, non-finite numbers and non-numbers', () => {
    expect(
      [2.55, 9e-323, -4e-323, 1e-7, Number.NaN, Infinity, '2.5', null].map((v) => hasAtMostDecimals(v, 1)),
    ).toEqual([false, false, false, false, false, false, false, false]);
  });
});
