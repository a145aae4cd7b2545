import { describe, expect, it } from '@jest/globals';
import { mentionQueryAt, suggestMembers } from './mentions';

describe(mentionQueryAt.name, () => {
  it('finds the @name typed just before the caret', () => {
    expect(mentionQueryAt('Could @Exp', 10)).toEqual({ start: 6, query: 'Exp' });
    expect(mentionQueryAt('@Juana Pé', 9)).toEqual({ start: 0, query: 'Juana Pé' });
    expect(mentionQueryAt('(@amina', 7)).toEqual({ start: 1, query: 'amina' });
  });

  it('ignores a bare @, mail addresses, other lines and text after the caret', () => {
    expect(mentionQueryAt('Could @', 7)).toBeNull();
    expect(mentionQueryAt('write to x@Juan', 15)).toBeNull();
    expect(mentionQueryAt('@Juan\nthanks', 12)).toBeNull();
    expect(mentionQueryAt('@Juan  and more', 15)).toBeNull();
    expect(mentionQueryAt('@Juan later', 0)).toBeNull();
  });
});

describe(suggestMembers.name, () => {
  const people = [
    { userId: '1', displayName: 'Expert Diallo' },
    { userId: '2', displayName: 'Amina Odhiambo' },
    { userId: '3', displayName: 'Éloïse Martin' },
  ];

  it('matches the start of the name or of one of its words, without case or accents', () => {
    expect(suggestMembers(people, 'exp').map((p) => p.userId)).toEqual(['1']);
    expect(suggestMembers(people, 'odh').map((p) => p.userId)).toEqual(['2']);
    expect(suggestMembers(people, 'eloise').map((p) => p.userId)).toEqual(['3']);
    expect(suggestMembers(people, 'iallo')).toEqual([]);
  });

  it('suggests at most eight', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ userId: String(i), displayName: `Member ${i}` }));
    expect(suggestMembers(many, 'mem')).toHaveLength(8);
  });
});
