import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';

export interface UrlFilters {
  /** A filter's value in the address ('' when unset). */
  text: (key: string) => string;
  /** A filter's value when it is one of `allowed`, else ''. */
  oneOf: <T extends string>(key: string, allowed: readonly T[]) => T | '';
  /** The page in the address (1 when unset or not a number). */
  page: number;
  /** The search box's text before it is submitted, and its submitted value (`q`). */
  q: string;
  draft: string;
  setDraft: (value: string) => void;
  /** Sets filters ('' removes one) and goes back to the first page, as a new history entry. */
  update: (changes: Record<string, string>) => void;
  setPage: (page: number) => void;
  /** Submits the search box. */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * A list's filters kept in the address, so that going back from an entry finds the same results and
 * a filtered list can be shared as a link.
 */
export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ page: '', ...changes })) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next);
  };

  return {
    text: (key) => params.get(key) ?? '',
    oneOf: <T extends string>(key: string, allowed: readonly T[]) =>
      allowed.find((entry) => entry === params.get(key)) ?? '',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
    q,
    draft,
    setDraft,
    update,
    setPage: (page) => update({ page: page > 1 ? String(page) : '' }),
    onSubmit: (event) => {
      event.preventDefault();
      update({ q: draft.trim() });
    },
  };
}
