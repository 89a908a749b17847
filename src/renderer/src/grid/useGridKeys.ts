import type { GridApi } from 'ag-grid-community';
import { useEffect, type RefObject } from 'react';
import type { GridRow } from './types';

// The keys the grid owns, taken in the capture phase before AG Grid's own handling,
// and only from a cell that is not being edited. Ctrl+Z / Ctrl+Y pass through to the
// app's window-wide undo; typing, Enter, Tab and plain arrows are AG Grid's.

export type GridKeyAction = 'inputMethod' | 'copy' | 'fillDown' | 'selectAll' | 'clear' | 'extend';

type KeyInfo = Pick<KeyboardEvent, 'key' | 'keyCode' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** The grid's own action for a key, or null for a key it leaves to AG Grid and the app. */
export function keyAction(e: KeyInfo): GridKeyAction | null {
  const { key } = e;
  const mod = e.ctrlKey || e.metaKey;
  // A Chinese input method sends its keys as "Process" (keyCode 229).
  if (key === 'Process' || e.keyCode === 229) return 'inputMethod';
  if (mod) {
    if (e.altKey) return null;
    if (!e.shiftKey && (key === 'c' || key === 'C')) return 'copy';
    if (key === 'd' || key === 'D') return 'fillDown';
    if (key === 'a' || key === 'A') return 'selectAll';
    return null;
  }
  if (key === 'Delete' || key === 'Backspace') return 'clear';
  if (e.shiftKey && key.startsWith('Arrow')) return 'extend';
  return null;
}

export interface GridKeyActions {
  copy(): void;
  fillDown(): void;
  selectAll(): void;
  clear(): void;
  /** Shift+arrow: moves the range's far corner. */
  extend(arrowKey: string): void;
  /** Opens the focused cell's editor for the text an input method is composing. */
  editForInputMethod(): void;
}

/** True when the event comes from a grid cell that is not being edited (not the header, not a menu). */
export function fromIdleCell<R extends GridRow>(api: GridApi<R> | null, e: Event): boolean {
  return !!api && api.getEditingCells().length === 0 && !!(e.target as HTMLElement | null)?.closest('.ag-cell, .ag-row');
}

export function useGridKeys<R extends GridRow>(
  apiRef: RefObject<GridApi<R> | null>,
  wrapRef: RefObject<HTMLDivElement | null>,
  actions: GridKeyActions,
): void {
  const { copy, fillDown, selectAll, clear, extend, editForInputMethod } = actions;
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const onKey = (e: KeyboardEvent) => {
      if (!fromIdleCell(apiRef.current, e)) return;
      const action = keyAction(e);
      if (!action) return;
      if (action === 'inputMethod') {
        // Not taken from AG Grid: the composed text goes into the editor this opens.
        editForInputMethod();
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      if (action === 'extend') extend(e.key);
      else ({ copy, fillDown, selectAll, clear })[action]();
    };
    wrap.addEventListener('keydown', onKey, true);
    return () => wrap.removeEventListener('keydown', onKey, true);
  }, [apiRef, wrapRef, copy, fillDown, selectAll, clear, extend, editForInputMethod]);
}
