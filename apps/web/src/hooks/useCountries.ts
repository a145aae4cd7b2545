import { useCallback, useEffect, useMemo, useState } from 'react';
import { publicApi, unwrap } from '../api/client';
import type { Country } from '../api/types';
import type { Language } from '../i18n';
import { useLanguage } from './useLanguage';

// One request per language per page load: the list does not change while the app runs.
const cache = new Map<Language, Promise<Country[]>>();

function countriesIn(language: Language): Promise<Country[]> {
  let pending = cache.get(language);
  if (!pending) {
    pending = unwrap(publicApi.GET('/api/countries', { params: { query: { lang: language } } }));
    cache.set(language, pending);
    pending.catch(() => cache.delete(language)); // a failure is not remembered: retrying asks again
  }
  return pending;
}

export interface Countries {
  /** Sorted by name in the interface language; empty until loaded. */
  list: Country[];
  loaded: boolean;
  failed: boolean;
  retry: () => void;
  /** The country's name in the interface language (its code until the list is loaded). */
  nameOf: (code: string | null | undefined) => string;
}

/** Every country, named in the interface language; fetched again when the language changes. */
export function useCountries(): Countries {
  const language = useLanguage();
  const [state, setState] = useState<{ language: Language; list: Country[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    setFailed(false);
    countriesIn(language).then(
      (list) => {
        if (current) {
          setState({ language, list });
        }
      },
      () => {
        if (current) {
          setFailed(true);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [language, round]);

  const list = useMemo(() => state?.list ?? [], [state]);
  const names = useMemo(() => new Map(list.map((country) => [country.code, country.name])), [list]);
  const nameOf = useCallback((code: string | null | undefined) => (code ? (names.get(code) ?? code) : ''), [names]);
  const retry = useCallback(() => setRound((value) => value + 1), []);
  return { list, loaded: state !== null, failed, retry, nameOf };
}
