import { useCallback, useEffect, useMemo, useState } from 'react';
import { unwrap } from '../api/client';
import type { Topic } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useLanguage } from './useLanguage';

// One request per page load: the topics do not change while the app runs.
let cache: Promise<Topic[]> | undefined;

export interface Topics {
  /** In the catalogue's order; empty until loaded. */
  list: { code: string; name: string }[];
  loaded: boolean;
  failed: boolean;
  /** The topic's name in the interface language ('' for none, its code until loaded). */
  nameOf: (code: string | null | undefined) => string;
}

/** The catalogue's topics, named in the interface language. Signed-in users only. */
export function useTopics(): Topics {
  const { api } = useAuth();
  const language = useLanguage();
  const [topics, setTopics] = useState<Topic[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    if (!cache) {
      cache = unwrap(api.GET('/api/topics'));
      cache.catch(() => {
        cache = undefined; // a failure is not remembered: the next page asks again
      });
    }
    cache.then(
      (list) => current && setTopics(list),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const list = useMemo(() => {
    const sorted = [...(topics ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
    const key = language === 'fr' ? 'nameFr' : language === 'es' ? 'nameEs' : 'nameEn';
    return sorted.map((topic) => ({ code: topic.code, name: topic[key] || topic.nameEn }));
  }, [topics, language]);
  const names = useMemo(() => new Map(list.map((topic) => [topic.code, topic.name])), [list]);
  const nameOf = useCallback((code: string | null | undefined) => (code ? (names.get(code) ?? code) : ''), [names]);
  return { list, loaded: topics !== null, failed, nameOf };
}
