import type { ColumnResizedEvent } from 'ag-grid-community';
import { useCallback, useState } from 'react';
import { loadPrefs, savePrefs } from './prefs';
import type { GridColumn, GridRow } from './types';

// The columns a user hid (with the column chooser) and the widths they dragged, kept
// per grid id. Until a user hides or shows one, the columns' own defaults apply.

export interface ColumnPrefs {
  hidden: ReadonlySet<string>;
  setShown(field: string, shown: boolean): void;
  /** The widths the user set, by field. */
  widths(): Record<string, number>;
  /** AG Grid's resize event: a finished drag is remembered. */
  onColumnResized(e: ColumnResizedEvent): void;
}

export function useColumnPrefs<R extends GridRow>(gridId: string, columns: readonly GridColumn<R>[]): ColumnPrefs {
  const [hidden, setHidden] = useState<Set<string>>(() => {
    const prefs = loadPrefs(gridId);
    return new Set(prefs.stored ? prefs.hidden : columns.filter((c) => c.hiddenByDefault).map((c) => c.field));
  });

  const setShown = useCallback((field: string, shown: boolean) => {
    setHidden((prev) => {
      const next = new Set(prev);
      if (shown) next.delete(field);
      else next.add(field);
      const prefs = loadPrefs(gridId);
      prefs.hidden = [...next];
      savePrefs(gridId, prefs);
      return next;
    });
  }, [gridId]);

  const widths = useCallback(() => loadPrefs(gridId).widths, [gridId]);

  const onColumnResized = useCallback((e: ColumnResizedEvent) => {
    if (!e.finished || e.source !== 'uiColumnResized') return;
    const prefs = loadPrefs(gridId);
    for (const s of e.api.getColumnState()) if (s.width) prefs.widths[s.colId] = s.width;
    savePrefs(gridId, prefs);
  }, [gridId]);

  return { hidden, setShown, widths, onColumnResized };
}
