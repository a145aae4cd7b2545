import { useEffect, useRef, useState } from 'react';

/**
 * Which of the selectable rows are ticked; `list` changing (a new page, filter, or a decision) starts
 * again with nothing selected. The select-all box is indeterminate when some only are ticked.
 */
export function useSelection(selectable: readonly string[], list: unknown) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => setSelected(new Set()), [list]);
  const allSelected = selectable.length > 0 && selectable.every((id) => selected.has(id));
  const someSelected = selectable.some((id) => selected.has(id));
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) {
      selectAllRef.current.indeterminate = someSelected && !allSelected;
    }
  }, [someSelected, allSelected]);

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) {
        next.add(id);
      } else {
        next.delete(id);
      }
      return next;
    });
  const toggleAll = (on: boolean) => setSelected(on ? new Set(selectable) : new Set());

  return { selected, ids: [...selected], allSelected, selectAllRef, toggle, toggleAll };
}

export type Selection = ReturnType<typeof useSelection>;
