import { mentionedIn } from './mention-notifier.service';

describe(mentionedIn.name, () => {
  const people = [{ displayName: 'Amina Odhiambo' }, { displayName: 'Juan' }, { displayName: 'Juana Pérez' }];

  it('finds whole display names after @, whatever the case', () => {
    expect(mentionedIn('Thanks @amina odhiambo!', people)).toEqual([people[0]]);
    expect(mentionedIn('@Juan and @Juana Pérez, please review', people)).toEqual([people[1], people[2]]);
  });

  it('ignores names that are only a prefix of a longer word, and mail addresses', () => {
    expect(mentionedIn('@Juanita', people)).toEqual([]);
    expect(mentionedIn('write to x@Juan', people)).toEqual([]);
    expect(mentionedIn('no mention of Juan', people)).toEqual([]);
  });

  it('treats names with regular-expression characters as text', () => {
    expect(mentionedIn('hi @a.b', [{ displayName: 'a.b' }, { displayName: 'a+b' }])).toEqual([{ displayName: 'a.b' }]);
  });
});
