import { describe, expect, it } from '@jest/globals';
import { readToken } from './launch-url';

describe('readToken', () => {
  it('reads the token of a launch URL fragment, with or without the #', () => {
    expect(readToken('#token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln')).toBe(
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
    );
    expect(readToken('token=abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('refuses a missing, empty or strange token', () => {
    expect(readToken('')).toBeNull();
    expect(readToken('#token=')).toBeNull();
    expect(readToken('#other=1')).toBeNull();
    expect(readToken('#token=a%20b')).toBeNull();
    expect(readToken('#token=<script>')).toBeNull();
  });
});
